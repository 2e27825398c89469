// A long message text in the editor (issue: Server Actions refuse bodies over Next's default 1 MB):
// a 3 MB paste autosaves and sends; one over the limit (lib/mail/body-limit.ts) gets a clear message
// on save and on Send, and the text stays in the editor. Its own app on this run's mail server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { mailServerEnv, startApp, type AppServer } from '../support/app-server';
import { DESKTOP, launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const { writer, bob } = mailEnv().users;
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 10)}`;
// Lines as a pasted log has them (64 bytes each), to the given size.
const LINE = 'A line of a long pasted log, numbered for nobody in particular.\n';
const longText = (bytes: number) => LINE.repeat(Math.ceil(bytes / LINE.length));
let app: AppServer;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 9, { ...mailServerEnv(mailEnv().stateDir), UNDO_SEND_SECONDS: '2' });
  handle = await launchBrowser();
  browser = handle.browser;
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await app?.stop();
});

async function plainCompose(subject: string, text: string): Promise<Page> {
  const context = await newContext(browser, app.baseUrl, { viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(page, writer.email, writer.password, '/compose');
  await page.getByLabel('Plain text').check();
  const to = page.getByRole('combobox', { name: 'To', exact: true });
  await to.fill(bob.email);
  await to.press('Enter');
  await page.getByLabel('Subject').fill(subject);
  // As a paste lands: one input event with the whole text (typing megabytes through fill() takes minutes).
  await page.getByLabel('Message', { exact: true }).evaluate((el, value) => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  return page;
}

describe('a long message text', () => {
  it('saves and sends 3 MB of pasted text', async () => {
    const subject = unique('Long text');
    const page = await plainCompose(subject, longText(3 * 1024 * 1024));
    await page.getByText(/^Saved \d/).waitFor({ timeout: 30_000 });
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(1);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.waitForURL(/\/mail\/INBOX\?status=sent/, { timeout: 60_000 });
    const received = await waitForMessage('bob', 'INBOX', subject, 30_000);
    expect(received.source.length).toBeGreaterThan(3 * 1024 * 1024);
    await page.context().close();
  }, 180_000);

  it('says why a text over the limit cannot be saved or sent, and keeps it in the editor', async () => {
    const subject = unique('Too long');
    const text = longText(6 * 1024 * 1024);
    const page = await plainCompose(subject, text);
    const why = `The message text is too long (${text.length.toLocaleString('en')} characters; at most 5,000,000). Shorten it, or attach the text as a file`;
    await page.getByRole('status').filter({ hasText: why }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: why }).waitFor();
    expect(await page.getByLabel('Message', { exact: true }).evaluate((el) => (el as HTMLTextAreaElement).value.length)).toBe(text.length);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    await page.context().close();
  }, 180_000);
});
