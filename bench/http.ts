// Owns talking to the running app the way a browser without JavaScript does: cookies, CSRF token, sign-in, page loads.
import { performance } from 'node:perf_hooks';
import { MAIL_USERS, type MailUserName } from '../scripts/mailserver/env';

export const SESSION_COOKIE = 'next-auth.session-token';

/** "name=value" pairs from Set-Cookie headers, later ones replacing earlier ones. */
function mergeCookies(jar: Map<string, string>, res: Response): void {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

function csrfFromHtml(html: string): string {
  const m = /<input[^>]*name="csrfToken"[^>]*value="([^"]*)"/.exec(html) ?? /<input[^>]*value="([^"]*)"[^>]*name="csrfToken"/.exec(html);
  if (!m?.[1]) throw new Error('No csrfToken input on /login');
  return m[1];
}

export type SignedIn = { cookie: string; sessionToken: string; postMs: number };

/** GET /login for the CSRF cookie and token, then the timed POST to next-auth's credentials callback. */
export async function signIn(baseUrl: string, user: MailUserName): Promise<SignedIn> {
  const jar = new Map<string, string>();
  const login = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
  mergeCookies(jar, login);
  const csrfToken = csrfFromHtml(await login.text());
  const { email, password } = MAIL_USERS[user];
  const body = new URLSearchParams({ csrfToken, email, password, callbackUrl: '/mail/INBOX' });
  const start = performance.now();
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    // As a browser posts its own form: Satchel refuses state-changing requests without a same origin.
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar), origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body,
  });
  await res.arrayBuffer();
  const postMs = performance.now() - start;
  mergeCookies(jar, res);
  const location = res.headers.get('location') ?? '';
  const sessionToken = jar.get(SESSION_COOKIE);
  if (res.status !== 302 || location.includes('error') || !sessionToken) {
    throw new Error(`Sign-in as ${email} failed: HTTP ${res.status} → ${location}`);
  }
  return { cookie: cookieHeader(jar), sessionToken, postMs };
}

/** GET a page with the session cookie and read the whole body; throws unless it is a 200 (no redirect to /login). */
export async function loadPage(baseUrl: string, path: string, cookie: string): Promise<string> {
  const res = await fetch(`${baseUrl}${path}`, { redirect: 'manual', headers: { cookie } });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: HTTP ${res.status} ${res.headers.get('location') ?? ''}`);
  return html;
}

/** A sanity check on the first response, so a page that renders an error is not benchmarked as a fast one. */
export function expectMessageRows(html: string, path: string): void {
  const rows = html.split('<li').length - 1;
  if (!html.includes('aria-label="Messages"') || rows < 50) throw new Error(`GET ${path}: no message list in the page`);
}
