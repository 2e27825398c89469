// Response headers: a nonce CSP that the production pages run under without a single violation,
// no framing of the app by another site (THREATS T24), and no Referer or opener for a link clicked
// in a message (T25). A second loopback origin plays "another site".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { rawMessage } from '../../scripts/mailserver/fixtures';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { frank } = mailEnv().users;
const otherPort = Number(new URL(baseUrl).port) + 6;
const other = `http://127.0.0.1:${otherPort}`;
type Visit = { path: string; referer: string | null };
const visits: Visit[] = [];
let server: http.Server;
let handle: BrowserHandle;
let uid: number;

/** The other site: /frame embeds a URL, /landing reports what a clicked link handed over. */
function otherSite(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url ?? '/', other);
  visits.push({ path: `${url.pathname}${url.search}`, referer: req.headers.referer ?? null });
  const html = (body: string) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html>${body}`);
  if (url.pathname === '/frame') return void html(`<iframe id="target" src="${url.searchParams.get('src') ?? ''}" width="600" height="400"></iframe>`);
  if (url.pathname === '/plain') return void html('<p>Plain page of the other site</p>');
  if (url.pathname === '/landing') {
    const report = "fetch('/report?opener=' + (window.opener === null ? 'null' : 'set') + '&referrer=' + encodeURIComponent(document.referrer))";
    return void html(`<p>Landed</p><script>${report}</script>`);
  }
  res.writeHead(204).end();
}

beforeAll(async () => {
  server = http.createServer(otherSite);
  await new Promise<void>((resolve) => server.listen(otherPort, '127.0.0.1', resolve));
  expect((server.address() as AddressInfo).port).toBe(otherPort);
  const html = `<html><body><p>Links in mail</p><p><a href="${other}/landing">Open the landing page</a></p></body></html>`;
  uid = await appendMessage('frank', 'INBOX', rawMessage({ From: 'Links <links@elsewhere.test>', To: frank.email, Subject: `Header test links ${Date.now()}`, 'Content-Type': 'text/html; charset=utf-8' }, html));
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const cspOf = (res: Response) => res.headers.get('content-security-policy') ?? '';
const nonceIn = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe('security headers', () => {
  it('give every page a fresh nonce CSP, and every script in the page that nonce', async () => {
    // /login has no script at all (app/login/login-html.ts); the not-found page, also open to anyone,
    // is rendered by Next with its scripts.
    const [a, b] = await Promise.all([fetch(`${baseUrl}/no-such-page`), fetch(`${baseUrl}/no-such-page`)]);
    const [cspA, cspB] = [cspOf(a), cspOf(b)];
    expect(nonceIn(cspA)).toBeTruthy();
    expect(nonceIn(cspA)).not.toBe(nonceIn(cspB));
    const scriptSrc = cspA.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toContain("'strict-dynamic'");
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(cspA).not.toContain('unsafe-eval');
    for (const directive of ["frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'"]) expect(cspA).toContain(directive);
    const html = await a.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonceIn(cspA)}"`);
    await b.arrayBuffer();
    expect(a.headers.get('x-frame-options')).toBe('DENY');
    expect(a.headers.get('x-content-type-options')).toBe('nosniff');
    expect(a.headers.get('referrer-policy')).toBe('same-origin');
    // Plain http here: HSTS only when NEXTAUTH_URL is https.
    expect(a.headers.get('strict-transport-security')).toBeNull();
    const login = await fetch(`${baseUrl}/login`);
    expect(nonceIn(cspOf(login))).toBeTruthy();
    expect(login.headers.get('x-frame-options')).toBe('DENY');
    expect(await login.text()).not.toMatch(/<script\b/);
  });

  it('leave the download routes their own sandbox policy', async () => {
    const context = await signedIn();
    const res = await context.request.get(`/mail/INBOX/${uid}/source`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-security-policy']).toBe("sandbox; default-src 'none'");
    await context.close();
  });
});

async function signedIn(): Promise<BrowserContext> {
  const context = await newContext(handle.browser, baseUrl);
  const page = await context.newPage();
  await signIn(page, frank.email, frank.password);
  await page.close();
  return context;
}

function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  return problems;
}

describe('the app under its CSP', () => {
  it('runs login, inbox, message and compose with scripts working and no CSP violation', async () => {
    const context = await newContext(handle.browser, baseUrl);
    const page = await context.newPage();
    const problems = watchConsole(page);
    await signIn(page, frank.email, frank.password);
    for (const path of ['/mail/INBOX', `/mail/INBOX/${uid}`, `/mail/INBOX/${uid}?remote=1`, '/compose', '/no-such-page']) {
      await page.goto(path);
      // window.next is set by Next's client runtime: proof the nonce'd scripts ran and hydrated.
      await page.waitForFunction(() => 'next' in window);
    }
    await page.goto(`/mail/INBOX/${uid}`);
    await page.frameLocator('iframe[title="Message body"]').getByText('Links in mail').waitFor();
    // A client-side navigation (an RSC fetch) works too.
    await page.getByRole('link', { name: 'Compose' }).click();
    await page.getByLabel('Subject').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('framing (T24)', () => {
  it('the app does not render inside another origin\'s iframe', async () => {
    const context = await newContext(handle.browser, other);
    const page = await context.newPage();
    const problems = watchConsole(page);
    // Control: the same page frames one of its own pages fine.
    await page.goto(`/frame?src=${encodeURIComponent(`${other}/plain`)}`);
    await expect.poll(() => page.frameLocator('#target').getByText('Plain page of the other site').count()).toBe(1);

    await page.goto(`/frame?src=${encodeURIComponent(`${baseUrl}/login`)}`);
    await page.waitForTimeout(1000);
    expect(await page.frameLocator('#target').getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    expect(await page.frameLocator('#target').getByLabel('Password').count()).toBe(0);
    expect(problems.join('\n')).toMatch(/frame-ancestors|X-Frame-Options|Refused to/);
    await context.close();
  });
});

describe('links in mail (T25)', () => {
  it('open with no Referer and no window.opener', async () => {
    const context = await signedIn();
    const page = await context.newPage();
    await page.goto(`/mail/INBOX/${uid}`);
    const link = page.frameLocator('iframe[title="Message body"]').getByRole('link', { name: 'Open the landing page' });
    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.getByText('Landed').waitFor();
    await expect.poll(() => visits.find((v) => v.path.startsWith('/report'))).toBeTruthy();
    const landing = visits.find((v) => v.path === '/landing');
    const report = new URL(visits.find((v) => v.path.startsWith('/report'))?.path ?? '', other).searchParams;
    expect(landing?.referer).toBeNull();
    expect(report.get('opener')).toBe('null');
    expect(report.get('referrer')).toBe('');
    await context.close();
  });
});
