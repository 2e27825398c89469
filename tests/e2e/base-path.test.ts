// Served under a path (BASE_PATH=/webmail, issue 6): the second build scripts/test.sh makes
// (BASE_PATH_DIST_DIR, .next-basepath by default), walked through as grace with and without
// JavaScript. Every request the browser makes and every link or form in the pages stays under /webmail.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startApp, type AppServer } from '../support/app-server';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, type BrowserHandle } from '../support/browser';
import { appendMessage, waitForMessage, withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const BASE = '/webmail';
const DIST = process.env.BASE_PATH_DIST_DIR || '.next-basepath';
// +8: a port of each test run's block of ten that no other test file uses.
const PORT = Number(process.env.E2E_PORT ?? 3100) + 8;
const { grace } = mailEnv().users;
// One token in every subject this file writes: found, and cleaned up, by it alone (grace is shared with admin-ops).
const TOKEN = `bp${randomUUID().slice(0, 8)}`;
const SUBJECT = `Base path ${TOKEN} report`;
const REPORT = Buffer.from(`quarterly figures ${TOKEN}\n`.repeat(40));

let app: AppServer;
let handle: BrowserHandle;
let browser: Browser;
let uid = 0;

const under = (pathname: string) => pathname === BASE || pathname.startsWith(`${BASE}/`);

beforeAll(async () => {
  const server = path.resolve(__dirname, '../..', DIST, 'standalone/server.js');
  if (!existsSync(server)) {
    throw new Error(`No BASE_PATH build in ${DIST}: scripts/test.sh makes it; by hand: NEXT_DIST_DIR=${DIST} BASE_PATH=${BASE} npx next build`);
  }
  const raw = [
    `From: Ada <ada@satchel.test>`,
    `To: ${grace.email}`,
    `Subject: ${SUBJECT}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${TOKEN}@satchel.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'The figures are attached.',
    '--b1',
    'Content-Type: text/plain; name="report.txt"',
    'Content-Disposition: attachment; filename="report.txt"',
    'Content-Transfer-Encoding: base64',
    '',
    REPORT.toString('base64').replace(/.{76}/g, '$&\r\n'),
    '--b1--',
    '',
  ].join('\r\n');
  uid = await appendMessage('grace', 'INBOX', raw);
  app = await startApp(PORT, {
    NEXT_DIST_DIR: DIST,
    BASE_PATH: BASE,
    NEXTAUTH_URL: `http://127.0.0.1:${PORT}${BASE}/api/auth`,
    UNDO_SEND_SECONDS: '0',
  });
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
  await app?.stop();
  await withUserImap('grace', async (client) => {
    for (const folder of await client.list()) {
      if (folder.flags.has('\\Noselect')) continue;
      const lock = await client.getMailboxLock(folder.path);
      try {
        const found = await client.search({ subject: TOKEN }, { uid: true });
        if (found && found.length > 0) await client.messageDelete(found, { uid: true });
      } finally {
        lock.release();
      }
    }
  });
});

/** Every request of the context, and every answer that was an error: both must stay empty of strays. */
function watch(context: BrowserContext) {
  const outside: string[] = [];
  const failed: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!/^https?:$/.test(url.protocol)) return;
    if (url.origin !== app.baseUrl || !under(url.pathname)) outside.push(`${request.method()} ${request.url()}`);
  });
  context.on('response', (response) => {
    if (response.status() === 404 || response.status() >= 500) failed.push(`${response.status()} ${response.url()}`);
  });
  return { outside, failed };
}

/** Same-origin links, forms and resources of the page that would leave /webmail. */
function strayLinks(page: Page): Promise<string[]> {
  return page.evaluate((base) => {
    const urls = [
      ...Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'), (a) => a.href),
      ...Array.from(document.querySelectorAll<HTMLFormElement>('form[action]'), (f) => f.action),
      ...Array.from(document.querySelectorAll<HTMLImageElement | HTMLScriptElement>('img[src], script[src]'), (e) => e.src),
      ...Array.from(document.querySelectorAll<HTMLLinkElement>('link[href]'), (l) => l.href),
    ];
    return urls.filter((u) => {
      const url = new URL(u, location.href);
      return url.origin === location.origin && url.pathname !== base && !url.pathname.startsWith(`${base}/`);
    });
  }, BASE);
}

async function expectNoStrays(page: Page): Promise<void> {
  expect(await strayLinks(page), `links leaving ${BASE} on ${page.url()}`).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  // A signed-out visit to a mail page goes to the sign-in form, and back there after.
  await page.goto(`${BASE}/mail/INBOX`);
  await page.waitForURL((url) => url.pathname === `${BASE}/login`);
  await expectNoStrays(page);
  await page.getByLabel('Email').fill(grace.email);
  await page.getByLabel('Password').fill(grace.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX`);
}

describe(`served under ${BASE}`, () => {
  it('with JavaScript: list, message and attachment, search, sort, conversations, compose, send and sign-out stay under it', async () => {
    const context = await newContext(browser, app.baseUrl, { viewport: DESKTOP });
    const seen = watch(context);
    const page = await context.newPage();
    await signIn(page);
    const row = page.getByRole('link', { name: new RegExp(SUBJECT) });
    await row.waitFor();
    expect(await row.getAttribute('href')).toBe(`${BASE}/mail/INBOX/${uid}`);
    // Live updates (EventSource) start a moment after the page has loaded.
    await page.waitForRequest((r) => r.url().startsWith(`${app.baseUrl}${BASE}/api/live?`), { timeout: 15_000 });
    await expectNoStrays(page);

    // Desktop: the message opens in the reading pane by a client-side navigation.
    await row.click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX/${uid}`);
    await page.getByRole('heading', { name: SUBJECT }).waitFor();
    await expectNoStrays(page);
    await screenshot(page, 'base-path-message-desktop');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /report\.txt/ }).click()]);
    expect(new URL(download.url()).pathname).toMatch(new RegExp(`^${BASE}/mail/INBOX/${uid}/attachments/`));
    expect(readFileSync(await download.path()).equals(REPORT)).toBe(true);
    const source = await page.getByRole('link', { name: 'Download source' }).getAttribute('href');
    expect(source).toBe(`${BASE}/mail/INBOX/${uid}/source`);
    expect(await (await context.request.get(source!)).text()).toContain(`Subject: ${SUBJECT}`);

    // The top bar's search is a plain GET form.
    await page.locator('#search').fill(TOKEN);
    await page.locator('#search').press('Enter');
    await page.waitForURL((url) => url.pathname === `${BASE}/search`);
    await page.getByRole('link', { name: new RegExp(SUBJECT) }).waitFor();
    await expectNoStrays(page);

    // Sort and the conversation view are plain links on the list.
    await page.goto(`${BASE}/mail/INBOX`);
    await page.locator('summary[aria-label^="Sort"]').click();
    await page.getByRole('link', { name: 'Oldest first' }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX` && url.searchParams.get('dir') === 'asc');
    await page.getByRole('link', { name: 'Conversations' }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX` && url.searchParams.get('view') === 'threads');
    await expectNoStrays(page);
    await page.goto(`${BASE}/mail/INBOX?view=threads`);
    await page.getByRole('link', { name: new RegExp(SUBJECT) }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX/${uid}` && url.searchParams.get('view') === 'threads');
    await page.getByRole('heading', { name: SUBJECT }).waitFor();

    // Compose: recipient suggestions (fetch), an upload (XHR), the draft saved, the message sent.
    await page.getByRole('link', { name: 'Compose' }).first().click();
    await page.waitForURL((url) => url.pathname === `${BASE}/compose`);
    await page.locator('.compose-rich').waitFor();
    const to = page.getByRole('combobox', { name: 'To', exact: true });
    const suggest = page.waitForResponse((r) => r.url().startsWith(`${app.baseUrl}${BASE}/api/recipients?q=`));
    await to.pressSequentially('grace');
    expect((await suggest).status()).toBe(200);
    await to.fill(grace.email);
    await to.press('Enter');
    const sentSubject = `Base path ${TOKEN} note to self`;
    await page.getByLabel('Subject').fill(sentSubject);
    await page.locator('.compose-rich').click();
    await page.keyboard.type('Sent from under /webmail.');
    await page.locator('input[type=file]').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(`notes ${TOKEN}\n`) });
    await page.locator('li[data-status=done]', { hasText: 'notes.txt' }).waitFor();
    await page.getByText(/^Saved \d/).waitFor({ timeout: 20_000 });
    await expectNoStrays(page);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX` && url.searchParams.get('status') === 'sent', { timeout: 60_000 });
    const received = await waitForMessage('grace', 'INBOX', sentSubject);
    expect(received.source.toString()).toContain('notes.txt');

    await page.locator('summary[aria-label="Account"]').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/login`);
    await page.goto(`${BASE}/mail/INBOX`);
    await page.waitForURL((url) => url.pathname === `${BASE}/login`);

    expect(seen.outside).toEqual([]);
    expect(seen.failed).toEqual([]);
    await context.close();
  }, 180_000);

  it('without JavaScript, on a phone: rows, a message action, the search form, settings and sign-out stay under it', async () => {
    const context = await newContext(browser, app.baseUrl, { viewport: PHONE, javaScriptEnabled: false });
    const seen = watch(context);
    const page = await context.newPage();
    await signIn(page);
    await page.getByRole('link', { name: new RegExp(SUBJECT) }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX/${uid}`);
    await expectNoStrays(page);
    // A Server Action posted by a plain form answers 303: its Location must carry the base path too.
    await page.getByRole('button', { name: 'Flag', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/mail/INBOX/${uid}` && url.searchParams.has('notice'));
    await page.getByRole('button', { name: 'Unflag', exact: true }).waitFor();
    await page.locator('#search').fill(TOKEN);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/search`);
    await page.getByRole('link', { name: new RegExp(SUBJECT) }).waitFor();
    for (const settings of ['/settings', '/settings/folders', '/settings/mail-apps']) {
      await page.goto(`${BASE}${settings}`);
      await expectNoStrays(page);
    }
    await page.locator('summary[aria-label="Account"]').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === `${BASE}/login`);

    expect(seen.outside).toEqual([]);
    expect(seen.failed).toEqual([]);
    await context.close();
  }, 120_000);
});
