// Owns the names and formats of the auth cookies shared by next-auth, the proxy and the pages.
// No `server-only` here: the proxy imports it. Nothing secret is defined in this file.
import { createHash, randomBytes } from 'node:crypto';

const secure = () => (process.env.NEXTAUTH_URL ?? '').startsWith('https://');

export const sessionCookieName = () => `${secure() ? '__Secure-' : ''}next-auth.session-token`;
export const csrfCookieName = () => `${secure() ? '__Host-' : ''}next-auth.csrf-token`;
export const callbackCookieName = () => `${secure() ? '__Secure-' : ''}next-auth.callback-url`;
export const cookieSecure = secure;

// next-auth v4's double-submit CSRF format (core/lib/csrf-token.js): "<token>|sha256(token + secret)".
// The proxy issues it so a server-rendered form can carry the token without JavaScript.
export function newCsrfCookieValue(secret: string): string {
  const token = randomBytes(32).toString('hex');
  return `${token}|${csrfHash(token, secret)}`;
}

export function csrfTokenFrom(cookieValue: string | undefined, secret: string): string | null {
  const [token, hash] = (cookieValue ?? '').split('|');
  return token && hash === csrfHash(token, secret) ? token : null;
}

function csrfHash(token: string, secret: string): string {
  return createHash('sha256').update(`${token}${secret}`).digest('hex');
}
