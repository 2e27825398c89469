// Runs last (see the sequencer in vitest.config.mts): Dovecot slows every login from an IP
// for a few seconds after a failed one, and all test traffic comes from 127.0.0.1.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, newContext, screenshot, type BrowserHandle } from '../support/browser';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
let handle: BrowserHandle;

beforeAll(async () => {
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
});

it('says "Wrong email or password" and keeps the visitor signed out', async () => {
  const context = await newContext(handle.browser, baseUrl);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(mailEnv().users.alice.email);
  await page.getByLabel('Password').fill('not-her-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong email or password' }).waitFor();
  await screenshot(page, 'login-error-desktop');
  await page.goto('/mail/INBOX');
  expect(new URL(page.url()).pathname).toBe('/login');
  await context.close();
});
