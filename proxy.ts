// Runs before every non-static request. Four jobs, none of them authorization (the data layer re-checks
// every session): refuse forged state changes (403), send signed-out visitors of mail URLs to /login
// (and back after), issue next-auth's CSRF cookie so forms work without JavaScript, and set the
// per-response security headers (nonce CSP, HSTS). The static ones live in next.config.js.
// Besides: Outlook's capitalised Autodiscover path is rewritten to its one lower-case route.
import { NextResponse, type NextRequest } from 'next/server';
import { csrfCookieName, csrfTokenFrom, newCsrfCookieValue, sessionCookieName, cookieSecure } from '@/lib/auth/cookies';
import { newNonce, pagePolicy, strictTransportSecurity, wantsPagePolicy } from '@/lib/csp';
import { checkRequest, forbiddenResponse, isStatelessPost, requestFacts } from '@/lib/request-guard';

// Mail apps fetch their settings signed out: the autoconfig file is the one public URL under /mail/.
const isMailPage = (pathname: string) => (pathname === '/mail' || pathname.startsWith('/mail/')) && pathname !== '/mail/config-v1.1.xml';
const isProtected = (pathname: string) =>
  pathname === '/compose' || pathname === '/settings' || pathname.startsWith('/settings/') || isMailPage(pathname);
// Pages that render forms posting to next-auth (sign-in, sign-out) need the CSRF token in the HTML.
const needsCsrfCookie = (pathname: string) => pathname === '/login' || isProtected(pathname);

function signInRedirect(request: NextRequest): NextResponse {
  const { pathname, search } = request.nextUrl;
  // nextUrl keeps next.config.js basePath (BASE_PATH); a plain new URL('/login', …) would drop it.
  const login = request.nextUrl.clone();
  login.pathname = '/login';
  login.search = '';
  login.searchParams.set('callbackUrl', `${pathname}${search}`);
  // 303 for a POST (an expired session submitting a form): the browser follows with a GET.
  return NextResponse.redirect(login, request.method === 'GET' || request.method === 'HEAD' ? 307 : 303);
}

/** Outlook's capitalised Autodiscover path, served by the one lower-case route (see its route.ts). */
function autodiscoverRoute(request: NextRequest): URL {
  const url = request.nextUrl.clone();
  url.pathname = '/autodiscover/autodiscover.xml';
  return url;
}

/** Sets the CSRF cookie on the request (the page rendered now must see it) and returns it for the response. */
function ensureCsrfCookie(request: NextRequest): string | null {
  const secret = process.env.AUTH_SECRET ?? process.env.NEXTAUTH_SECRET ?? '';
  const name = csrfCookieName();
  if (csrfTokenFrom(request.cookies.get(name)?.value, secret)) return null;
  const value = newCsrfCookieValue(secret);
  request.cookies.set(name, value);
  return value;
}

export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const verdict = checkRequest(requestFacts(request.method, request.headers));
  if (!verdict.ok && !isStatelessPost(request.method, pathname, request.headers)) return forbiddenResponse();
  if (isProtected(pathname) && !request.cookies.has(sessionCookieName())) return signInRedirect(request);

  const newCsrf = request.method === 'GET' && needsCsrfCookie(pathname) ? ensureCsrfCookie(request) : null;
  const requestHeaders = new Headers(request.headers);
  const publicUrl = process.env.NEXTAUTH_URL;
  const policy = wantsPagePolicy(pathname)
    ? pagePolicy({ nonce: newNonce(), allowRemote: searchParams.get('remote') === '1', https: cookieSecure() })
    : null;
  // Next reads the nonce from the *request's* CSP header and stamps it on the scripts it renders.
  if (policy) requestHeaders.set('Content-Security-Policy', policy);
  const response =
    pathname === '/Autodiscover/Autodiscover.xml'
      ? NextResponse.rewrite(autodiscoverRoute(request), { request: { headers: requestHeaders } })
      : NextResponse.next({ request: { headers: requestHeaders } });
  if (policy) response.headers.set('Content-Security-Policy', policy);
  const hsts = strictTransportSecurity(publicUrl);
  if (hsts) response.headers.set('Strict-Transport-Security', hsts);
  if (newCsrf) {
    response.cookies.set(csrfCookieName(), newCsrf, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieSecure() });
  }
  return response;
}

// Everything except Next's static build output: pages, Server Action POSTs to pages, route handlers
// (incl. /api/auth/*). No file-extension exclusions: a folder named like a file (`/mail/logo.png`) is a page.
// Except the attachment upload: the proxy would buffer (and past 10 MB truncate) its streamed body; that
// route checks the session and the request's origin itself.
export const config = { matcher: ['/((?!_next/static|_next/image|favicon.ico|compose/attachments$).*)'] };
