// Live updates in Chromium: mail delivered over SMTP appears in the open inbox without a reload (and
// the tab title counts it), flags changed in another mail app show up, and after a Dovecot restart
// (on a mail server and app of this file's own, never the shared ones) the open page recovers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readMailServerEnv, hostPort, type MailServerEnv } from '../../scripts/mailserver/env';
import { mailServerEnv, startApp, type AppServer } from '../support/app-server';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { uniqueSubject } from '../support/dal-session';
import { deliverInbound } from '../support/deliver';
import { mailEnv } from '../support/mail-env';

const root = path.resolve(__dirname, '../..');
const OWN_DIR = path.join(root, '.mailserver/live');
const shared = mailEnv();
const live = shared.users.live;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function withImap<T>(env: MailServerEnv, fn: (client: ImapFlow) => Promise<T>, folder = 'INBOX'): Promise<T> {
  const { host, port } = hostPort(env.imapUrl);
  const client = new ImapFlow({ host, port, secure: false, doSTARTTLS: true, tls: { ca: readFileSync(env.caFile) }, auth: { user: live.email, pass: live.password }, logger: false });
  client.on('error', () => {});
  await client.connect();
  const lock = await client.getMailboxLock(folder);
  try {
    return await fn(client);
  } finally {
    lock.release();
    await client.logout().catch(() => client.close());
  }
}

async function emptyInbox(env: MailServerEnv): Promise<void> {
  await withImap(env, async (client) => {
    if (client.mailbox && client.mailbox.exists > 0) await client.messageDelete('1:*');
  });
}

async function inbox(baseUrl: string, viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, live.email, live.password);
  expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
  // Survives only as long as the document does: proves later updates came without a reload.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  return page;
}

const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
const row = (page: Page, subject: string) => page.locator('a.msg-row', { hasText: subject });

/** Delivers over SMTP and returns how long the row took to appear after Postfix accepted it. */
async function deliverAndSee(page: Page, subject: string, env: MailServerEnv = shared, timeout = 20_000): Promise<number> {
  const accepted = await deliverInbound(live.email, subject, env);
  await row(page, subject).waitFor({ timeout });
  return Date.now() - accepted;
}

function recordFigures(name: string, figures: Record<string, unknown>): void {
  mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
  writeFileSync(path.join(root, `tests/artifacts/${name}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}

describe('live updates', () => {
  const baseUrl = inject('baseUrl');

  it('shows mail delivered over SMTP in the open inbox without a reload, and counts it in the tab title', async () => {
    await emptyInbox(shared);
    const page = await inbox(baseUrl);
    await expect.poll(() => page.title()).toBe('Inbox · Satchel');
    const latencies: number[] = [];
    for (let i = 1; i <= 3; i++) {
      latencies.push(await deliverAndSee(page, uniqueSubject(`Live arrival ${i}`)));
      await expect.poll(() => page.title()).toBe(`(${i}) Inbox · Satchel`);
    }
    expect(await row(page, 'Live arrival 1').getAttribute('data-unread')).toBe('true');
    expect(await sameDocument(page)).toBe(true);
    recordFigures('live-latency', { smtpAcceptedToRowMs: latencies, medianMs: [...latencies].sort((a, b) => a - b)[1] });
    await screenshot(page, 'live-inbox-desktop');
    // The stream as the production server sends it: unbuffered, uncompressed, for signed-in tabs only.
    const stream = await page.evaluate(async () => {
      const abort = new AbortController();
      const res = await fetch('/api/live?folder=INBOX', { signal: abort.signal, headers: { 'Accept-Encoding': 'gzip' } });
      const reader = res.body!.getReader();
      const first = new TextDecoder().decode((await reader.read()).value);
      abort.abort();
      return { status: res.status, headers: Object.fromEntries(res.headers), first };
    });
    expect(stream.status).toBe(200);
    expect(stream.headers).toMatchObject({ 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' });
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.first).toContain('retry:');
    expect((await fetch(`${baseUrl}/api/live?folder=INBOX`)).status).toBe(401);
    // A fresh load carries the same count in the server-rendered title.
    await page.reload();
    expect(await page.title()).toBe('(3) Inbox · Satchel');
    await page.context().close();
  }, 120_000);

  it('shows flags changed by another mail app in the open list', async () => {
    await emptyInbox(shared);
    const subject = uniqueSubject('Flag elsewhere');
    const page = await inbox(baseUrl, PHONE);
    await deliverAndSee(page, subject);
    await expect.poll(() => page.title()).toBe('(1) Inbox · Satchel');
    await withImap(shared, async (client) => {
      const uids = await client.search({ subject }, { uid: true });
      await client.messageFlagsAdd(uids || [], ['\\Seen', '\\Flagged'], { uid: true });
    });
    await expect.poll(() => row(page, subject).getAttribute('data-unread'), { timeout: 10_000 }).toBeNull();
    await row(page, subject).getByRole('img', { name: 'Flagged' }).waitFor();
    await expect.poll(() => page.title()).toBe('Inbox · Satchel');
    expect(await sameDocument(page)).toBe(true);
    await screenshot(page, 'live-flags-phone');
    await page.context().close();
  }, 120_000);
});

describe('after a Dovecot restart', () => {
  let own: MailServerEnv;
  let app: AppServer;
  const script = (verb: string) =>
    execFileSync('bash', [path.join(root, 'scripts/mailserver.sh'), verb], {
      env: { ...process.env, MAILSERVER_DIR: OWN_DIR, MAILSERVER_PORT_BASE: '13000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });

  beforeAll(async () => {
    script('start');
    own = readMailServerEnv(OWN_DIR);
    app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 7, mailServerEnv(OWN_DIR));
  });

  afterAll(async () => {
    await app?.stop();
    script('stop');
  });

  it('the open inbox says the mail server is unreachable while it is down, then recovers without a reload', async () => {
    await emptyInbox(own);
    const page = await inbox(app.baseUrl, PHONE);
    await deliverAndSee(page, uniqueSubject('Before the outage'), own);
    script('stop-dovecot');
    const notice = page.getByRole('status').filter({ hasText: 'Mail server unreachable — reconnecting…' });
    await notice.waitFor({ timeout: 15_000 });
    await screenshot(page, 'live-server-down-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'live-server-down-desktop');
    // Postfix queues what arrives meanwhile; Dovecot gets it once it is back.
    const meanwhile = uniqueSubject('During the outage');
    await deliverInbound(live.email, meanwhile, own);
    script('start');
    const dovecotBack = Date.now();
    await expect.poll(() => notice.count(), { timeout: 40_000 }).toBe(0);
    const reconnectedMs = Date.now() - dovecotBack;
    // Postfix retries deferred mail only every few minutes: flush it now that Dovecot takes mail again.
    execFileSync('postqueue', ['-c', path.join(OWN_DIR, 'postfix'), '-f']);
    await row(page, meanwhile).waitFor({ timeout: 30_000 });
    expect(await sameDocument(page)).toBe(true);
    recordFigures('live-outage', { dovecotBackToReconnectedMs: reconnectedMs });
    await page.context().close();
  }, 180_000);

  it('recovers from a real restart: new mail appears and the page keeps working', async () => {
    await emptyInbox(own);
    const page = await inbox(app.baseUrl);
    await deliverAndSee(page, uniqueSubject('Before the restart'), own);
    const restartStarted = Date.now();
    script('restart-dovecot');
    const dovecotBack = Date.now();
    const after = uniqueSubject('After the restart');
    const seenAfterMs = await deliverAndSee(page, after, own, 40_000);
    expect(await sameDocument(page)).toBe(true);
    // The pooled command connection recovers too: the new message opens.
    await row(page, after).click();
    await page.getByRole('heading', { name: after }).waitFor();
    recordFigures('live-restart', { restartScriptMs: dovecotBack - restartStarted, deliveredAfterRestartToRowMs: seenAfterMs });
    await page.context().close();
  }, 180_000);
});
