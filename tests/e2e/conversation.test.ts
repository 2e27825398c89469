// Conversations in Chromium against the real Dovecot: the switch (kept in the URL), one row per thread,
// and the opened thread as one stack that includes the user's own reply from Sent, beside the list in
// the reading pane like a plain message.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { seedFindMailbox } from '../support/find-seed';
import { findMessages } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { find } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  await seedFindMailbox();
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function findPage(viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, find.email, find.password);
  await page.waitForURL(/\/mail\/INBOX/);
  return page;
}

const stack = (page: Page) => page.getByRole('article', { name: 'Conversation' });

describe('conversations', () => {
  it('switches to one row per thread, and back, through the URL', async () => {
    const page = await findPage();
    await page.getByRole('link', { name: 'Conversations' }).click();
    await page.waitForURL(/\/mail\/INBOX\?view=threads$/);
    const rows = page.locator('ul[aria-label="Conversations"] .msg-row');
    await expect.poll(() => rows.count()).toBe(5);
    const first = rows.first();
    expect(await first.locator('.msg-from').innerText()).toMatch(/^Carl Zed, Anna Berg\s*2$/);
    expect(await first.locator('.msg-subject').innerText()).toBe('Project kickoff');
    expect(await first.getAttribute('data-unread')).toBe('true');
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/mail/INBOX' && url.search === '');
    await expect.poll(() => page.locator('ul[aria-label="Messages"] li').count()).toBe(6);
    await page.context().close();
  });

  it('opens a thread as one stack: newest open, older collapsed, the reply from Sent included', async () => {
    const page = await findPage();
    await page.goto('/mail/INBOX?view=threads');
    await page.locator('ul[aria-label="Conversations"] .msg-row').first().click();
    await page.waitForURL(/\/mail\/INBOX\/\d+\?view=threads$/);
    await stack(page).waitFor({ timeout: 90_000 });
    const items = stack(page).locator('ol > li');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.locator('summary').allInnerTexts()).toEqual([
      expect.stringContaining('Carl Zed'),
      expect.stringContaining('Anna Berg'),
      expect.stringMatching(/Find Tester\s*Sent/),
    ]);
    // The newest (the user's own reply, from Sent) is open; the oldest is collapsed until clicked.
    await expect.poll(() => stack(page).getByText('My own reply from Sent.').isVisible()).toBe(true);
    expect(await items.first().getByText('Kickoff on Monday').isVisible()).toBe(false);
    await items.first().locator('summary').click();
    await expect.poll(() => items.first().getByText('Kickoff on Monday').isVisible()).toBe(true);
    await screenshot(page, 'conversation-desktop');
    // Opening the conversation marked the unread reply seen on the server.
    const [reply] = (await findMessages('find', 'INBOX', 'Re: Project kickoff'));
    expect(reply?.flags.has('\\Seen')).toBe(true);
    // Each open message of the stack can be answered from there: Reply on Anna's opens Compose on it.
    if ((await items.nth(1).locator('details').getAttribute('open')) === null) await items.nth(1).locator('summary').click();
    await items.nth(1).getByRole('navigation', { name: 'Reply and forward' }).getByRole('link', { name: 'Reply', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/compose' && (url.searchParams.get('reply') ?? '').startsWith('INBOX/'));
    await expect.poll(() => page.getByLabel('Subject').inputValue()).toBe('Re: Project kickoff');
    await page.context().close();
  }, 240_000);

  it('opens a clicked conversation beside the list on a desktop, and over the whole screen on a phone', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await findPage(viewport);
      await page.goto('/mail/INBOX?view=threads');
      // Rows clicked before hydration are plain links (the page of its own, tested below).
      await page.locator('html[data-list-gestures]').waitFor({ state: 'attached' });
      const row = page.locator('ul[aria-label="Conversations"] .msg-row').first();
      await row.click();
      await page.waitForURL(/\/mail\/INBOX\/\d+\?view=threads$/);
      const pane = page.locator('#reading-pane');
      const thread = pane.getByRole('article', { name: 'Conversation' });
      await thread.waitFor();
      await expect.poll(() => thread.locator('ol > li').count()).toBe(3);
      const reader = (await pane.boundingBox())!;
      if (viewport === DESKTOP) {
        // The list stays, left of the thread, its row marked as the open one.
        const list = (await page.locator('.list-pane').boundingBox())!;
        expect(list.x + list.width).toBeLessThanOrEqual(reader.x + 1);
        expect(reader.width).toBeGreaterThan(400);
        expect(await row.isVisible()).toBe(true);
        expect(await row.getAttribute('aria-current')).toBe('true');
        await screenshot(page, 'conversation-pane-desktop');
      } else {
        expect(reader).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
        await screenshot(page, 'conversation-pane-phone');
      }
      // Back: the conversation list, as it was left.
      await pane.getByRole('link', { name: '‹ Back' }).click();
      await page.waitForURL((url) => url.pathname === '/mail/INBOX' && url.search === '?view=threads');
      await expect.poll(() => thread.count()).toBe(0);
      expect(await row.isVisible()).toBe(true);
      await page.context().close();
    }
  }, 240_000);

  it('works as a full page on a phone', async () => {
    const page = await findPage(PHONE);
    await page.goto('/mail/INBOX?view=threads');
    await screenshot(page, 'conversations-phone');
    const href = await page.locator('ul[aria-label="Conversations"] .msg-row').first().getAttribute('href');
    expect(href).toMatch(/^\/mail\/INBOX\/\d+\?view=threads$/);
    await page.goto(href!);
    await stack(page).waitFor();
    expect(await stack(page).locator('ol > li').count()).toBe(3);
    await screenshot(page, 'conversation-phone');
    await page.context().close();
  });
});
