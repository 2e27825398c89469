// A signed-in HTTP client for Satchel without a browser: a cookie jar, sign-in through next-auth's
// credentials form (with the CSRF token the login page carries) and sign-out.
export class HttpClient {
  readonly cookies = new Map<string, string>();

  constructor(public baseUrl: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response): Response {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (/expires=Thu, 01 Jan 1970|max-age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  async get(path: string, baseUrl = this.baseUrl): Promise<Response> {
    return this.keep(await fetch(`${baseUrl}${path}`, { headers: { Cookie: this.cookieHeader() }, redirect: 'manual' }));
  }

  async post(path: string, form: Record<string, string>, baseUrl = this.baseUrl): Promise<Response> {
    return this.keep(
      await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { Cookie: this.cookieHeader(), Origin: baseUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
        redirect: 'manual',
      }),
    );
  }

  /** next-auth's CSRF token: the part of its double-submit cookie before the "|". */
  csrfToken(): string {
    const entry = [...this.cookies].find(([name]) => name.endsWith('next-auth.csrf-token'));
    return decodeURIComponent(entry?.[1] ?? '').split('|')[0] ?? '';
  }

  /** Signs in; returns where next-auth sent the browser (the mail view, or /login?error=…). */
  async signIn(email: string, password: string): Promise<URL> {
    await (await this.get('/login')).text();
    const res = await this.post('/api/auth/callback/credentials', { csrfToken: this.csrfToken(), email, password, callbackUrl: '/mail/INBOX' });
    let to = new URL(res.headers.get('location') ?? '/', this.baseUrl);
    // A refusal thrown by authorize() passes through next-auth's /api/auth/error, which redirects to /login.
    if (to.pathname === '/api/auth/error') to = new URL((await this.get(`${to.pathname}${to.search}`)).headers.get('location') ?? '/', this.baseUrl);
    return to;
  }

  async signOut(baseUrl = this.baseUrl): Promise<void> {
    await this.post('/api/auth/signout', { csrfToken: this.csrfToken(), callbackUrl: '/login' }, baseUrl);
  }

  /** True when this client's session opens the inbox on that node (not a redirect to /login). */
  async signedInAt(baseUrl = this.baseUrl): Promise<boolean> {
    const res = await this.get('/mail/INBOX', baseUrl);
    await res.text();
    return res.status === 200;
  }
}
