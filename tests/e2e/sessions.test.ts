// Sign-in, sign-out and the session cookie, including the whole flow with JavaScript disabled.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { htmlWithAttachment } from '../../scripts/mailserver/fixtures';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { alice, bob } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;
let uid: number;

beforeAll(async () => {
  uid = await appendMessage('alice', 'INBOX', await htmlWithAttachment({ to: alice.email }));
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

describe('sessions', () => {
  it('sends a signed-out visitor of a mail URL to /login and back to that URL after sign-in', async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    await page.goto(`/mail/INBOX/${uid}`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Email').fill(alice.email);
    await page.getByLabel('Password').fill(alice.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Quarterly report with chart' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/mail/INBOX/${uid}`);
    await context.close();
  });

  it('keeps the password out of cookies, scripts and the session endpoint', async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, alice.email, alice.password);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'next-auth.session-token');
    expect(session?.httpOnly).toBe(true);
    expect(JSON.stringify(cookies)).not.toContain(alice.password);
    expect(await page.evaluate(() => document.cookie)).not.toContain('session-token');
    const body = await (await page.request.get('/api/auth/session')).text();
    expect(JSON.parse(body)).toEqual({ expires: expect.any(String), user: { email: alice.email } });
    expect(await page.content()).not.toContain(alice.password);
    await context.close();
  });

  it('ends the session on sign-out: a copied cookie can no longer read mail', async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, alice.email, alice.password);
    const stolen = await context.cookies();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();

    const thief = await newContext(browser, baseUrl);
    await thief.addCookies(stolen);
    const thiefPage = await thief.newPage();
    await thiefPage.goto('/mail/INBOX');
    expect(new URL(thiefPage.url()).pathname).toBe('/login');
    const download = await thiefPage.request.get(`/mail/INBOX/${uid}/source`, { maxRedirects: 0 });
    expect([302, 303, 307, 401]).toContain(download.status());
    await thief.close();
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('signs in, lists, reads and sends', async () => {
    const subject = `No-JS hello ${Date.now()}`;
    const context = await newContext(browser, baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, alice.email, alice.password);
    await page.getByRole('link', { name: /Quarterly report with chart/ }).first().click();
    await page.getByRole('heading', { name: 'Quarterly report with chart' }).waitFor();
    await page.goto('/compose');
    await page.getByLabel('To', { exact: true }).fill(bob.email);
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message').fill('Sent from a browser without JavaScript.');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('Message sent').waitFor();
    await waitForMessage('bob', 'INBOX', subject);
    await waitForMessage('alice', 'Sent', subject);
    await context.close();
  });

  it('keeps what was typed when the address is bad', async () => {
    const context = await newContext(browser, baseUrl, { javaScriptEnabled: false });
    const page = await context.newPage();
    await signIn(page, alice.email, alice.password);
    await page.goto('/compose');
    await page.getByLabel('To', { exact: true }).fill('nobody-at-all');
    await page.getByLabel('Subject').fill('Still here');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('"nobody-at-all" is not a valid email address').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe('Still here');
    await context.close();
  });
});
