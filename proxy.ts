// Optimistic gate only: the data layer re-checks every session. Sends signed-out visitors of mail
// URLs to /login (and back after), and issues next-auth's CSRF cookie so forms work without JavaScript.
import { NextResponse, type NextRequest } from 'next/server';
import { csrfCookieName, csrfTokenFrom, newCsrfCookieValue, sessionCookieName, cookieSecure } from '@/lib/auth/cookies';

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const signedIn = request.cookies.has(sessionCookieName());
  if (!signedIn && pathname !== '/login') {
    const login = new URL('/login', request.url);
    login.searchParams.set('callbackUrl', `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? '';
  const name = csrfCookieName();
  if (csrfTokenFrom(request.cookies.get(name)?.value, secret)) return NextResponse.next();
  const value = newCsrfCookieValue(secret);
  // The page rendered in this same request must see the new cookie, so set it on the request too.
  request.cookies.set(name, value);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(name, value, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieSecure() });
  return response;
}

export const config = { matcher: ['/login', '/mail/:path*', '/compose'] };
