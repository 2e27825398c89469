// Sessions end when they should (T11), in apps of their own that keep sessions in the test Redis:
// after 5 s idle (one app), on "Sign out everywhere" in another browser and when the mail password
// changed (another app, whose sessions do not idle out while a test takes a few seconds).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Redis from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { mailEnv } from '../support/mail-env';

// Database 1 of the test Redis (scripts/redis.sh) belongs to this file.
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:16379'}/1`;
const { dave, erin } = mailEnv().users;
const IDLE_SECONDS = 5;
let idleApp: AppServer;
let app: AppServer;
let handle: BrowserHandle;
let browser: Browser;
let db: Redis;

beforeAll(async () => {
  execFileSync('bash', [path.resolve(__dirname, '../../scripts/redis.sh'), 'start'], { stdio: 'inherit' });
  db = new Redis(REDIS_URL);
  await db.flushdb();
  const port = Number(process.env.E2E_PORT ?? 3100);
  // Each browser below names its own documentation address (192.0.2.0/24), so Dovecot's
  // failed-login penalty lands there and not on 127.0.0.1, which every other test shares.
  const common = { REDIS_URL, TRUST_PROXY_HEADERS: 'true' };
  // One after the other: scripts/start.sh re-copies the build's static files on each start.
  // 5 s, not less: on a loaded machine sign-in to first page can take 3 s, and must not idle out.
  idleApp = await startApp(port + 2, { ...common, SESSION_IDLE_SECONDS: String(IDLE_SECONDS) });
  // The pooled IMAP connection closes after 1 s unused, so the next page logs in again.
  app = await startApp(port + 4, { ...common, IMAP_IDLE_CLOSE_SECONDS: '1' });
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
  await Promise.all([idleApp?.stop(), app?.stop()]);
  db?.disconnect();
});

async function signedIn(user: { email: string; password: string }, ip: string, on = app): Promise<Page> {
  const context = await newContext(browser, on.baseUrl);
  await context.setExtraHTTPHeaders({ 'X-Forwarded-For': ip });
  const page = await context.newPage();
  await signIn(page, user.email, user.password);
  expect(new URL(page.url()).pathname).toBe('/mail/INBOX');
  return page;
}

const pathOf = (page: Page) => new URL(page.url()).pathname;
const sessionKeys = () => db.keys('satchel:session:*');

describe('session expiry', () => {
  it('sends a session idle for longer than SESSION_IDLE_SECONDS back to /login', async () => {
    const page = await signedIn(dave, '192.0.2.90', idleApp);
    await page.waitForTimeout(IDLE_SECONDS * 1000 + 1500);
    await page.goto('/mail/INBOX');
    expect(pathOf(page)).toBe('/login');
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await page.context().close();
  });

  it('"Sign out everywhere" in one browser ends the session in another', async () => {
    const [phone, laptop] = await Promise.all([signedIn(dave, '192.0.2.90'), signedIn(dave, '192.0.2.90')]);
    expect((await sessionKeys()).length).toBeGreaterThanOrEqual(2);

    // Closed, the account menu hides its button: "Sign out" alone still names one button.
    expect(await laptop.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await laptop.getByLabel('Account').click();
    await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
    await laptop.waitForURL((url) => url.pathname === '/login');
    await laptop.goto('/mail/INBOX');
    expect(pathOf(laptop)).toBe('/login');

    await phone.goto('/mail/INBOX');
    expect(pathOf(phone)).toBe('/login');
    expect(await db.smembers(`satchel:user-sessions:${dave.email}`)).toEqual([]);
    await phone.context().close();
    await laptop.context().close();
  });

  it('ends the session when the mail server no longer takes the stored password', async () => {
    const page = await signedIn(erin, '192.0.2.91');
    const users = path.join(mailEnv().stateDir, 'users');
    const original = readFileSync(users, 'utf8');
    try {
      // The admin (or Erin elsewhere) changes her password: Dovecot re-reads its passwd-file.
      const changed = original.replace(/^(erin@satchel\.test:)[^:]*/m, '$1{PLAIN}a-new-password-9');
      expect(changed).not.toBe(original);
      writeFileSync(users, changed);
      await page.waitForTimeout(1800);
      await page.goto('/mail/INBOX');
      expect(pathOf(page)).toBe('/login');
      await page.getByRole('alert').filter({ hasText: 'Your password was changed. Please sign in again.' }).waitFor();
    } finally {
      writeFileSync(users, original);
    }
    expect(await db.smembers(`satchel:user-sessions:${erin.email}`)).toEqual([]);
    // The session is gone on the server: the same cookie no longer reaches mail.
    await page.goto('/mail/INBOX');
    expect(pathOf(page)).toBe('/login');
    await page.context().close();
  });
});
