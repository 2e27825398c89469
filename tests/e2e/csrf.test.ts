// Request forgery and requests that must never reach mail: CSRF from another loopback origin and from
// a sandboxed frame (THREATS T10), sending without a session (T15), From/Sender/Reply-To from the
// form (T16), folder names carrying IMAP commands (T20), the middleware-subrequest bypass (T23),
// and what the session cookie holds (T12).
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { decode } from 'next-auth/jwt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Request as PwRequest } from 'playwright-core';
import { htmlWithAttachment } from '../../scripts/mailserver/fixtures';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, findMessages, waitForMessage, withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { frank, outside } = mailEnv().users;
const attackerPort = Number(new URL(baseUrl).port) + 5;
const attacker = `http://127.0.0.1:${attackerPort}`;
const run = randomUUID().slice(0, 8);
const pages = new Map<string, string>();
let server: http.Server;
let handle: BrowserHandle;
let uid: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    if (html) res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><body>${html}</body>`);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(attackerPort, '127.0.0.1', resolve));
  uid = await appendMessage('frank', 'INBOX', await htmlWithAttachment({ to: frank.email }));
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function frankContext(): Promise<BrowserContext> {
  const context = await newContext(handle.browser, baseUrl);
  const page = await context.newPage();
  await signIn(page, frank.email, frank.password);
  await page.close();
  return context;
}

/** The hidden `$ACTION_…` fields of the compose page's no-JS form: with them a POST runs sendAction. */
async function composeActionFields(context: BrowserContext): Promise<Record<string, string>> {
  const html = await (await context.request.get('/compose')).text();
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const fields: Record<string, string> = {};
  for (const [tag] of html.matchAll(/<input[^>]*name="\$ACTION[^"]*"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(tag)?.[1] ?? '';
    fields[unescape(name)] = unescape(/value="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  expect(Object.keys(fields).length).toBeGreaterThan(0);
  return fields;
}

const mail = (subject: string) => ({ to: 'someone@elsewhere.test', subject, body: 'Forged.', sendId: randomUUID() });
const json = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const autoForm = (action: string, fields: Record<string, string>, enctype = 'multipart/form-data') =>
  `<form id="f" method="post" action="${action}" enctype="${enctype}"></form><script>const f = document.getElementById('f');
  for (const [name, value] of Object.entries(${json(fields)})) { const i = document.createElement('input'); i.type = 'hidden'; i.name = name; i.value = value; f.appendChild(i); }
  setTimeout(() => f.submit(), 300);</script>`;
const noCorsFetch = (action: string, fields: Record<string, string>) =>
  `<script>{ const fd = new FormData(); for (const [n, v] of Object.entries(${json(fields)})) fd.append(n, v);
  setTimeout(() => fetch(${json(action)}, { method: 'POST', body: fd, credentials: 'include', mode: 'no-cors' }).catch(() => {}), 300); }</script>`;
const sandboxed = (src: string) => `<iframe sandbox="allow-scripts allow-forms" src="${src}"></iframe>`;

describe('cross-origin requests with the victim signed in (T10)', () => {
  it('are refused with 403: nothing sent, session intact; the same form from our origin works', async () => {
    const context = await frankContext();
    const action = await composeActionFields(context);
    const compose = `${baseUrl}/compose`;
    const signout = { callbackUrl: '/login' };
    const login = { email: outside.email, password: outside.password, callbackUrl: '/mail/INBOX' };
    pages.set('/compose-form', autoForm(compose, { ...action, ...mail(`CSRF attack ${run} form`) }));
    pages.set('/compose-fetch', noCorsFetch(compose, { ...action, ...mail(`CSRF attack ${run} fetch`) }));
    pages.set('/signout-form', autoForm(`${baseUrl}/api/auth/signout`, signout, 'application/x-www-form-urlencoded'));
    pages.set('/login-form', autoForm(`${baseUrl}/api/auth/callback/credentials`, login, 'application/x-www-form-urlencoded'));
    pages.set('/fetch-all', [noCorsFetch(`${baseUrl}/api/auth/signout`, signout), noCorsFetch(`${baseUrl}/api/auth/callback/credentials`, login)].join(''));
    pages.set('/sandboxed-form', autoForm(compose, { ...action, ...mail(`CSRF attack ${run} sandboxed form`) }));
    pages.set('/sandboxed-fetch', noCorsFetch(compose, { ...action, ...mail(`CSRF attack ${run} sandboxed fetch`) }));
    pages.set('/sandboxed', sandboxed('/sandboxed-form') + sandboxed('/sandboxed-fetch'));

    const posts: PwRequest[] = [];
    context.on('request', (r) => {
      if (r.method() !== 'GET' && r.url().startsWith(baseUrl)) posts.push(r);
    });
    const seen: Seen[] = [];
    // A page per attack, closed once its requests are answered, so no navigation interrupts another.
    for (const [path, count] of [['/compose-form', 1], ['/compose-fetch', 1], ['/signout-form', 1], ['/login-form', 1], ['/fetch-all', 2], ['/sandboxed', 2]] as const) {
      const attackPage = await context.newPage();
      await attackPage.goto(`${attacker}${path}`);
      await expect.poll(() => posts.length, { message: path }).toBe(seen.length + count);
      for (const request of posts.slice(seen.length)) seen.push(await observe(request));
      await attackPage.close();
    }
    // A form navigation shows its 403; a no-cors fetch's 403 the browser then withholds from the page
    // (Cross-Origin-Resource-Policy). Playwright does not report every header of a withheld request, so
    // each is also replayed from here with the origin the browser sends, frank's cookies and the same body.
    expect(seen.filter((s) => s.outcome === '403')).toHaveLength(4); // the four top-level forms
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    for (const [i, s] of seen.entries()) {
      expect(s.outcome, s.url).toMatch(/^(403|net::ERR_BLOCKED_BY_RESPONSE\.NotSameOrigin)$/);
      const origin = i < 6 ? attacker : 'null';
      expect(await replay(s, { cookie, origin, 'sec-fetch-site': i < 6 ? 'same-site' : 'cross-site' }), s.url).toBe(403);
      expect(await replay(s, { cookie, origin }), `${s.url} without Sec-Fetch-Site`).toBe(403);
    }

    // Still signed in as frank (not signed out, not signed in as the attacker's account).
    expect(await (await context.request.get('/api/auth/session')).json()).toMatchObject({ user: { email: frank.email } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/mail/INBOX`);
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');

    // Control: the very same fields from our own origin do send, and the form cannot pick From/Sender/Reply-To (T16).
    const control = { ...action, ...mail(`CSRF control ${run}`), from: 'ceo@other.test', sender: 'boss@other.test', replyTo: 'x@evil.test' };
    const sent = await context.request.post(compose, { multipart: control, headers: { origin: baseUrl }, maxRedirects: 0 });
    expect(sent.status()).toBe(303);
    const delivered = await waitForMessage('outside', 'INBOX', `CSRF control ${run}`);
    const head = delivered.source.toString('utf8').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(new RegExp(`^From: ${frank.email}\\r?$`, 'm'));
    expect(head).not.toMatch(/^(Sender|Reply-To):/im);
    expect(await findMessages('outside', 'INBOX', `CSRF attack ${run}`)).toEqual([]);
    expect(await findMessages('frank', 'Sent', `CSRF attack ${run}`)).toEqual([]);
    await context.close();
  });
});

type Seen = { url: string; method: string; headers: Record<string, string>; body: Buffer | null; outcome: string };

/** What the browser sent and got: the status, or the reason the browser withheld the response. */
async function observe(request: PwRequest): Promise<Seen> {
  const response = await request.response();
  const outcome = response ? String(response.status()) : (request.failure()?.errorText ?? 'no response');
  return { url: request.url(), method: request.method(), headers: await request.allHeaders(), body: request.postDataBuffer(), outcome };
}

/** Sends a request's body again with the given headers (and its own Content-Type). */
async function replay(seen: Seen, headers: Record<string, string>): Promise<number> {
  const body = seen.body ? new Uint8Array(seen.body) : undefined;
  const type = seen.headers['content-type'];
  const res = await fetch(seen.url, { method: seen.method, headers: { ...headers, ...(type ? { 'content-type': type } : {}) }, body, redirect: 'manual' });
  await res.arrayBuffer();
  return res.status;
}

const REDIRECT_OR_401 = [302, 303, 307, 308, 401];

describe('without a session (T15, T23)', () => {
  it('the compose action sends nothing, with no cookie or a forged one', async () => {
    const context = await frankContext();
    const action = await composeActionFields(context);
    await context.close();
    const anon = await newContext(handle.browser, baseUrl);
    for (const cookie of [undefined, 'next-auth.session-token=forged']) {
      const headers: Record<string, string> = { origin: baseUrl, ...(cookie ? { cookie } : {}) };
      const res = await anon.request.post('/compose', { multipart: { ...action, ...mail(`No session ${run}`) }, headers, maxRedirects: 0 });
      expect(REDIRECT_OR_401).toContain(res.status());
      if (res.status() !== 401) expect(res.headers().location).toContain('/login');
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(await findMessages('outside', 'INBOX', `No session ${run}`)).toEqual([]);
    expect(await findMessages('frank', 'Sent', `No session ${run}`)).toEqual([]);
    await anon.close();
  });

  it('x-middleware-subrequest does not skip any check: no route returns mail', async () => {
    const anon = await newContext(handle.browser, baseUrl);
    const routes = ['/mail/INBOX', `/mail/INBOX/${uid}`, `/mail/INBOX/${uid}/source`, `/mail/INBOX/${uid}/attachments/0`, '/compose'];
    for (const name of ['middleware', 'proxy', 'src/middleware', 'src/proxy']) {
      const headers = { 'x-middleware-subrequest': Array(5).fill(name).join(':') };
      for (const cookie of [undefined, 'next-auth.session-token=forged']) {
        for (const route of routes) {
          const res = await anon.request.get(route, { headers: { ...headers, ...(cookie ? { cookie } : {}) }, maxRedirects: 0 });
          expect(REDIRECT_OR_401, `${route} ${name} ${cookie}`).toContain(res.status());
          expect(await res.text()).not.toMatch(/Quarterly report|Revenue grew|%PDF/);
        }
      }
    }
    await anon.close();
  });
});

describe('folder names (T20)', () => {
  it('a folder URL carrying an IMAP command is not found, and INBOX is untouched', async () => {
    const context = await frankContext();
    const res = await context.request.get('/mail/INBOX%0D%0AA1%20DELETE%20INBOX', { maxRedirects: 0 });
    expect(res.status()).toBe(404);
    expect((await context.request.get('/mail/INBOX')).status()).toBe(200);
    const status = await withUserImap('frank', (client) => client.status('INBOX', { messages: true }));
    expect(status && status.messages).toBeGreaterThan(0);
    await context.close();
  });
});

describe('the session cookie (T12)', () => {
  it('decrypts to a session id, key and address: no password', async () => {
    const context = await frankContext();
    const cookie = (await context.cookies()).find((c) => c.name === 'next-auth.session-token');
    const token = await decode({ token: cookie?.value, secret: inject('authSecret') });
    expect(token?.email).toBe(frank.email);
    expect(typeof token?.sid).toBe('string');
    expect(typeof token?.key).toBe('string');
    const allowed = ['sid', 'key', 'email', 'name', 'picture', 'sub', 'iat', 'exp', 'jti'];
    expect(Object.keys(token ?? {}).filter((k) => !allowed.includes(k))).toEqual([]);
    expect(JSON.stringify(token)).not.toContain(frank.password);
    expect(cookie?.value).not.toContain(frank.password);
    await context.close();
  });
});
