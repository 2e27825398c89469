// GET /login: the sign-in form, as a route handler so the page carries no client runtime (login-html.ts).
import type { NextRequest } from 'next/server';
import { csrfToken } from '@/lib/auth/csrf';
import { currentSession } from '@/lib/auth/current-session';
import { SETTINGS_REAUTH_FAILED, SIGNIN_DOMAIN_NOT_SERVED, SIGNIN_THROTTLED, SIGNIN_UNREACHABLE } from '@/lib/auth/options';
import { stripBasePath, withBasePath } from '@/lib/base-path';
import { defaultBranding } from '@/lib/domains';
import { PASSWORD_CHANGED } from '@/lib/mail/load-or-fail';
import { safeReturnPath } from '@/lib/safe-return-path';
import { loginHtml } from './login-html';

// What Next sends for its own per-request pages: the form carries a CSRF token, never store it.
const NO_STORE = 'private, no-cache, no-store, max-age=0, must-revalidate';

function errorText(code: string | null): string | null {
  if (!code) return null;
  if (code === 'CredentialsSignin') return 'Wrong email or password';
  if (code === SIGNIN_UNREACHABLE) return 'Mail server unreachable. Please try again in a moment.';
  if (code === SIGNIN_DOMAIN_NOT_SERVED) return 'This webmail does not serve addresses at that domain. Check the address, or ask your provider for the right webmail.';
  if (code === SIGNIN_THROTTLED) return 'Too many sign-in attempts. Please wait a few minutes and try again.';
  if (code === PASSWORD_CHANGED) return 'Your password was changed. Please sign in again.';
  if (code === SETTINGS_REAUTH_FAILED) return 'That password was not right, so you were signed out to protect your account. Please sign in again.';
  return 'Sign-in failed. Please try again.';
}

export async function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const callbackUrl = params.get('callbackUrl');
  // Either form of a return path: '/mail/INBOX' (ours, the proxy's) or one carrying BASE_PATH.
  const returnTo = callbackUrl ? safeReturnPath(stripBasePath(callbackUrl)) : null;
  if (await currentSession()) {
    // A route handler's Location gets no basePath from Next (lib/base-path.ts).
    return new Response(null, { status: 307, headers: { location: withBasePath(returnTo ?? '/mail/INBOX'), 'cache-control': NO_STORE } });
  }
  const html = loginHtml({
    message: errorText(params.get('error')),
    csrfToken: await csrfToken(),
    // next-auth's own default is the site's root, outside BASE_PATH: always say where to go.
    returnTo: returnTo ?? '/mail/INBOX',
    // Before sign-in the domain is unknown: the deployment's own branding.
    branding: defaultBranding(),
  });
  return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': NO_STORE } });
}
