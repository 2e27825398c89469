// Reply all and forward from the browser: what bob receives (headers, quoting, attachments, read back
// over IMAP and parsed) and the flags the original gets on the server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { compose } from '../../scripts/mailserver/fixtures';
import { DESKTOP, launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { writer, bob, carol } = mailEnv().users;
const SLOW = 180_000;
const token = () => Math.random().toString(36).slice(2, 10);
let handle: BrowserHandle;

beforeAll(async () => {
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
});

/** A message from bob to writer, Cc carol, with a CSV attached; returns its UID and Message-ID. */
async function seed(subject: string) {
  const messageId = `<${token()}@satchel.test>`;
  const raw = await compose({
    from: `Bob <${bob.email}>`,
    to: writer.email,
    cc: carol.email,
    subject,
    messageId,
    text: 'Can you send the figures?\nThanks',
    attachments: [{ filename: 'figures.csv', content: 'quarter,total\nQ3,1200\n', contentType: 'text/csv' }],
  });
  return { uid: await appendMessage('writer', 'INBOX', raw), messageId };
}

async function openAsWriter(path: string): Promise<Page> {
  const context = await newContext(handle.browser, baseUrl, { viewport: DESKTOP });
  const page = await context.newPage();
  await signIn(page, writer.email, writer.password, path);
  return page;
}

async function sendAndWait(page: Page) {
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.waitForURL(/\/mail\/INBOX\?status=sent/, { timeout: 60_000 });
  await page.getByText('Message sent').waitFor();
}

async function originalFlags(subject: string, uid: number): Promise<Set<string>> {
  const found = (await findMessages('writer', 'INBOX', subject)).find((m) => m.uid === uid);
  return found?.flags ?? new Set();
}

describe('reply and forward in the browser', () => {
  it('reply all: "Re:", In-Reply-To and References, the original quoted, Cc kept, own address left out; original \\Answered', async () => {
    const subject = `Figures ${token()}`;
    const { uid, messageId } = await seed(subject);
    const page = await openAsWriter(`/mail/INBOX/${uid}`);
    await page.getByRole('link', { name: 'Reply all' }).click();
    await page.waitForURL(/\/compose\?reply-all=/);
    await page.locator('.compose-rich').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe(`Re: ${subject}`);
    await sendAndWait(page);
    await page.context().close();

    const mail = await PostalMime.parse((await waitForMessage('bob', 'INBOX', `Re: ${subject}`)).source);
    expect(mail.subject).toBe(`Re: ${subject}`);
    expect(mail.inReplyTo).toBe(messageId);
    expect(mail.references ?? '').toContain(messageId);
    const people = [...(mail.to ?? []), ...(mail.cc ?? [])].map((a) => ('address' in a ? a.address : ''));
    expect(people).toContain(bob.email);
    expect(people).toContain(carol.email);
    expect(people).not.toContain(writer.email);
    expect(mail.text).toMatch(/wrote:/);
    expect(mail.text).toContain('> Can you send the figures?');
    await waitForMessage('carol', 'INBOX', `Re: ${subject}`);
    expect((await originalFlags(subject, uid)).has('\\Answered')).toBe(true);
  }, SLOW);

  it('forward: "Fwd:" with the original attachment; original $Forwarded', async () => {
    const subject = `Report ${token()}`;
    const { uid } = await seed(subject);
    const page = await openAsWriter(`/mail/INBOX/${uid}`);
    await page.getByRole('link', { name: 'Forward', exact: true }).click();
    await page.waitForURL(/\/compose\?forward=/);
    await page.locator('.compose-rich').waitFor();
    const to = page.getByRole('combobox', { name: 'To', exact: true });
    await to.fill(bob.email);
    await to.press('Enter');
    expect(await page.getByLabel('Subject').inputValue()).toBe(`Fwd: ${subject}`);
    await page.getByText('figures.csv').first().waitFor();
    await sendAndWait(page);
    await page.context().close();

    const mail = await PostalMime.parse((await waitForMessage('bob', 'INBOX', `Fwd: ${subject}`)).source);
    expect(mail.text).toContain('Can you send the figures?');
    const csv = mail.attachments.find((a) => a.filename === 'figures.csv');
    expect(csv).toBeDefined();
    expect(Buffer.from(csv!.content as ArrayBuffer).toString()).toContain('Q3,1200');
    expect((await originalFlags(subject, uid)).has('$Forwarded')).toBe(true);
  }, SLOW);

  it('a From edited in the page to someone else\'s address is refused and nothing is sent; an allowed alias sends', async () => {
    const page = await openAsWriter('/compose');
    await page.locator('.compose-rich').waitFor();
    const subject = `Forged ${token()}`;
    const to = page.getByRole('combobox', { name: 'To', exact: true });
    await to.fill(bob.email);
    await to.press('Enter');
    await page.getByLabel('Subject').fill(subject);
    // The select offers only writer's own addresses; add another one by editing the page, as an attacker would.
    await page.locator('select#compose-from').evaluate((select: HTMLSelectElement) => {
      const option = document.createElement('option');
      option.value = 'alice@satchel.test';
      option.textContent = 'alice@satchel.test';
      select.appendChild(option);
      select.value = option.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: /cannot send as/i }).waitFor();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);

    await page.locator('select#compose-from').selectOption('sales@satchel.test');
    await sendAndWait(page);
    await page.context().close();
    const mail = await PostalMime.parse((await waitForMessage('bob', 'INBOX', subject)).source);
    expect(mail.from && 'address' in mail.from ? mail.from.address : '').toBe('sales@satchel.test');
  }, SLOW);
});
