// "Safe by default": every hostile corpus message opened in Chromium runs nothing, loads nothing and
// cannot cover the app; every legitimate one still shows its text and attachments. One signed-in page.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { HOSTILE } from '../corpus/hostile';
import { LEGIT } from '../corpus/legit';
import { MARKER_ORIGIN, type HostileMessage } from '../corpus/mime';
import { dropCorpus, seedCorpus } from '../corpus/seed';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { startMarkerServer, type MarkerServer } from '../support/marker-server';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
// Not carol's INBOX: integration tests empty every folder of carol (and of alice, bob, dave, erin,
// frank) while other files run, which deleted the corpus mid-run. `bulk` is touched only by the
// benchmark seed, and only in its INBOX, so the corpus gets a folder of its own there — one per
// run, as a full e2e run elsewhere may be running this very file at the same time.
const USER = 'bulk' as const;
const FOLDER = `Corpus-${process.pid}-${Date.now().toString(36)}`;
const { bulk: account } = mailEnv().users;
const messagePath = (uid: number) => `/mail/${FOLDER}/${uid}`;
const FRAME = 'iframe[title="Message body"]';
const UNSAFE_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

let handle: BrowserHandle;
let context: BrowserContext;
let page: Page;
let uids: Map<string, number>;
// Everything a payload could do that we can observe from outside the frame.
const seen = { requests: [] as string[], dialogs: [] as string[], popups: [] as string[] };
// The other side: what reached the marker origin, whether or not the browser reported the request.
let markers: MarkerServer;

beforeAll(async () => {
  markers = await startMarkerServer();
  uids = await seedCorpus(USER, FOLDER, [...HOSTILE, ...LEGIT]);
  handle = await launchBrowser();
  context = await newContext(handle.browser, baseUrl);
  await context.addInitScript(() => {
    const w = window as unknown as { __xss: string[] };
    w.__xss = [];
    window.addEventListener('message', (e) => w.__xss.push(String(e.data)));
  });
  context.on('request', (r) => {
    if (r.url().startsWith(MARKER_ORIGIN)) seen.requests.push(r.url());
  });
  page = await context.newPage();
  context.on('page', (p) => seen.popups.push(p.url())); // after our own page, which fires it too
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page, account.email, account.password, `/mail/${FOLDER}`);
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await markers?.close();
  await dropCorpus(USER, FOLDER);
});

const uidOf = (id: string) => {
  const uid = uids.get(id);
  if (!uid) throw new Error(`no UID for ${id}`);
  return uid;
};

/** Markers fired since the last call: requests to the marker origin, dialogs, popups, postMessage, titles. */
async function firedMarkers(): Promise<string[]> {
  seen.requests.push(...markers.hits.splice(0).map((path) => `${MARKER_ORIGIN}${path}`));
  const found = [...seen.requests, ...seen.dialogs.map((d) => `dialog:${d}`), ...seen.popups.map((p) => `popup:${p}`)];
  seen.requests.length = seen.dialogs.length = seen.popups.length = 0;
  const posted = await page.evaluate(() => (window as unknown as { __xss?: string[] }).__xss ?? []).catch(() => []);
  found.push(...posted.filter((m) => m.startsWith('XSS')).map((m) => `postMessage:${m}`));
  for (const frame of page.frames()) {
    const title = await frame.title().catch(() => '');
    if (title.startsWith('XSS')) found.push(`title:${title}`);
    if (frame !== page.mainFrame() && frame.url() !== 'about:srcdoc') found.push(`frame navigated:${frame.url()}`);
  }
  return found;
}

async function open(path: string): Promise<void> {
  await page.goto(path, { waitUntil: 'load', timeout: 20_000 });
  await page.waitForTimeout(100); // animations with begin=0, refresh 0 and late error events
}

async function expectInsideFrame(id: string): Promise<void> {
  const frameBox = (await page.locator(FRAME).boundingBox())!;
  const overlay = page.frameLocator(FRAME).getByText(`OVERLAY-${id}`);
  if ((await overlay.count()) > 0) {
    const box = await overlay.first().boundingBox();
    if (box && box.width > 0) {
      // Neither pulled up/left over the app (negative offsets, margins, transforms) nor fixed to the
      // top window. Its far edges may pass the frame's (100vw plus body padding): the frame clips them,
      // which the elementFromPoint checks below prove for the app's own controls.
      expect(box.x).toBeGreaterThanOrEqual(frameBox.x - 1);
      expect(box.y).toBeGreaterThanOrEqual(frameBox.y - 1);
      expect(box.width).toBeLessThanOrEqual(frameBox.width + 1);
    }
  }
  for (const control of [page.getByRole('button', { name: 'Sign out' }), page.getByRole('link', { name: 'Download source' })]) {
    const b = (await control.boundingBox())!;
    const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('a,button')?.textContent?.trim() ?? null, [b.x + b.width / 2, b.y + b.height / 2]);
    expect(hit).toBe((await control.textContent())?.trim());
  }
}

async function pressEveryControl(): Promise<number> {
  const controls = page.frameLocator(FRAME).locator('input, button, textarea, select, form, [contenteditable]');
  const count = await controls.count();
  for (let i = 0; i < count; i++) {
    await controls.nth(i).click({ timeout: 1_000 }).catch(() => {});
    await page.keyboard.press('Enter');
  }
  return count;
}

/** Each download: 200, attachment disposition with a clean name, nosniff, a sandbox CSP; then opened in the browser. */
async function checkDownload(href: string): Promise<void> {
  const res = await page.request.get(href);
  expect(res.status()).toBe(200);
  const headers = res.headers();
  expect(headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''[A-Za-z0-9%!._~-]*$/);
  const utf8Name = decodeURIComponent(headers['content-disposition']!.split("UTF-8''")[1]!);
  expect(utf8Name).not.toMatch(UNSAFE_NAME);
  expect(utf8Name).not.toMatch(/[/\\]/);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toContain('sandbox');
  const download = page.waitForEvent('download', { timeout: 5_000 });
  await page.goto(href).catch(() => {}); // "Download is starting" aborts the navigation
  await (await download).cancel();
}

async function checkAttachments(m: HostileMessage, uid: number): Promise<void> {
  const listed = page.getByRole('region', { name: 'Attachments' }).getByRole('link');
  const count = await listed.count();
  expect(count).toBe(m.expect?.attachments ?? 0);
  const links = await Promise.all(Array.from({ length: count }, async (_, i) => ({ href: (await listed.nth(i).getAttribute('href'))!, name: await listed.nth(i).locator('span.truncate').innerText() })));
  for (const { name } of links) expect(name).not.toMatch(UNSAFE_NAME);
  // Inline parts are not listed but are still reachable by URL: fetch a few part numbers directly too.
  const hrefs = new Set([...links.map((l) => l.href), ...[0, 1, 2, 3].map((n) => `${messagePath(uid)}/attachments/${n}`)]);
  for (const href of hrefs) {
    const probe = await page.request.get(href);
    if (probe.status() === 404) continue;
    await checkDownload(href);
  }
}

describe('hostile corpus', () => {
  it('lists every corpus message in the inbox without a marker firing', async () => {
    for (const path of [`/mail/${FOLDER}`, `/mail/${FOLDER}?page=2`, `/mail/${FOLDER}?page=3`]) {
      await open(path);
      expect(await firedMarkers()).toEqual([]);
    }
  });

  it.each(HOSTILE.filter((m) => !m.expect?.dos))('$id ($threat): $description', async (m) => {
    const uid = uidOf(m.id);
    await open(messagePath(uid));
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (const literal of m.expect?.literalText ?? []) expect(await page.locator('main').innerText()).toContain(literal);
    expect(await page.locator('main a[href^="javascript:" i], main a[href^="data:" i], main a[href^="vbscript:" i]').count()).toBe(0);
    if ((await page.locator(FRAME).count()) > 0) {
      await expectInsideFrame(m.id);
      expect(await pressEveryControl()).toBe(0);
    }
    expect(await firedMarkers()).toEqual([]);
    if (m.threat === 'T5' || m.threat === 'T6' || m.expect?.attachments) await checkAttachments(m, uid);
    if (m.expect?.source) {
      const res = await page.request.get(`${messagePath(uid)}/source`);
      expect(res.headers()['content-type']).toMatch(/^text\/plain/);
      expect(res.headers()['x-content-type-options']).toBe('nosniff');
      expect(res.headers()['content-security-policy']).toContain('sandbox');
      await checkDownload(`${messagePath(uid)}/source`);
    }
    expect(await firedMarkers()).toEqual([]);
  });

  it('loads remote images only after "Show remote content" (and still runs nothing)', async () => {
    const uid = uidOf('t7-img');
    await open(messagePath(uid));
    expect(await firedMarkers()).toEqual([]);
    await page.getByRole('link', { name: 'Show remote content' }).click();
    // A full page load (the new page's CSP allows remote images): wait for it, not for the old frame.
    await page.waitForURL(/[?&]remote=1/);
    await page.frameLocator(FRAME).getByText('News').waitFor();
    await expect.poll(() => markers.hits.some((path) => path === '/XSS-t7-img'), { timeout: 10_000 }).toBe(true);
    markers.hits.length = 0;
    seen.requests.length = 0;
    expect((await firedMarkers()).filter((m) => !m.includes('/XSS-t7-img'))).toEqual([]);
  });
});

describe('parser DoS (T21)', () => {
  it.each(HOSTILE.filter((m) => m.expect?.dos))('$id answers within 10 s while the inbox keeps being served: $description', async (m) => {
    const uid = uidOf(m.id);
    const started = Date.now();
    const message = page.request.get(messagePath(uid), { timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 100));
    const inbox = await page.request.get(`/mail/${FOLDER}`, { timeout: 30_000 });
    const inboxMs = Date.now() - started;
    const res = await message;
    const elapsed = Date.now() - started;
    expect(res.status()).toBe(200);
    expect(elapsed).toBeLessThan(10_000);
    expect(inbox.status()).toBe(200);
    expect(inboxMs).toBeLessThan(10_000);
    const body = await res.text();
    if (body.includes('This message could not be displayed')) expect(body).toContain(`${messagePath(uid)}/source`);
    await open(messagePath(uid));
    expect(await firedMarkers()).toEqual([]);
  }, 60_000);
});

describe('legitimate corpus', () => {
  it.each(LEGIT)('$id: $description', async (m) => {
    await open(messagePath(uidOf(m.id)));
    const heading = page.getByRole('heading', { level: 1 });
    if (m.expect.subject) expect((await heading.innerText()).trim()).toBe(m.expect.subject);
    let shown = await page.locator('main').innerText();
    if ((await page.locator(FRAME).count()) > 0) shown += `\n${await page.frameLocator(FRAME).locator('body').innerText()}`;
    shown = shown.replace(/\u00a0/g, ' ');
    expect(shown).not.toContain('This message could not be displayed');
    for (const text of m.expect.text) expect(shown).toContain(text);
    const listed = m.expect.attachments?.length ? await page.getByRole('region', { name: 'Attachments' }).innerText() : '';
    for (const name of m.expect.attachments ?? []) expect(listed).toContain(name);
    expect(await firedMarkers()).toEqual([]);
  });

  it('draws the inline cid: image', async () => {
    await open(messagePath(uidOf('l-inline-image')));
    const width = await page.frameLocator(FRAME).locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(width).toBeGreaterThan(0);
  });
});
