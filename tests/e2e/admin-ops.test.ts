// Operating one standalone node with two domains on two mail servers (DOMAINS_FILE): each domain's
// users reach their own server and branding, an unlisted domain is refused before any IMAP
// connection, Prometheus metrics move, and SIGTERM lets a send in progress finish before exiting 0.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../support/admin-http';
import { mailServerInstance } from '../support/admin-mailserver';
import { startApp, type AppServer } from '../support/app-server';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

// Several sign-ins and sends per test on a shared, busy machine.
vi.setConfig({ testTimeout: 240_000 });

const { grace } = mailEnv().users;
const otherAdmin = { email: 'admin@other.test', password: 'admin-pass-1' };
const other = mailServerInstance('a1-ops', 15000, 'other.test');
const METRICS = 'http://127.0.0.1:9464/metrics';
let app: AppServer;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  await other.start();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'satchel-a1-ops-')), 'domains.json');
  writeFileSync(
    file,
    JSON.stringify({
      branding: { productName: 'Hoster Mail', accentColor: '#0f766e' },
      domains: {
        'satchel.test': { branding: { productName: 'Satchel Test Mail' } },
        'other.test': { imap: other.env.imapUrl, smtp: other.env.smtpUrl, tls: { caFile: other.env.caFile }, branding: { productName: 'Other Mail', accentColor: '#b45309' } },
      },
    }),
  );
  app = await startApp(3113, { DOMAINS_FILE: file, METRICS_PORT: '9464', UNDO_SEND_SECONDS: '0' });
  handle = await launchBrowser();
  browser = handle.browser;
}, 180_000);

afterAll(async () => {
  await handle?.close();
  await app?.stop();
  await other.stop();
});

async function metric(name: string): Promise<number> {
  const text = await (await fetch(METRICS)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

async function brandShown(page: Page, name: string): Promise<void> {
  await page.getByRole('banner').getByText(name, { exact: true }).waitFor();
}

describe('two domains on one node', () => {
  it('shows the deployment’s branding before sign-in and each domain’s after', async () => {
    for (const [label, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
      const context = await newContext(browser, app.baseUrl, { viewport });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByRole('heading', { name: 'Hoster Mail' }).waitFor();
      await screenshot(page, `admin-login-${label}`);
      await signIn(page, grace.email, grace.password);
      await brandShown(page, 'Satchel Test Mail');
      await screenshot(page, `admin-inbox-satchel-${label}`);
      await context.close();
    }
    const context = await newContext(browser, app.baseUrl, { viewport: PHONE });
    const page = await context.newPage();
    // admin@other.test exists only on the other mail server.
    await signIn(page, otherAdmin.email, otherAdmin.password);
    await brandShown(page, 'Other Mail');
    const accent = await page.getByRole('link', { name: 'Compose' }).first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(accent).toBe('rgb(180, 83, 9)');
    await screenshot(page, 'admin-inbox-other-phone');
    await context.close();
  });

  it('refuses an unlisted domain with a clear message, before any IMAP connection', async () => {
    const refusedBefore = await metric('satchel_sign_ins_total{outcome="refused_domain"}');
    const client = new HttpClient(app.baseUrl);
    const to = await client.signIn('someone@unlisted.example', 'whatever-1');
    expect(to.pathname).toBe('/login');
    expect(to.searchParams.get('error')).toBe('domain_not_served');
    const html = await (await client.get(`${to.pathname}${to.search}`)).text();
    expect(html).toContain('This webmail does not serve addresses at that domain');
    expect(await metric('satchel_sign_ins_total{outcome="refused_domain"}')).toBe(refusedBefore + 1);
  });
});

describe('metrics', () => {
  it('counts sign-ins and sends and times each upstream server', async () => {
    const okBefore = await metric('satchel_sign_ins_total{outcome="ok"}');
    const context = await newContext(browser, app.baseUrl);
    const page = await context.newPage();
    await signIn(page, grace.email, grace.password);
    expect(await metric('satchel_sign_ins_total{outcome="ok"}')).toBe(okBefore + 1);
    const sentBefore = await metric('satchel_sends_total{outcome="ok"}');
    const subject = `a1 metrics ${randomUUID()}`;
    await page.goto('/compose');
    await page.getByLabel('To', { exact: true }).fill(grace.email);
    await page.getByLabel('Subject', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Counted, never logged.');
    await page.getByRole('button', { name: 'Send' }).click();
    await waitForMessage('grace', 'INBOX', subject);
    await expect.poll(() => metric('satchel_sends_total{outcome="ok"}')).toBe(sentBefore + 1);
    const text = await (await fetch(METRICS)).text();
    expect(text).toMatch(/satchel_smtp_send_seconds_count\{upstream="127\.0\.0\.1:12587",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/satchel_imap_connect_seconds_count\{upstream="127\.0\.0\.1:12143",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/satchel_imap_connect_seconds_count\{upstream="127\.0\.0\.1:15143",outcome="ok"\} [1-9]/);
    expect(await metric('satchel_imap_connections')).toBeGreaterThan(0);
    expect(await metric('satchel_active_sessions')).toBeGreaterThan(0);
    expect(text).not.toContain(grace.email);
    await context.close();
  });
});

describe('graceful shutdown', () => {
  it('on SIGTERM finishes the send in progress, logs out of IMAP and exits 0', async () => {
    const context = await newContext(browser, app.baseUrl);
    const page = await context.newPage();
    await signIn(page, grace.email, grace.password);
    const subject = `a1 shutdown ${randomUUID()}`;
    await page.goto('/compose');
    await page.getByLabel('To', { exact: true }).fill(grace.email);
    await page.getByLabel('Subject', { exact: true }).fill(subject);
    await page.getByLabel('Message', { exact: true }).fill('Sent while the node stops.');
    const posted = page.waitForRequest((r) => r.method() === 'POST');
    await page.getByRole('button', { name: 'Send' }).click();
    await posted;
    const stopped = app.stop();
    await waitForMessage('grace', 'INBOX', subject, 30_000);
    await stopped;
    expect(app.exitCode()).toBe(0);
    const log = readFileSync(app.logFile, 'utf8');
    expect(log).toMatch(/"event":"shutdown_done","unfinished":0/);
    await context.close().catch(() => undefined);
  });
});
