// A dead or misconfigured IMAP server at sign-in: a clear sentence for the user, the cause in the admin's log.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newContext, screenshot, type BrowserHandle } from '../support/browser';
import { startApp, type AppServer } from '../support/app-server';
import { mailEnv } from '../support/mail-env';

let app: AppServer;
let handle: BrowserHandle;

beforeAll(async () => {
  // Port 9 on loopback: nothing listens there, so every connection is refused.
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 1, { IMAP_URL: 'imap://127.0.0.1:9' });
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
  await app?.stop();
});

it('says "Mail server unreachable", never a stack trace, and logs the cause', async () => {
  const context = await newContext(handle.browser, app.baseUrl);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(mailEnv().users.alice.email);
  await page.getByLabel('Password').fill(mailEnv().users.alice.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'Mail server unreachable' }).waitFor();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/ECONNREFUSED|at .*\.js|Error:/);
  await screenshot(page, 'login-unreachable-desktop');
  await context.close();
  const log = readFileSync(path.join(__dirname, `../artifacts/app-${new URL(app.baseUrl).port}.log`), 'utf8');
  expect(log).toMatch(/sign-in: .*ECONNREFUSED/);
  expect(log).not.toContain(mailEnv().users.alice.password);
});
