// Organizing mail in Chromium: ticking rows (one, a shift-click range, a page, all of the folder),
// every toolbar button, Undo, Delete forever, the open message's actions, and the same form without
// JavaScript. Every result is checked on the mail server over IMAP, not only in the page.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { compose } from '../../scripts/mailserver/fixtures';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { emptyMailbox, withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { org } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  handle = await launchBrowser();
  browser = handle.browser;
  await withUserImap('org', async (client) => {
    const existing = new Set((await client.list()).map((f) => f.path));
    if (!existing.has('Clients')) await client.mailboxCreate('Clients');
  });
});

afterAll(async () => {
  await handle?.close();
});

beforeEach(async () => {
  await emptyMailbox('org');
});

/** Appends `count` messages "Note 1" … "Note n" (Note 1 oldest, so it is listed last). */
async function seed(folder: string, count: number, label = 'Note'): Promise<void> {
  await withUserImap('org', async (client) => {
    for (let i = 1; i <= count; i++) {
      const date = new Date(Date.UTC(2026, 5, 1, 8, i));
      await client.append(folder, await compose({ from: 'Pat Sender <pat@example.org>', to: org.email, subject: `${label} ${i}`, text: `Body ${i}`, date }), [], date);
    }
  });
}

type OnServer = { subject: string; flags: string[] };
async function onServer(folder: string): Promise<OnServer[]> {
  return withUserImap('org', async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const all = await client.fetchAll('1:*', { envelope: true, flags: true });
      return all.map((m) => ({ subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])] }));
    } finally {
      lock.release();
    }
  });
}
const subjectsIn = async (folder: string) => (await onServer(folder)).map((m) => m.subject).sort();
const withFlag = async (folder: string, flag: string) => (await onServer(folder)).filter((m) => m.flags.includes(flag)).map((m) => m.subject).sort();

async function orgPage(viewport = DESKTOP, javaScriptEnabled = true, path = '/mail/INBOX'): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, org.email, org.password, path);
  return page;
}

const box = (page: Page, subject: string) => page.getByRole('checkbox', { name: new RegExp(`^Select: ${subject},`) });
// Server round trips and the page refresh take a while on a busy machine: poll, never time a test.
const eventually = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 250 });
const toolbar = (page: Page) => page.getByRole('toolbar', { name: 'Selected messages' });

describe('selection and toolbar', () => {
  it('marks ticked messages read, flagged, unread and unflagged', async () => {
    await seed('INBOX', 3);
    const page = await orgPage();
    await box(page, 'Note 1').check();
    await box(page, 'Note 3').check();
    await page.getByText('2 selected').waitFor();
    await screenshot(page, 'organize-selection-desktop');

    await toolbar(page).getByRole('button', { name: 'Mark read' }).click();
    await page.getByText('2 messages marked as read').waitFor();
    await eventually(() => withFlag('INBOX', '\\Seen')).toEqual(['Note 1', 'Note 3']);

    await box(page, 'Note 2').check();
    await toolbar(page).getByRole('button', { name: 'Flag', exact: true }).click();
    await eventually(() => withFlag('INBOX', '\\Flagged')).toEqual(['Note 2']);

    await box(page, 'Note 1').check();
    await toolbar(page).getByRole('button', { name: 'Mark unread' }).click();
    await eventually(() => withFlag('INBOX', '\\Seen')).toEqual(['Note 3']);

    await box(page, 'Note 2').check();
    await toolbar(page).getByRole('button', { name: 'Unflag' }).click();
    await eventually(() => withFlag('INBOX', '\\Flagged')).toEqual([]);
    await page.context().close();
  });

  it('archives a shift-click range, and Undo brings it back', async () => {
    await seed('INBOX', 5);
    const page = await orgPage();
    // Newest first: Note 5, 4, 3, 2, 1. Tick Note 4, shift-tick Note 2 → 4, 3, 2.
    await box(page, 'Note 4').click();
    await box(page, 'Note 2').click({ modifiers: ['Shift'] });
    await page.getByText('3 selected').waitFor();
    await toolbar(page).getByRole('button', { name: 'Archive' }).click();
    await page.getByText('3 messages archived').waitFor();
    await screenshot(page, 'organize-undo-desktop');
    await eventually(() => subjectsIn('Archive')).toEqual(['Note 2', 'Note 3', 'Note 4']);
    await eventually(() => box(page, 'Note 3').count()).toBe(0);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: 3 messages back in Inbox').waitFor();
    await eventually(() => subjectsIn('INBOX')).toEqual(['Note 1', 'Note 2', 'Note 3', 'Note 4', 'Note 5']);
    expect(await subjectsIn('Archive')).toEqual([]);
    await box(page, 'Note 3').waitFor();
    await page.context().close();
  });

  it('selects the page, then all 55 in the folder, and moves them all to a folder', async () => {
    await seed('INBOX', 55);
    const page = await orgPage();
    await page.getByRole('checkbox', { name: 'Select all messages on this page' }).check();
    await page.getByText('50 selected').waitFor();
    await page.getByRole('button', { name: 'Select all 55 in this folder' }).click();
    await page.getByText('All 55 messages in this folder are selected').waitFor();
    await toolbar(page).getByText('Move to…').click();
    await toolbar(page).getByRole('group', { name: 'Move to…' }).getByRole('button', { name: 'Clients' }).click();
    await page.getByText('55 messages moved to Clients').waitFor();
    await eventually(async () => (await onServer('Clients')).length).toBe(55);
    expect(await onServer('INBOX')).toEqual([]);
    await page.getByText('This folder is empty.').waitFor();
    await page.context().close();
  });

  it('copies to a folder and keeps the original', async () => {
    await seed('INBOX', 2);
    const page = await orgPage();
    await box(page, 'Note 2').check();
    await toolbar(page).getByText('Copy to…').click();
    await toolbar(page).getByRole('group', { name: 'Copy to…' }).getByRole('button', { name: 'Clients' }).click();
    await page.getByText('1 message copied to Clients').waitFor();
    expect(await subjectsIn('Clients')).toEqual(['Note 2']);
    expect(await subjectsIn('INBOX')).toEqual(['Note 1', 'Note 2']);
    await page.context().close();
  });

  it('deletes to Trash, then deletes for good from Trash after a confirmation', async () => {
    await seed('INBOX', 2);
    const page = await orgPage();
    await box(page, 'Note 1').check();
    await toolbar(page).getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('1 message moved to Trash').waitFor();
    await eventually(() => subjectsIn('Trash')).toEqual(['Note 1']);

    await page.goto('/mail/Trash');
    await box(page, 'Note 1').check();
    await toolbar(page).getByText('Delete forever', { exact: true }).click();
    await toolbar(page).getByRole('button', { name: 'Yes, delete forever' }).click();
    await page.getByText('1 message deleted for good').waitFor();
    await eventually(() => subjectsIn('Trash')).toEqual([]);
    expect(await subjectsIn('INBOX')).toEqual(['Note 2']);
    await page.context().close();
  });

  it('marks as junk, and "Not junk" in Junk puts it back in the Inbox', async () => {
    await seed('INBOX', 1);
    const page = await orgPage();
    await box(page, 'Note 1').check();
    await toolbar(page).getByRole('button', { name: 'Junk' }).click();
    await page.getByText('1 message marked as junk').waitFor();
    await eventually(() => subjectsIn('Junk')).toEqual(['Note 1']);

    await page.goto('/mail/Junk');
    await box(page, 'Note 1').check();
    await toolbar(page).getByRole('button', { name: 'Not junk' }).click();
    await page.getByText('1 message moved to Inbox').waitFor();
    await eventually(() => subjectsIn('INBOX')).toEqual(['Note 1']);
    expect(await subjectsIn('Junk')).toEqual([]);
    await page.context().close();
  });

  it('on a phone: big tick targets, the rarer actions under More', async () => {
    await seed('INBOX', 3);
    const page = await orgPage(PHONE);
    const target = await page.locator('li[data-uid] .msg-check').first().boundingBox();
    expect(target!.width).toBeGreaterThanOrEqual(44);
    expect(target!.height).toBeGreaterThanOrEqual(44);
    // Nothing ticked: no toolbar taking half the screen above the list.
    expect(await toolbar(page).isVisible()).toBe(false);
    await box(page, 'Note 2').check();
    await box(page, 'Note 3').check();
    // Ticked: the toolbar is a bar along the bottom of the screen, its menus opening upwards.
    const bar = (await toolbar(page).boundingBox())!;
    expect(Math.round(bar.y + bar.height)).toBe(PHONE.height);
    await screenshot(page, 'organize-selection-phone');
    const more = toolbar(page).getByText('More');
    await more.click();
    const flag = toolbar(page).getByRole('button', { name: 'Flag', exact: true });
    const item = (await flag.boundingBox())!;
    expect(item.y).toBeGreaterThanOrEqual(0);
    expect(item.y + item.height).toBeLessThanOrEqual((await more.boundingBox())!.y);
    await screenshot(page, 'organize-more-phone');
    await flag.click();
    await eventually(() => withFlag('INBOX', '\\Flagged')).toEqual(['Note 2', 'Note 3']);
    await page.context().close();
  });
});

describe('the open message', () => {
  it('archives it and opens the next one; flags it in place', async () => {
    await seed('INBOX', 2);
    const uid = await withUserImap('org', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        return (await client.search({ subject: 'Note 2' }, { uid: true })) || [];
      } finally {
        lock.release();
      }
    });
    const page = await orgPage(DESKTOP, true, `/mail/INBOX/${uid[0]}`);
    const actions = page.getByRole('form', { name: 'Message actions' });
    await actions.waitFor();
    await screenshot(page, 'message-actions-desktop');
    await actions.getByRole('button', { name: 'Flag', exact: true }).click();
    await eventually(() => withFlag('INBOX', '\\Flagged')).toEqual(['Note 2']);
    await actions.getByRole('button', { name: 'Archive' }).click();
    // Auto-advance: the next (older) message opens; keyboard.test.ts covers the rest.
    await page.getByRole('heading', { name: 'Note 1', exact: true }).waitFor();
    await eventually(() => subjectsIn('Archive')).toEqual(['Note 2']);
    expect(await subjectsIn('INBOX')).toEqual(['Note 1']);
    await page.context().close();
  });
});

describe('without JavaScript', () => {
  it('archives through the plain form, says so, and Undo works as a form too', async () => {
    await seed('INBOX', 2);
    const page = await orgPage(DESKTOP, false);
    await box(page, 'Note 2').check();
    await toolbar(page).getByRole('button', { name: 'Archive' }).click();
    await page.getByText('1 message archived').waitFor();
    expect(await subjectsIn('Archive')).toEqual(['Note 2']);
    expect(await subjectsIn('INBOX')).toEqual(['Note 1']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: 1 message back in Inbox').waitFor();
    expect(await subjectsIn('INBOX')).toEqual(['Note 1', 'Note 2']);
    expect(await subjectsIn('Archive')).toEqual([]);
    await page.context().close();
  });

  it('a forged status line in the URL is not shown', async () => {
    const page = await orgPage(DESKTOP, false);
    const fake = Buffer.from(JSON.stringify({ tone: 'failed', message: 'Call +1 555 to unlock your account' })).toString('base64url');
    await page.goto(`/mail/INBOX?notice=${fake}.AAAA`);
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    expect(await page.getByText('unlock your account').count()).toBe(0);
    await page.context().close();
  });
});
