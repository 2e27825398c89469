// Alice reads a seeded HTML message with an attachment and sends to Bob; both check the result
// in the browser and on the mail server itself.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { htmlWithAttachment } from '../../scripts/mailserver/fixtures';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, emptyMailbox, findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { alice, bob } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;
let seededUid: number;

beforeAll(async () => {
  await Promise.all([emptyMailbox('alice'), emptyMailbox('bob')]);
  seededUid = await appendMessage('alice', 'INBOX', await htmlWithAttachment({ to: alice.email }));
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function alicePage(viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, alice.email, alice.password);
  return page;
}

describe('reading', () => {
  it('shows the inbox with sender, subject, attachment marker and unread state', async () => {
    const page = await alicePage();
    await expect.poll(() => page.url()).toContain('/mail/INBOX');
    const row = page.getByRole('link', { name: /Quarterly report with chart/ });
    await row.waitFor();
    expect(await row.getAttribute('data-unread')).toBe('true');
    expect(await row.getByRole('img', { name: 'Has attachment' }).count()).toBe(1);
    await screenshot(page, 'inbox-desktop');
    await page.context().close();
  });

  it('opens the HTML message in a script-less sandboxed frame, lists the attachment, and marks it seen', async () => {
    const page = await alicePage();
    await page.getByRole('link', { name: /Quarterly report with chart/ }).click();
    await page.getByRole('heading', { name: 'Quarterly report with chart' }).waitFor();
    const frame = page.locator('iframe[title="Message body"]');
    const sandbox = (await frame.getAttribute('sandbox')) ?? '';
    expect(sandbox).not.toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    const body = page.frameLocator('iframe[title="Message body"]');
    await expect.poll(() => body.locator('body').innerText()).toContain('Revenue grew 12%');
    // The inline cid: image is drawn from the message itself.
    const imageWidth = await body.locator('img').first().evaluate((img: HTMLImageElement) => img.naturalWidth);
    expect(imageWidth).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /report\.pdf/ }).count()).toBe(1);
    await screenshot(page, 'message-desktop');

    const [seen] = await findMessages('alice', 'INBOX', 'Quarterly report with chart');
    expect(seen?.flags.has('\\Seen')).toBe(true);
    await page.context().close();
  });

  it('serves the attachment as a download that the browser will not sniff or render', async () => {
    const page = await alicePage();
    await page.goto(`/mail/INBOX/${seededUid}`);
    const href = await page.getByRole('link', { name: /report\.pdf/ }).getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="report\.pdf"/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect((await response.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });
});

/** Waits for the JavaScript editor to take over the plain form, and writes this message as plain text. */
async function openEditor(page: Page) {
  await page.locator('.compose-rich').waitFor();
  await page.getByLabel('Plain text').check();
}

async function addRecipient(page: Page, text: string) {
  const to = page.getByRole('combobox', { name: 'To', exact: true });
  await to.fill(text);
  await to.press('Enter');
}

describe('sending', () => {
  it('sends from alice to bob: bob finds it in his inbox, alice in her Sent folder (seen)', async () => {
    const subject = `Lunch on Friday ${Date.now()}`;
    const page = await alicePage();
    await page.getByRole('link', { name: 'Compose' }).click();
    await openEditor(page);
    await addRecipient(page, bob.email);
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message').fill('Shall we try the new place?\nhttps://example.com/menu');
    await screenshot(page, 'compose-desktop');
    // A double click must neither send twice nor land on "Undo".
    await page.getByRole('button', { name: 'Send', exact: true }).dblclick();
    await page.waitForURL(/\/mail\/INBOX\?status=sent/, { timeout: 60_000 });
    await page.getByText('Message sent').waitFor();

    const sentCopy = await waitForMessage('alice', 'Sent', subject);
    expect(sentCopy.flags.has('\\Seen')).toBe(true);
    await waitForMessage('bob', 'INBOX', subject);
    // A double click sends once.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);

    await page.getByRole('navigation', { name: 'Folders' }).getByRole('link', { name: /^Sent/ }).click();
    await page.getByRole('link', { name: new RegExp(subject) }).waitFor();
    await page.context().close();

    const bobContext = await newContext(browser, baseUrl, { viewport: PHONE });
    const bobPage = await bobContext.newPage();
    await signIn(bobPage, bob.email, bob.password);
    await bobPage.getByRole('link', { name: new RegExp(subject) }).click();
    await bobPage.getByText('Shall we try the new place?').waitFor();
    expect(await bobPage.getByRole('link', { name: 'https://example.com/menu' }).count()).toBe(1);
    await screenshot(bobPage, 'message-phone');
    await bobContext.close();
  });

  it('names a bad address and keeps everything typed', async () => {
    const page = await alicePage();
    await page.goto('/compose');
    await openEditor(page);
    await addRecipient(page, 'bob@satchel.test, not-an-address');
    await page.getByLabel('Subject').fill('Keep me');
    await page.getByLabel('Message').fill('Every word of this stays.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /not-an-address.{0,2} is not a valid email address/ }).waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Keep me');
    expect(await page.getByLabel('Message').inputValue()).toBe('Every word of this stays.');
    await page.context().close();
  });
});

describe('phone width', () => {
  it('shows sign-in, inbox and compose at 390 px without horizontal scrolling', async () => {
    const context = await newContext(browser, baseUrl, { viewport: PHONE });
    const page = await context.newPage();
    await page.goto('/login');
    await screenshot(page, 'login-phone');
    await signIn(page, alice.email, alice.password);
    await page.getByRole('link', { name: /Quarterly report with chart/ }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'inbox-phone');
    await page.goto('/compose');
    await screenshot(page, 'compose-phone');
    await context.close();
  });
});
