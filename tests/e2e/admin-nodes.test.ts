// Several app nodes through one Redis and one Dovecot: two standalone servers with the same secret.
// A session made on one works on the other, a sign-out on one is seen by the other, and a sending
// limit counts across both.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HttpClient } from '../support/admin-http';
import { startApp, type AppServer } from '../support/app-server';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { mailEnv } from '../support/mail-env';

// Several sign-ins and sends per test on a shared, busy machine.
vi.setConfig({ testTimeout: 240_000 });

const { grace } = mailEnv().users;
let nodes: AppServer[] = [];
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  const shared = { AUTH_SECRET: randomBytes(32).toString('base64'), REDIS_URL: 'redis://127.0.0.1:16379', SEND_LIMIT_PER_MINUTE: '1', UNDO_SEND_SECONDS: '0' };
  nodes = await Promise.all([startApp(3111, shared), startApp(3112, shared)]);
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
  await Promise.all(nodes.map((n) => n.stop()));
});

describe('two app nodes sharing Redis', () => {
  it('a session made on one node works on the other, and a sign-out on one ends it on both', async () => {
    const [a, b] = nodes as [AppServer, AppServer];
    const client = new HttpClient(a.baseUrl);
    expect((await client.signIn(grace.email, grace.password)).pathname).toBe('/mail/INBOX');
    expect(await client.signedInAt(a.baseUrl)).toBe(true);
    expect(await client.signedInAt(b.baseUrl)).toBe(true);
    // The same cookie, kept after the browser would have dropped it: the server side must refuse it.
    const copy = new HttpClient(b.baseUrl);
    for (const [k, v] of client.cookies) copy.cookies.set(k, v);
    await client.signOut(a.baseUrl);
    expect(await copy.signedInAt(b.baseUrl)).toBe(false);
    expect(await copy.signedInAt(a.baseUrl)).toBe(false);
  });

  it('counts a sending limit across both nodes', async () => {
    const [a, b] = nodes as [AppServer, AppServer];
    const context = await newContext(browser, a.baseUrl);
    const page = await context.newPage();
    await signIn(page, grace.email, grace.password);
    // Cookies are per host, not per port: the same browser session reaches node b.
    const send = async (baseUrl: string, subject: string) => {
      await page.goto(`${baseUrl}/compose`);
      await page.getByLabel('To', { exact: true }).fill(grace.email);
      await page.getByLabel('Subject', { exact: true }).fill(subject);
      await page.getByLabel('Message', { exact: true }).fill('Counting across nodes.');
      await page.getByRole('button', { name: 'Send' }).click();
    };
    await send(a.baseUrl, `a1 node a ${randomUUID()}`);
    await page.getByText('Message sent').waitFor();
    await send(b.baseUrl, `a1 node b ${randomUUID()}`);
    await page.getByRole('alert').filter({ hasText: /sending limit/ }).waitFor();
    await context.close();
  });
});
