// Nothing typed is lost: autosave to Drafts and resuming from there, the browser's own copy restored
// after the session ended, and settings that follow drafter to a fresh browser (IMAP METADATA).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';
import { clearServerMetadata, getServerMetadata } from '../support/metadata';

const baseUrl = inject('baseUrl');
const { drafter, bob } = mailEnv().users;
const SETTINGS_ENTRY = '/private/vendor/satchel/settings';
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 10)}`;
// Sends wait out the undo window and real delivery; the shared test machine is slow at times.
const SLOW = 180_000;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  await clearServerMetadata('drafter', SETTINGS_ENTRY);
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
  // Other tests of drafter expect the defaults (rich text, no signature).
  await clearServerMetadata('drafter', SETTINGS_ENTRY);
});

async function signedIn(path: string, viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, drafter.email, drafter.password, path);
  return page;
}

async function typeMessage(page: Page, subject: string, body: string) {
  const to = page.getByRole('combobox', { name: 'To', exact: true });
  await to.fill(bob.email);
  await to.press('Enter');
  await page.getByLabel('Subject').fill(subject);
  await page.locator('.compose-rich').click();
  await page.keyboard.type(body);
}

describe('drafts', () => {
  it('autosaves to Drafts, resumes after the page was closed, and sending removes the draft', async () => {
    const subject = unique('Autosave');
    const page = await signedIn('/compose');
    await page.locator('.compose-rich').waitFor();
    await typeMessage(page, subject, 'Written on a hotel network.');
    await page.getByText(/^Saved \d/).waitFor({ timeout: 15_000 });
    const [saved] = await findMessages('drafter', 'Drafts', subject);
    expect(saved).toBeDefined();
    expect(saved!.flags.has('\\Draft')).toBe(true);
    await page.close();

    // The reader of a message in Drafts offers to continue it.
    const again = await page.context().newPage();
    await again.goto(`/mail/Drafts/${saved!.uid}`);
    await again.getByRole('link', { name: 'Continue editing' }).click();
    await again.waitForURL(/\/compose\?draft=/);
    await again.locator('.compose-rich').waitFor();
    expect(await again.getByLabel('Subject').inputValue()).toBe(subject);
    await expect.poll(() => again.locator('.compose-rich').innerText()).toContain('Written on a hotel network.');
    await again.locator('.compose-rich').click();
    await again.keyboard.press('ControlOrMeta+End');
    await again.keyboard.type(' And finished at the airport.');
    await again.getByRole('button', { name: 'Send', exact: true }).click();
    await again.waitForURL(/status=sent/, { timeout: 60_000 });

    const mail = await PostalMime.parse((await waitForMessage('bob', 'INBOX', subject)).source);
    expect(mail.text).toContain('Written on a hotel network. And finished at the airport.');
    await expect.poll(() => findMessages('drafter', 'Drafts', subject).then((m) => m.length), { timeout: 10_000 }).toBe(0);
    await again.context().close();
  }, SLOW);

  it('keeps what was typed after the session ended and offers it back after signing in again', async () => {
    const subject = unique('Offline');
    const page = await signedIn('/compose');
    await page.locator('.compose-rich').waitFor();
    await typeMessage(page, subject, 'Typed before.');
    await page.getByText(/^Saved \d/).waitFor({ timeout: 15_000 });
    // The session ends (cookie gone, as after an expiry); the user keeps typing.
    await page.context().clearCookies();
    await page.locator('.compose-rich').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type(' Typed after the session ended.');
    await page.getByText('You were signed out. Your message is kept on this device.').waitFor({ timeout: 15_000 });
    await screenshot(page, 'compose-signed-out-desktop');

    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByLabel('Email').fill(drafter.email);
    await page.getByLabel('Password').fill(drafter.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/compose$/);
    const offer = page.getByRole('alertdialog');
    await offer.getByText(/Restore unsent message from/).waitFor();
    expect(await offer.innerText()).toContain(subject);
    await screenshot(page, 'compose-restore-desktop');
    await offer.getByRole('button', { name: 'Restore' }).click();
    expect(await page.getByLabel('Subject').inputValue()).toBe(subject);
    await expect.poll(() => page.locator('.compose-rich').innerText()).toContain('Typed before. Typed after the session ended.');
    // Restored text goes to the server copy too (the same draft, replaced).
    await page.getByText(/^Saved \d/).waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => {
        const found = await findMessages('drafter', 'Drafts', subject);
        return found.length === 1 && found[0]!.source.toString().includes('Typed after the session ended');
      }, { timeout: 10_000 })
      .toBe(true);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL(/\/mail\/INBOX/);
    await expect.poll(() => findMessages('drafter', 'Drafts', subject).then((m) => m.length), { timeout: 10_000 }).toBe(0);
    await page.context().close();
  }, SLOW);
});

describe('settings', () => {
  it('saved in one browser appear in a fresh one, in new messages and in METADATA on the server', async () => {
    const name = `Dana ${Math.random().toString(36).slice(2, 6)}`;
    const page = await signedIn('/mail/INBOX');
    await page.getByLabel('Account').click();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.waitForURL(/\/settings$/);
    await page.getByLabel('Display name').fill(name);
    await page.getByLabel('Signature (plain text)').fill('Dana on the road');
    await page.getByRole('radio', { name: 'Plain text' }).check();
    await page.getByLabel('Your password').fill(drafter.password);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await screenshot(page, 'settings-desktop');
    await page.context().close();
    // THREATS T22: the owner is told, in their own INBOX.
    await waitForMessage('drafter', 'INBOX', 'Your Satchel settings were changed');

    const stored = JSON.parse((await getServerMetadata('drafter', SETTINGS_ENTRY)) ?? '{}');
    expect(stored).toMatchObject({ displayName: name, signatureText: 'Dana on the road', composeMode: 'plain' });

    const fresh = await signedIn('/settings', PHONE);
    expect(await fresh.getByLabel('Display name').inputValue()).toBe(name);
    expect(await fresh.getByRole('radio', { name: 'Plain text' }).isChecked()).toBe(true);
    await screenshot(fresh, 'settings-phone');
    await fresh.goto('/compose');
    const body = fresh.getByLabel('Message');
    await body.waitFor();
    expect(await body.evaluate((el) => el.tagName)).toBe('TEXTAREA');
    expect(await body.inputValue()).toContain('-- \nDana on the road');
    expect(await fresh.getByText(`${name} <${drafter.email}>`).count()).toBe(1);
    await fresh.context().close();
  }, SLOW);

  it('ask for the password again; a wrong one changes nothing and ends the session (THREATS T22)', async () => {
    const page = await signedIn('/settings');
    await page.getByLabel('Display name').fill('Mallory was here');
    await page.getByLabel('Your password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.waitForURL(/\/login/);
    await page.getByText('you were signed out to protect your account').waitFor();
    const stored = JSON.parse((await getServerMetadata('drafter', SETTINGS_ENTRY)) ?? '{}');
    expect(stored.displayName).not.toBe('Mallory was here');
    await page.goto('/settings');
    await page.waitForURL(/\/login/);
    await page.context().close();
  }, SLOW);
});
