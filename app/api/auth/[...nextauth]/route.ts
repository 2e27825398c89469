import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request so configuration errors surface as a logged 500, not at import time of the build.
async function handler(req: Request, context: Context) {
  return NextAuth(authOptions())(req, context);
}

export { handler as GET, handler as POST };
