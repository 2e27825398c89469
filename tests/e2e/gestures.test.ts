// Phone gestures (swipe to archive or delete, long-press to select) driven by real touch input
// through Chromium's DevTools protocol, and desktop drag-and-drop onto a folder; results are
// checked on the mail server. Test user: keys.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle, type StorageState } from '../support/browser';
import { appendPlainMessages, emptyMailbox, findMessages, withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
// Server round trips on a busy shared machine: poll generously.
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 200 });
const { keys } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;
let session: StorageState;

const subject = (n: number) => `Gesture ${String(n).padStart(2, '0')}`;

beforeAll(async () => {
  await withUserImap('keys', async (client) => {
    if (!(await client.list()).some((f) => f.path === 'Projects')) await client.mailboxCreate('Projects');
  });
  handle = await launchBrowser();
  browser = handle.browser;
  const context = await newContext(browser, baseUrl);
  await signIn(await context.newPage(), keys.email, keys.password);
  session = await context.storageState();
  await context.close();
});

beforeEach(async () => {
  await emptyMailbox('keys');
  await appendPlainMessages('keys', 'INBOX', Array.from({ length: 30 }, (_, i) => subject(30 - i)));
});

afterAll(async () => {
  await handle?.close();
});

async function inbox(viewport: { width: number; height: number }, hasTouch: boolean): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, hasTouch, storageState: session });
  const page = await context.newPage();
  await page.goto('/mail/INBOX');
  await row(page, 1).waitFor();
  await page.locator('html[data-list-gestures]').waitFor({ state: 'attached' });
  return page;
}

const row = (page: Page, n: number) => page.locator('a.msg-row', { hasText: subject(n) });
const checkbox = (page: Page, n: number) => page.locator('li', { has: row(page, n) }).locator('input[name=uid]');
const inFolder = async (n: number, folder: string) => (await findMessages('keys', folder, subject(n))).some((m) => m.subject === subject(n));
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A finger on the screen: touch events as the device would send them, so pointer events and touch-action apply. */
async function finger(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd', x = 0, y = 0) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
  return {
    async drag(from: { x: number; y: number }, by: { x: number; y: number }, { steps = 12, beforeLift }: { steps?: number; beforeLift?: () => Promise<void> } = {}) {
      await send('touchStart', from.x, from.y);
      for (let i = 1; i <= steps; i++) {
        await send('touchMove', from.x + (by.x * i) / steps, from.y + (by.y * i) / steps);
        await pause(16);
      }
      await beforeLift?.();
      await send('touchEnd');
    },
    async hold(at: { x: number; y: number }, ms: number) {
      await send('touchStart', at.x, at.y);
      await pause(ms);
      await send('touchEnd');
    },
  };
}

async function middle(locator: Locator) {
  const box = (await locator.boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

describe('phone gestures', () => {
  it('swipe left deletes, swipe right archives, a short swipe springs back', async () => {
    const page = await inbox(PHONE, true);
    const hand = await finger(page);

    await hand.drag(await middle(row(page, 2)), { x: -220, y: 0 }, {
      beforeLift: async () => {
        expect(await page.locator('li[data-swipe="delete"][data-swipe-armed]').count()).toBe(1);
        await screenshot(page, 'swipe-delete-phone');
      },
    });
    await poll(() => inFolder(2, 'Trash')).toBe(true);
    expect(await inFolder(2, 'INBOX')).toBe(false);
    await poll(() => row(page, 2).count()).toBe(0);

    await hand.drag(await middle(row(page, 3)), { x: 220, y: 0 }, {
      beforeLift: async () => {
        expect(await page.locator('li[data-swipe="archive"][data-swipe-armed]').count()).toBe(1);
        await screenshot(page, 'swipe-archive-phone');
      },
    });
    await poll(() => inFolder(3, 'Archive')).toBe(true);

    await hand.drag(await middle(row(page, 4)), { x: -60, y: 0 });
    await poll(() => page.locator('li[data-swipe]').count()).toBe(0);
    await pause(500);
    expect(await inFolder(4, 'INBOX')).toBe(true);
    // A swipe does not open the message.
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
    await page.context().close();
  });

  it('a vertical drag scrolls the list instead of swiping a row', async () => {
    const page = await inbox(PHONE, true);
    const hand = await finger(page);
    await hand.drag({ x: 200, y: 700 }, { x: 30, y: -400 });
    await poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    expect(await page.locator('li[data-swipe]').count()).toBe(0);
    await pause(300);
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
    expect(await inFolder(5, 'INBOX')).toBe(true);
    await page.context().close();
  });

  it('a long press selects the row, then taps toggle rows instead of opening them', async () => {
    const page = await inbox(PHONE, true);
    const hand = await finger(page);
    await hand.hold(await middle(row(page, 1)), 700);
    await poll(() => checkbox(page, 1).isChecked()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');

    await page.touchscreen.tap(...Object.values(await middle(row(page, 3))) as [number, number]);
    await poll(() => checkbox(page, 3).isChecked()).toBe(true);
    await page.touchscreen.tap(...Object.values(await middle(row(page, 1))) as [number, number]);
    await poll(() => checkbox(page, 1).isChecked()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
    await screenshot(page, 'long-press-phone');

    // Once nothing is selected, a tap opens a message again.
    await page.touchscreen.tap(...Object.values(await middle(row(page, 3))) as [number, number]);
    await poll(() => checkbox(page, 3).isChecked()).toBe(false);
    await page.touchscreen.tap(...Object.values(await middle(row(page, 4))) as [number, number]);
    await page.getByRole('heading', { name: subject(4) }).waitFor();
    await page.context().close();
  });
});

describe('desktop drag and drop', () => {
  it('drops one row, or the checked rows, onto a folder in the sidebar', async () => {
    const page = await inbox(DESKTOP, false);
    const projects = page.locator('[data-folder-path="Projects"]:visible');
    await row(page, 1).dragTo(projects);
    await poll(() => inFolder(1, 'Projects')).toBe(true);
    expect(await inFolder(1, 'INBOX')).toBe(false);
    await poll(() => row(page, 1).count()).toBe(0);

    await checkbox(page, 5).check();
    await checkbox(page, 6).check();
    // Mid-drag, the folder under the pointer is highlighted (events dispatched in the page: the
    // pointer cannot pause inside a native drag); then a real drag drops the two checked rows.
    await page.evaluate(() => {
      const dataTransfer = new DataTransfer();
      const source = [...document.querySelectorAll('a.msg-row')].find((a) => a.textContent?.includes('Gesture 06'))!;
      const target = [...document.querySelectorAll<HTMLElement>('[data-folder-path="Projects"]')].find((el) => el.offsetParent !== null)!;
      source.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer }));
      target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer }));
    });
    expect(await projects.getAttribute('data-drop-target')).toBe('');
    await screenshot(page, 'drag-desktop');
    await page.evaluate(() => document.querySelector('a.msg-row')!.dispatchEvent(new DragEvent('dragend', { bubbles: true })));
    expect(await projects.getAttribute('data-drop-target')).toBeNull();
    await row(page, 6).dragTo(projects);
    await poll(async () => (await inFolder(5, 'Projects')) && (await inFolder(6, 'Projects'))).toBe(true);
    expect(await inFolder(7, 'INBOX')).toBe(true);
    await page.context().close();
  });
});
