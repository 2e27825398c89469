// Every keyboard shortcut, with the result checked on the mail server where it changes state; none
// of them fires while typing. Also what the keys share with the buttons: stepping through messages on
// the message page (Newer/Older) and auto-advance after archive, delete or move (with and without
// JavaScript). Test user: keys.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
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

// "Key 1" is the newest, at the top of the list.
const subject = (n: number) => `Key ${n}`;

beforeAll(async () => {
  handle = await launchBrowser();
  browser = handle.browser;
  const context = await newContext(browser, baseUrl);
  await signIn(await context.newPage(), keys.email, keys.password);
  session = await context.storageState();
  await context.close();
});

beforeEach(async () => {
  await emptyMailbox('keys');
  await appendPlainMessages('keys', 'INBOX', [6, 5, 4, 3, 2, 1].map(subject));
});

afterAll(async () => {
  await handle?.close();
});

async function inbox(viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, storageState: session });
  const page = await context.newPage();
  await page.goto('/mail/INBOX');
  await row(page, 1).waitFor();
  await page.locator('html[data-list-gestures]').waitFor({ state: 'attached' });
  return page;
}

const row = (page: Page, n: number) => page.locator('a.msg-row', { hasText: new RegExp(`${subject(n)}$`) });
const heading = (page: Page, n: number) => page.getByRole('heading', { name: subject(n), exact: true });
const focused = (page: Page) => page.evaluate(() => document.querySelector('a.msg-row[data-focused]')?.textContent ?? null);
const flags = async (n: number, folder = 'INBOX') => (await findMessages('keys', folder, subject(n))).find((m) => m.subject === subject(n))?.flags;
const inFolder = async (n: number, folder: string) => (await findMessages('keys', folder, subject(n))).some((m) => m.subject === subject(n));
const uidOf = async (n: number, folder = 'INBOX') => (await findMessages('keys', folder, subject(n))).find((m) => m.subject === subject(n))!.uid;

// The shell's listeners (keys, gestures) are mounted together; keys pressed before that do nothing.
const hydrated = (page: Page) => page.locator('html[data-list-gestures]').waitFor({ state: 'attached' });

/** A message loaded by its address: the full page, no list beside it. */
async function messagePage(n: number, { viewport = DESKTOP, folder = 'INBOX', javaScriptEnabled = true } = {}): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, storageState: session, javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(`/mail/${folder}/${await uidOf(n, folder)}`);
  await heading(page, n).waitFor();
  expect(await page.locator('a.msg-row').count()).toBe(0);
  if (javaScriptEnabled) await hydrated(page);
  return page;
}
const path = (page: Page) => new URL(page.url()).pathname;

describe('moving through the list', () => {
  it('j/k move the highlight, o and Enter open, j/k step through messages, u goes back', async () => {
    const page = await inbox();
    await page.keyboard.press('j');
    expect(await focused(page)).toContain(subject(1));
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await focused(page)).toContain(subject(2));

    await page.keyboard.press('o');
    await heading(page, 2).waitFor();
    await page.keyboard.press('j');
    await heading(page, 3).waitFor();
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await heading(page, 1).waitFor();
    expect(await row(page, 1).getAttribute('aria-current')).toBe('true');

    await page.keyboard.press('u');
    await poll(() => new URL(page.url()).pathname).toBe('/mail/INBOX');
    await page.getByText('Select a message to read it here.').waitFor();
    await page.keyboard.press('j');
    expect(await focused(page)).toContain(subject(2));
    await page.keyboard.press('Enter');
    await heading(page, 2).waitFor();
    await page.context().close();
  });

  it('on a message loaded by its address, j/k and the Newer/Older links open the older/newer message', async () => {
    const page = await messagePage(3);
    // Each step is a page load: keys work again once it has hydrated.
    const step = async (key: string, n: number) => {
      await page.keyboard.press(key);
      await heading(page, n).waitFor();
      await hydrated(page);
    };
    await step('j', 4);
    expect(path(page)).toBe(`/mail/INBOX/${await uidOf(4)}`);
    await step('k', 3);
    await step('k', 2);
    await page.getByRole('link', { name: 'Newer message' }).click();
    await heading(page, 1).waitFor();
    await hydrated(page);
    // The newest has nothing newer: the control stays, disabled, and k does nothing.
    expect(await page.getByRole('link', { name: 'Newer message' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Newer and older messages' }).getByText('Newer').isVisible()).toBe(true);
    await page.keyboard.press('k');
    await screenshot(page, 'message-page-neighbours-desktop');
    expect(await heading(page, 1).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Older message' }).click();
    await heading(page, 2).waitFor();
    await page.context().close();

    // A phone has no keyboard: the same links, as arrows that fit beside Back.
    const phone = await messagePage(6, { viewport: PHONE });
    expect(await phone.getByRole('link', { name: 'Older message' }).count()).toBe(0);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    const newer = (await phone.getByRole('link', { name: 'Newer message' }).boundingBox())!;
    expect(newer.height).toBeGreaterThanOrEqual(44);
    expect(newer.width).toBeGreaterThanOrEqual(44);
    await screenshot(phone, 'message-page-neighbours-phone');
    await phone.getByRole('link', { name: 'Newer message' }).click();
    await heading(phone, 5).waitFor();
    await phone.context().close();
  });
});

describe('acting on messages', () => {
  it('e archives the open message and opens the next one', async () => {
    const page = await inbox();
    await row(page, 2).click();
    await heading(page, 2).waitFor();
    await page.keyboard.press('e');
    await heading(page, 3).waitFor();
    await poll(() => inFolder(2, 'Archive')).toBe(true);
    expect(await inFolder(2, 'INBOX')).toBe(false);
    await poll(() => row(page, 2).count()).toBe(0);
    await page.context().close();
  });

  it('beside the list, the Archive, Delete and Move buttons also open the next message; the last row goes up', async () => {
    const page = await inbox();
    const actions = page.locator('#reading-pane').getByRole('form', { name: 'Message actions' });
    await row(page, 2).click();
    await heading(page, 2).waitFor();
    await actions.getByRole('button', { name: 'Archive' }).click();
    await heading(page, 3).waitFor();
    await poll(() => inFolder(2, 'Archive')).toBe(true);
    await poll(() => row(page, 2).count()).toBe(0);
    expect(await row(page, 3).getAttribute('aria-current')).toBe('true');

    await actions.getByText('Move to…').click();
    await actions.getByRole('group', { name: 'Move to…' }).getByRole('button', { name: 'Junk' }).click();
    await heading(page, 4).waitFor();
    await poll(() => inFolder(3, 'Junk')).toBe(true);

    // The bottom row has nothing below it: the one above opens.
    await row(page, 6).click();
    await heading(page, 6).waitFor();
    await actions.getByRole('button', { name: 'Delete', exact: true }).click();
    await heading(page, 5).waitFor();
    await poll(() => inFolder(6, 'Trash')).toBe(true);
    expect(await inFolder(6, 'INBOX')).toBe(false);
    await page.context().close();
  });

  it('on a message loaded by its address, e and # open the next message once done; an emptied folder shows its list', async () => {
    const page = await messagePage(2);
    await page.keyboard.press('e');
    await heading(page, 3).waitFor();
    expect(await inFolder(2, 'Archive')).toBe(true);
    expect(await inFolder(2, 'INBOX')).toBe(false);
    // The toast (and its Undo) came along over the page load.
    await page.getByRole('status').filter({ hasText: 'archived' }).waitFor();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await screenshot(page, 'message-page-auto-advance-desktop');

    // The oldest has nothing below it: the one above opens.
    await page.goto(`/mail/INBOX/${await uidOf(6)}`);
    await heading(page, 6).waitFor();
    await hydrated(page);
    await page.keyboard.press('#');
    await heading(page, 5).waitFor();
    expect(await inFolder(6, 'Trash')).toBe(true);

    // The only message of Archive, deleted from its page: the folder's (empty) list.
    await page.goto(`/mail/Archive/${await uidOf(2, 'Archive')}`);
    await heading(page, 2).waitFor();
    await hydrated(page);
    await page.getByRole('form', { name: 'Message actions' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await poll(() => path(page)).toBe('/mail/Archive');
    await page.getByText('This folder is empty.').waitFor();
    expect(await inFolder(2, 'Trash')).toBe(true);
    await page.context().close();
  });

  it("without JavaScript, the message page's Archive opens the next message, says so and offers Undo", async () => {
    const page = await messagePage(4, { javaScriptEnabled: false, viewport: PHONE });
    await page.getByRole('form', { name: 'Message actions' }).getByRole('button', { name: 'Archive' }).click();
    await heading(page, 5).waitFor();
    expect(path(page)).toBe(`/mail/INBOX/${await uidOf(5)}`);
    await page.getByText('1 message archived').waitFor();
    expect(await inFolder(4, 'Archive')).toBe(true);
    await screenshot(page, 'message-page-auto-advance-nojs-phone');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: 1 message back in Inbox').waitFor();
    expect(await inFolder(4, 'INBOX')).toBe(true);
    await heading(page, 5).waitFor();
    await page.context().close();
  });

  it('# deletes (to Trash) the checked rows', async () => {
    const page = await inbox();
    await page.locator('li', { has: row(page, 4) }).locator('input[name=uid]').check();
    await page.locator('li', { has: row(page, 5) }).locator('input[name=uid]').check();
    await page.keyboard.press('#');
    await poll(async () => (await inFolder(4, 'Trash')) && (await inFolder(5, 'Trash'))).toBe(true);
    expect(await inFolder(1, 'INBOX')).toBe(true);
    await page.context().close();
  });

  it('s flags and unflags, Shift+U marks unread and Shift+I read', async () => {
    const page = await inbox();
    await row(page, 3).click();
    await heading(page, 3).waitFor();
    await poll(async () => (await flags(3))?.has('\\Seen')).toBe(true);

    await page.keyboard.press('s');
    await poll(async () => (await flags(3))?.has('\\Flagged')).toBe(true);
    await row(page, 3).getByRole('img', { name: 'Flagged' }).waitFor();
    await page.keyboard.press('s');
    await poll(async () => (await flags(3))?.has('\\Flagged')).toBe(false);

    // Unread puts the message back in the list (reading on would mark it read again); Shift+I
    // then applies to its highlighted row.
    await page.keyboard.press('Shift+U');
    await poll(async () => (await flags(3))?.has('\\Seen')).toBe(false);
    await poll(() => new URL(page.url()).pathname).toBe('/mail/INBOX');
    await poll(() => row(page, 3).getAttribute('data-unread')).toBe('true');
    await page.keyboard.press('Shift+I');
    await poll(async () => (await flags(3))?.has('\\Seen')).toBe(true);

    // On the list, the highlighted row.
    await page.getByText('Select a message to read it here.').waitFor();
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await poll(async () => (await flags(4))?.has('\\Flagged')).toBe(true);
    await page.context().close();
  });
});

describe('elsewhere', () => {
  it('/ focuses the search box, c opens Compose, ? lists the shortcuts until Escape', async () => {
    const page = await inbox();
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search');
    // Typing in the search box is typing, not shortcuts.
    await page.keyboard.type('ejk#s');
    expect(await page.locator('#search').inputValue()).toBe('ejk#s');
    await page.locator('#search').blur();

    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    for (const what of ['Next message', 'Archive', 'Delete', 'Flag or unflag', 'Mark as read', 'Mark as unread', 'Search', 'Compose']) {
      expect(await dialog.getByText(what, { exact: true }).count(), what).toBe(1);
    }
    await screenshot(page, 'shortcuts-desktop');
    await page.keyboard.press('j');
    expect(await focused(page)).toBeNull();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.keyboard.press('c');
    await poll(() => new URL(page.url()).pathname).toBe('/compose');
    await page.getByLabel('Subject').fill('');
    await page.getByLabel('Subject').pressSequentially('jkue#');
    // The body may be a plain textarea or a rich (contenteditable) editor: typing there is typing too.
    const body = page.getByRole('textbox', { name: 'Message' }).first();
    await body.pressSequentially('c?/');
    expect(await page.getByLabel('Subject').inputValue()).toBe('jkue#');
    expect(await body.evaluate((el) => (el instanceof HTMLTextAreaElement ? el.value : el.textContent))).toBe('c?/');
    expect(new URL(page.url()).pathname).toBe('/compose');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.context().close();
  });

  it('ignores keys held with Ctrl, Alt or Meta, and the dialog fits a phone', async () => {
    const page = await inbox();
    await page.keyboard.press('Alt+j');
    await page.keyboard.press('Control+e');
    expect(await focused(page)).toBeNull();
    expect(await inFolder(1, 'INBOX')).toBe(true);
    await page.context().close();

    const phone = await inbox(PHONE);
    await phone.keyboard.press('?');
    await phone.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await screenshot(phone, 'shortcuts-phone');
    await phone.getByRole('button', { name: 'Close' }).click();
    await phone.getByRole('dialog').waitFor({ state: 'hidden' });
    await phone.context().close();
  });
});
