// Debian's Chromium driven by playwright-core: never a downloaded browser.
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export type BrowserHandle = { browser: Browser; close: () => Promise<void> };

/** playwright-core's launch() gives every browser a fresh temporary profile (user-data-dir) of its own. */
export async function launchBrowser(): Promise<BrowserHandle> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return { browser, close: () => browser.close() };
}

export async function newContext(
  browser: Browser,
  baseURL: string,
  opts: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean; hasTouch?: boolean; storageState?: StorageState } = {},
): Promise<BrowserContext> {
  const { viewport = DESKTOP, javaScriptEnabled = true, hasTouch = false, storageState } = opts;
  return browser.newContext({ baseURL, viewport, javaScriptEnabled, hasTouch, isMobile: hasTouch, storageState });
}

/** A signed-in context's cookies, to open more contexts (other widths, no JavaScript) as the same session. */
export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export async function signIn(page: Page, email: string, password: string, path = '/mail/INBOX'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login' || url.searchParams.has('error'));
}

/** Screenshots land in tests/artifacts (ignored by git) for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(__dirname, '../artifacts', `${name}.png`), fullPage: false });
}
