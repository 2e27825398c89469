// The compose screen with JavaScript switched off: the Reply link opens a prefilled plain form, the
// form posts to sendAction, and bob receives the answer (checked on his mailbox over IMAP).
import PostalMime from 'postal-mime';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { compose } from '../../scripts/mailserver/fixtures';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { writer, bob } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function seed(subject: string, messageId = `<nojs-${Date.now()}@satchel.test>`): Promise<number> {
  const raw = await compose({ from: `Bob <${bob.email}>`, to: writer.email, subject, messageId, text: 'Can you make it on Monday?' });
  return appendMessage('writer', 'INBOX', raw);
}

describe('compose without JavaScript', () => {
  it('replies from the message view: prefilled form, sent to bob with the original quoted', async () => {
    const subject = `No-JS question ${Date.now()}`;
    const messageId = `<nojs-q-${Date.now()}@satchel.test>`;
    const uid = await seed(subject, messageId);
    const context = await newContext(browser, baseUrl, { viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, writer.email, writer.password, `/mail/INBOX/${uid}`);
    await page.getByRole('navigation', { name: 'Reply and forward' }).getByRole('link', { name: 'Reply', exact: true }).click();
    await page.waitForURL(/\/compose\?reply=/);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toContain(bob.email);
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe(`Re: ${subject}`);
    const body = await page.getByLabel('Message', { exact: true }).inputValue();
    expect(body).toContain('> Can you make it on Monday?');
    await screenshot(page, 'compose-nojs-reply-phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByLabel('Message', { exact: true }).fill(`Yes, Monday works.${body}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await page.waitForURL(/\/mail\/INBOX/);
    const delivered = await waitForMessage('bob', 'INBOX', `Re: ${subject}`);
    const email = await PostalMime.parse(delivered.source);
    expect(email.text).toContain('Yes, Monday works.');
    expect(email.text).toContain('> Can you make it on Monday?');
    // Threaded like a reply from the full editor, and the original marked answered.
    expect(email.inReplyTo).toBe(messageId);
    expect(email.references).toBe(messageId);
    expect(await findMessages('writer', 'Sent', `Re: ${subject}`)).toHaveLength(1);
    const [original] = await findMessages('writer', 'INBOX', subject);
    expect(original!.flags.has('\\Answered')).toBe(true);
    await context.close();
  });

  it('shows the reply links on the message view at desktop width', async () => {
    const subject = `No-JS links ${Date.now()}`;
    const uid = await seed(subject);
    const context = await newContext(browser, baseUrl, { viewport: DESKTOP, javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, writer.email, writer.password, `/mail/INBOX/${uid}`);
    const nav = page.getByRole('navigation', { name: 'Reply and forward' });
    for (const name of ['Reply', 'Reply all', 'Forward', 'Forward as attachment']) {
      expect(await nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    await screenshot(page, 'message-reply-links-desktop');
    await nav.getByRole('link', { name: 'Forward', exact: true }).click();
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe(`Fwd: ${subject}`);
    expect(await page.getByLabel('Message', { exact: true }).inputValue()).toContain('---------- Forwarded message ---------');
    await context.close();
  });
});
