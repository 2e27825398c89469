import NextAuth from 'next-auth';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { accountTag, failedSignInFields, loginThrottle } from '@/lib/auth/login-throttle';
import { authOptions, SIGNIN_THROTTLED } from '@/lib/auth/options';
import { withBasePath } from '@/lib/base-path';
import { audit } from '@/lib/log';
import { metrics } from '@/lib/metrics';

type Context = { params: Promise<{ nextauth: string[] }> };

// Built per request so configuration errors surface as a logged 500, not at import time of the build.
async function handler(req: Request, context: Context) {
  const { nextauth } = await context.params;
  if (req.method !== 'POST' || nextauth.join('/') !== 'callback/credentials') return NextAuth(authOptions())(req, context);
  // A locked-out account or client gets a 429 before next-auth (and IMAP) sees the attempt.
  const email = await submittedEmail(req.clone());
  const clientIp = clientIpFrom(req.headers);
  const lockedFor = () => (email ? loginThrottle().lockedFor(accountTag(email), clientIp) : Promise.resolve(null));
  const seconds = await lockedFor();
  if (seconds) {
    audit('sign_in_throttled', { ...failedSignInFields(email!), retryAfterSeconds: seconds });
    // Counted like the refusals authorize() makes itself (lib/auth/options.ts): one attempt, one count.
    metrics().signIns.inc({ outcome: 'throttled' });
    return throttledResponse(seconds);
  }
  const res = await NextAuth(authOptions())(req, context);
  // authorize() refused this attempt itself (it started the lockout): the browser gets the same 429.
  const location = res.headers.get('location');
  if (location && new URL(location, 'http://x').searchParams.get('error') === SIGNIN_THROTTLED) {
    return throttledResponse((await lockedFor()) ?? 60);
  }
  return res;
}

/** The address as next-auth will read it (its getBody: JSON or a urlencoded form), or null. */
async function submittedEmail(req: Request): Promise<string | null> {
  const type = req.headers.get('content-type') ?? '';
  try {
    const body: unknown = type.includes('application/json') ? await req.json() : Object.fromEntries(new URLSearchParams(await req.text()));
    const email = (body as { email?: unknown } | null)?.email;
    return typeof email === 'string' && email.trim() ? email.trim() : null;
  } catch {
    return null;
  }
}

function throttledResponse(seconds: number): Response {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const text = `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too many sign-in attempts · Satchel</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.5rem">Satchel</h1><p role="alert">${text}</p><p><a href="${withBasePath('/login')}">Back to sign-in</a></p></body></html>`;
  return new Response(html, {
    status: 429,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(seconds),
      'Cache-Control': 'no-store',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    },
  });
}

export { handler as GET, handler as POST };
