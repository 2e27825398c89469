// Three panes on a desktop, one column at a time on a phone, the list's scroll position kept, and
// plain links without JavaScript. Test user: keys.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle, type StorageState } from '../support/browser';
import { appendPlainMessages, emptyMailbox, findMessages } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
// Server round trips on a busy shared machine: poll generously.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 200 });
const { keys } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;
let session: StorageState;

// "Layout 01" is the newest, at the top of the list; 60 messages make a second page.
const subject = (n: number) => `Layout ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  await emptyMailbox('keys');
  await appendPlainMessages('keys', 'INBOX', Array.from({ length: 60 }, (_, i) => subject(60 - i)));
  handle = await launchBrowser();
  browser = handle.browser;
  const context = await newContext(browser, baseUrl);
  await signIn(await context.newPage(), keys.email, keys.password);
  session = await context.storageState();
  await context.close();
});

afterAll(async () => {
  await handle?.close();
});

/** The page's scroll position once two readings 150 ms apart agree (a wheel scroll runs on for a while). */
async function settledScrollY(page: Page): Promise<number> {
  let last = await page.evaluate(() => window.scrollY);
  for (let i = 0; i < 40; i++) {
    await page.waitForTimeout(150);
    const now = await page.evaluate(() => window.scrollY);
    if (now === last) return now;
    last = now;
  }
  throw new Error(`the page kept scrolling (last at ${last})`);
}

async function open(viewport: { width: number; height: number }, path = '/mail/INBOX', javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, javaScriptEnabled, storageState: session });
  const page = await context.newPage();
  await page.goto(path);
  // Rows clicked before hydration are plain links; wait until they open beside the list.
  if (javaScriptEnabled) await page.locator('html[data-list-gestures]').waitFor({ state: 'attached' });
  return page;
}

const row = (page: Page, n: number) => page.locator('a.msg-row', { hasText: subject(n) });
const heading = (page: Page, n: number) => page.getByRole('heading', { name: subject(n) });

describe('desktop', () => {
  it('shows folders, list and reading pane side by side; a message opens beside the list', async () => {
    const page = await open(DESKTOP);
    await page.getByText('Select a message to read it here.').waitFor();
    await screenshot(page, 'layout-desktop-list');

    await row(page, 3).click();
    await heading(page, 3).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/mail\/INBOX\/\d+$/);
    // The list stayed, with the open row marked, left of the message.
    expect(await row(page, 1).isVisible()).toBe(true);
    expect(await row(page, 3).getAttribute('aria-current')).toBe('true');
    const list = (await page.locator('.list-pane').boundingBox())!;
    const reader = (await page.locator('#reading-pane').boundingBox())!;
    const folders = (await page.getByRole('navigation', { name: 'Folders' }).boundingBox())!;
    expect(folders.x + folders.width).toBeLessThanOrEqual(list.x + 1);
    expect(list.x + list.width).toBeLessThanOrEqual(reader.x + 1);
    expect(reader.width).toBeGreaterThan(400);
    expect(await page.getByText('Select a message to read it here.').isVisible()).toBe(false);
    await screenshot(page, 'layout-desktop-message');

    const [seen] = await findMessages('keys', 'INBOX', subject(3));
    expect(seen?.flags.has('\\Seen')).toBe(true);

    // Another row replaces the message; Back empties the pane again.
    await row(page, 4).click();
    await heading(page, 4).waitFor();
    expect(await row(page, 3).getAttribute('aria-current')).toBeNull();
    await page.locator('#reading-pane').getByRole('link', { name: '‹ Back' }).click();
    await page.getByText('Select a message to read it here.').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
    await page.context().close();
  });

  it('steps to the newer and older message from the reading pane, beside the list', async () => {
    const page = await open(DESKTOP);
    const pane = page.locator('#reading-pane');
    await row(page, 1).click();
    await heading(page, 1).waitFor();
    // The newest message has nothing newer on this page.
    expect(await pane.getByRole('link', { name: 'Newer message' }).count()).toBe(0);
    await pane.getByRole('link', { name: 'Older message' }).click();
    await heading(page, 2).waitFor();
    await poll(() => row(page, 2).getAttribute('aria-current')).toBe('true');
    expect(await row(page, 1).isVisible()).toBe(true);
    await pane.getByRole('link', { name: 'Older message' }).click();
    await heading(page, 3).waitFor();
    await pane.getByRole('link', { name: 'Newer message' }).click();
    await heading(page, 2).waitFor();
    const [opened] = await findMessages('keys', 'INBOX', subject(2));
    expect(new URL(page.url()).pathname).toBe(`/mail/INBOX/${opened!.uid}`);
    await screenshot(page, 'layout-desktop-pane-steps');
    await page.context().close();
  });

  it('goes back to the page of the list the message was opened from', async () => {
    const page = await open(DESKTOP, '/mail/INBOX?page=2');
    await row(page, 55).click();
    await heading(page, 55).waitFor();
    await page.locator('#reading-pane').getByRole('link', { name: '‹ Back' }).click();
    await poll(() => page.url()).toContain('/mail/INBOX?page=2');
    expect(await row(page, 55).isVisible()).toBe(true);
    await page.context().close();
  });

  it('shows a message loaded by its address as a page of its own, with Back to the list', async () => {
    const [target] = await findMessages('keys', 'INBOX', subject(7));
    const page = await open(DESKTOP, `/mail/INBOX/${target!.uid}`);
    await heading(page, 7).waitFor();
    await page.getByRole('link', { name: '‹ Back' }).click();
    await row(page, 7).waitFor();
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
    await page.context().close();
  });
});

describe('phone', () => {
  it('shows one column at a time and comes back to the list where it was scrolled', async () => {
    const page = await open(PHONE);
    await row(page, 1).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, 'layout-phone-list');
    await row(page, 30).scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(500);
    // The wheel scrolls after the call returns: wait until it has moved the page and come to rest.
    await page.mouse.wheel(0, 200);
    await poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before);
    const scrolled = await settledScrollY(page);

    await row(page, 30).click();
    await heading(page, 30).waitFor();
    // The message fills the screen: nothing of the list shows.
    const reader = (await page.locator('#reading-pane').boundingBox())!;
    expect(reader).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    expect(await page.evaluate(() => document.elementFromPoint(195, 400)?.closest('#reading-pane') !== null)).toBe(true);
    await screenshot(page, 'layout-phone-message');

    await page.getByRole('link', { name: '‹ Back' }).click();
    await poll(() => new URL(page.url()).pathname).toBe('/mail/INBOX');
    await poll(() => page.locator('#reading-pane').isVisible()).toBe(false);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    expect(await row(page, 30).isVisible()).toBe(true);

    // The browser's own Back button does the same.
    await row(page, 31).click();
    await heading(page, 31).waitFor();
    await page.goBack();
    await poll(() => page.locator('#reading-pane').isVisible()).toBe(false);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await page.context().close();
  });

  it('has touch targets at least 44 px tall and a folder drawer', async () => {
    const page = await open(PHONE);
    await row(page, 1).waitFor();
    const heights = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('a.msg-row, nav summary, nav a[href="/compose"], header summary')]
        .filter((el) => el.offsetParent !== null)
        .map((el) => [el.textContent?.trim().slice(0, 20), el.getBoundingClientRect().height] as const),
    );
    expect(heights.length).toBeGreaterThan(50);
    for (const [name, height] of heights) expect(height, name).toBeGreaterThanOrEqual(44);
    await page.getByRole('navigation', { name: 'Folders' }).locator('summary').click();
    await page.locator('[data-folder-path="Archive"]:visible').click();
    await poll(() => new URL(page.url()).pathname).toBe('/mail/Archive');
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it('opens a message and goes back with plain links', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open(viewport, '/mail/INBOX', false);
      await row(page, 2).click();
      await heading(page, 2).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/mail\/INBOX\/\d+$/);
      await page.getByRole('link', { name: '‹ Back' }).click();
      await row(page, 2).waitFor();
      expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
      await page.context().close();
    }
  });
});
