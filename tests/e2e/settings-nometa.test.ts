// Settings on a mail server without IMAP METADATA (Dovecot's default, common at hosting providers):
// saved in one browser, they appear in a fresh one and in new messages; the folder that holds them
// stays out of the sidebar and the folder list.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { noMetadataServer, nometaUser, withNometaImap, writeDomainsFile } from '../support/no-metadata-server';

const server = noMetadataServer();
const drafter = nometaUser('drafter');
const FOLDER = 'Satchel Settings';
let app: AppServer;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  await server.start();
  // Each run starts as a user who never saved settings.
  await withNometaImap(server, 'drafter', async (client) => {
    if ((await client.list()).some((f) => f.path === FOLDER)) await client.mailboxDelete(FOLDER);
  });
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 5, { DOMAINS_FILE: writeDomainsFile(server) });
  handle = await launchBrowser();
  browser = handle.browser;
}, 180_000);

afterAll(async () => {
  await handle?.close();
  await app?.stop();
  await server.stop();
});

async function signedIn(path: string, viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, app.baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, drafter.email, drafter.password, path);
  return page;
}

describe('settings without IMAP METADATA', () => {
  it('saved in one browser appear in a fresh one and in new messages; their folder is not listed', async () => {
    const name = `Nadia ${Math.random().toString(36).slice(2, 6)}`;
    const page = await signedIn('/settings');
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Signature (plain text)').fill('Nadia, no METADATA here');
    await page.getByRole('radio', { name: 'Plain text' }).check();
    await page.getByLabel('Your password').fill(drafter.password);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.context().close();

    const fresh = await signedIn('/settings', PHONE);
    expect(await fresh.getByLabel('Display name').inputValue()).toBe(name);
    expect(await fresh.getByLabel('Signature (plain text)').inputValue()).toBe('Nadia, no METADATA here');
    expect(await fresh.getByRole('radio', { name: 'Plain text' }).isChecked()).toBe(true);
    await screenshot(fresh, 'settings-nometa-phone');
    await fresh.goto('/compose');
    const body = fresh.getByLabel('Message');
    await body.waitFor();
    expect(await body.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await body.inputValue()).toContain('-- \nNadia, no METADATA here');
    expect(await fresh.getByText(`${name} <${drafter.email}>`).count()).toBe(1);

    await fresh.setViewportSize(DESKTOP);
    await fresh.goto('/mail/INBOX');
    const sidebar = fresh.getByRole('navigation', { name: 'Folders' });
    await sidebar.getByRole('link', { name: /Drafts/ }).waitFor();
    expect(await sidebar.getByText(FOLDER).count()).toBe(0);
    // Nor on the page that lists every folder, subscribed or not.
    await fresh.goto('/settings/folders');
    await fresh.locator('li[data-folder="Drafts"]').first().waitFor();
    expect(await fresh.locator(`li[data-folder="${FOLDER}"]`).count()).toBe(0);
    // It is there on the server, all the same.
    expect(await withNometaImap(server, 'drafter', async (client) => (await client.list()).some((f) => f.path === FOLDER))).toBe(true);
    await fresh.context().close();
  }, 180_000);
});
