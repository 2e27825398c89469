// The compose editor in Chromium against the real servers: drafter writes rich text, pastes an image,
// attaches files, undoes a send and picks recipients; bob's mailbox is read over IMAP and parsed.
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import PostalMime from 'postal-mime';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage, findMessages, waitForMessage } from '../support/imap';
import { mailEnv } from '../support/mail-env';
import { clearServerMetadata } from '../support/metadata';

const baseUrl = inject('baseUrl');
const { drafter, bob } = mailEnv().users;
// A valid 1×1 PNG: the inline image must arrive byte for byte.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');
const unique = (label: string) => `${label} ${Math.random().toString(36).slice(2, 10)}`;
// Sends wait out the undo window and real delivery; the shared test machine is slow at times.
const SLOW = 180_000;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  // drafter's defaults: rich text, no signature (settings are tested in compose-drafts).
  await clearServerMetadata('drafter', '/private/vendor/satchel/settings');
  // A correspondent the autocomplete must know: drafter once wrote to "Bob Builder".
  await appendMessage('drafter', 'Sent', `From: ${drafter.email}\r\nTo: Bob Builder <${bob.email}>\r\nSubject: ${unique('seed')}\r\nDate: ${new Date().toUTCString()}\r\n\r\nHi\r\n`, ['\\Seen']);
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function composePage(viewport = DESKTOP): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, drafter.email, drafter.password, '/compose');
  await page.locator('.compose-rich').waitFor();
  return page;
}

async function addRecipient(page: Page, field: 'To' | 'Cc' | 'Bcc', address: string) {
  const input = page.getByRole('combobox', { name: field, exact: true });
  await input.fill(address);
  await input.press('Enter');
}

/** Clicks Send and waits for "Message sent"; returns the milliseconds it took (undo window included). */
async function sendAndWait(page: Page): Promise<number> {
  const started = Date.now();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await page.getByText(/Sending in \d+ s/).waitFor();
  await page.waitForURL(/\/mail\/INBOX\?status=sent/, { timeout: 60_000 });
  await page.getByText('Message sent').waitFor();
  return Date.now() - started;
}

async function pasteImage(page: Page, bytes: Buffer) {
  await page.locator('.compose-rich').evaluate((el, b64) => {
    const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bin], 'pasted.png', { type: 'image/png' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, bytes.toString('base64'));
}

/** The scripts a page loads (with their sizes), the editor's marked by ProseMirror's own class name. */
async function scriptsOf(page: Page, path: string, ready: string): Promise<{ kib: number; editor: boolean }> {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
  });
  await page.goto(path);
  await page.locator(ready).waitFor();
  // The editor's chunk is fetched after hydration: give late scripts a moment to arrive.
  await page.waitForTimeout(2_000);
  const texts = await Promise.all(bodies);
  return { kib: Math.round(texts.reduce((n, t) => n + t.length, 0) / 1024), editor: texts.some((t) => t.includes('ProseMirror-selectednode')) };
}

describe('page weight', () => {
  it('loads the rich-text editor on the compose screen only', async () => {
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    await signIn(page, drafter.email, drafter.password);
    const list = await scriptsOf(await context.newPage(), '/mail/INBOX', 'main h1');
    const compose = await scriptsOf(await context.newPage(), '/compose', '.compose-rich');
    console.log(`scripts (uncompressed): list page ${list.kib} KiB, compose ${compose.kib} KiB`);
    expect(list.editor).toBe(false);
    expect(compose.editor).toBe(true);
    await context.close();
  }, SLOW);
});

describe('rich text', () => {
  it('sends bold text and a list as multipart/alternative with a matching plain-text part', async () => {
    const page = await composePage();
    const subject = unique('Rich');
    await addRecipient(page, 'To', bob.email);
    await page.getByLabel('Subject').fill(subject);
    await page.locator('.compose-rich').click();
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.type('Important');
    await page.getByRole('button', { name: 'Bold' }).click();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.type('first item');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second item');
    await screenshot(page, 'compose-rich-desktop');
    const ms = await sendAndWait(page);
    console.log(`compose: Send to "Message sent" ${ms} ms (undo window of ${inject('undoSendSeconds')} s included)`);

    const received = await waitForMessage('bob', 'INBOX', subject);
    expect(received.source.toString()).toMatch(/multipart\/alternative/i);
    const mail = await PostalMime.parse(received.source);
    expect(mail.html).toMatch(/<(strong|b)>Important<\/(strong|b)>/);
    expect(mail.html).toMatch(/<ul>\s*<li>(<p>)?first item/);
    expect(mail.text).toContain('Important');
    expect(mail.text).toMatch(/first item[\s\S]*second item/);
    await page.context().close();
  }, SLOW);
});

describe('attachments', () => {
  it('sends a pasted inline image (cid:) and a file attachment intact', async () => {
    const page = await composePage();
    const subject = unique('Inline');
    await addRecipient(page, 'To', bob.email);
    await page.getByLabel('Subject').fill(subject);
    await page.locator('.compose-rich').click();
    await page.keyboard.type('Chart below:');
    await pasteImage(page, PNG);
    await page.locator('.compose-rich img[alt="pasted.png"]').waitFor();
    const file = Buffer.from(`report ${subject}\n`.repeat(2000));
    await page.locator('input[type=file]').setInputFiles({ name: 'report.txt', mimeType: 'text/plain', buffer: file });
    await page.locator('li[data-status=done]', { hasText: 'report.txt' }).waitFor();
    await sendAndWait(page);

    const mail = await PostalMime.parse((await waitForMessage('bob', 'INBOX', subject)).source);
    const image = mail.attachments.find((a) => a.mimeType === 'image/png');
    const text = mail.attachments.find((a) => a.filename === 'report.txt');
    expect(image?.contentId).toBeTruthy();
    expect(mail.html).toContain(`cid:${image!.contentId!.replace(/^<|>$/g, '')}`);
    expect(Buffer.from(image!.content as ArrayBuffer).equals(PNG)).toBe(true);
    expect(Buffer.from(text!.content as ArrayBuffer).equals(file)).toBe(true);
    await page.context().close();
  }, SLOW);

  it('shows progress per file, removes one, refuses a file over the limit before uploading, and shows a server refusal', async () => {
    const page = await composePage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // A slow uplink (512 KB/s) so the progress bar can be seen moving.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
    const picker = page.locator('input[type=file]');
    // Files from disk: buffers pushed through the browser protocol are slow on a busy machine.
    const dir = mkdtempSync(path.join(tmpdir(), 'satchel-'));
    const onDisk = (name: string, bytes: number, fill: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, Buffer.alloc(bytes, fill));
      return file;
    };
    await picker.setInputFiles([onDisk('slow-one.bin', 3 * 1024 * 1024, 1), onDisk('slow-two.bin', 3 * 1024 * 1024, 2)]);
    const bar = page.getByRole('progressbar', { name: 'Uploading slow-one.bin' });
    await bar.waitFor();
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, 'compose-attachments-progress-desktop');
    await page.getByRole('button', { name: 'Remove slow-two.bin' }).click();
    await expect.poll(() => page.getByText('slow-two.bin').count()).toBe(0);
    await page.locator('li[data-status=done]', { hasText: 'slow-one.bin' }).waitFor({ timeout: 30_000 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // A sparse file: 26 MB on disk costs nothing.
    const huge = path.join(dir, 'huge.bin');
    writeFileSync(huge, '');
    truncateSync(huge, 26 * 1024 * 1024);
    await picker.setInputFiles(huge);
    await page.getByText(/“huge\.bin” \(26 MB\) is too large/).waitFor();
    expect(await page.getByText('huge.bin', { exact: true }).count()).toBe(0);

    // What the server answers when it refuses a file (its own SIZE limit) reaches the user.
    await page.route('**/compose/attachments', (route) => route.fulfill({ status: 413, contentType: 'application/json', body: JSON.stringify({ error: 'The mail server accepts at most 10 MB' }) }));
    await picker.setInputFiles(onDisk('refused.bin', 1024, 3));
    await page.locator('li[data-status=failed]', { hasText: 'The mail server accepts at most 10 MB' }).waitFor();
    await page.context().close();
  }, SLOW);
});

describe('undo send', () => {
  it('returns the message to the editor untouched and nothing reaches bob', async () => {
    const page = await composePage();
    const subject = unique('Undo');
    await addRecipient(page, 'To', bob.email);
    await page.getByLabel('Subject').fill(subject);
    await page.locator('.compose-rich').click();
    await page.keyboard.type('Wait, not yet.');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText(/Sending in \d+ s/).waitFor();
    await screenshot(page, 'compose-undo-desktop');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByLabel('Subject').waitFor();
    expect(await page.getByLabel('Subject').inputValue()).toBe(subject);
    await expect.poll(() => page.locator('.compose-rich').innerText()).toContain('Wait, not yet.');
    expect(await page.locator('[data-chip]').allInnerTexts()).toEqual([expect.stringContaining(bob.email)]);
    // Well past the undo window: still nothing delivered.
    await page.waitForTimeout((inject('undoSendSeconds') + 4) * 1000);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Discard' }).click();
    await page.waitForURL(/\/mail\/INBOX/);
    await page.context().close();
  }, SLOW);
});

describe('recipients', () => {
  it('suggests a previous correspondent, splits a pasted list and highlights invalid addresses', async () => {
    for (const [viewport, name] of [[DESKTOP, 'desktop'], [PHONE, 'phone']] as const) {
      const page = await composePage(viewport);
      await screenshot(page, `compose-${name}`);
      const to = page.getByRole('combobox', { name: 'To', exact: true });
      await to.fill('Builder');
      const option = page.getByRole('option', { name: /Bob Builder/ });
      await option.waitFor();
      expect(await to.getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, `compose-autocomplete-${name}`);
      await to.press('ArrowDown');
      expect(await option.getAttribute('aria-selected')).toBe('true');
      await to.press('Enter');
      expect(await page.locator('[data-chip]').first().innerText()).toContain(`Bob Builder <${bob.email}>`);

      const cc = page.getByRole('combobox', { name: 'Cc', exact: true });
      await cc.evaluate((el) => {
        const data = new DataTransfer();
        data.setData('text/plain', 'ann@example.test, "Lee, Jo" <jo@example.test>; not-an-address\nzed@example.test');
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      });
      await expect.poll(() => page.locator('[data-chip]').count()).toBe(5);
      expect(await page.locator('[data-chip][data-invalid]').allInnerTexts()).toEqual([expect.stringContaining('not-an-address')]);
      await page.getByText('Not a valid email address: not-an-address').waitFor();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Cc: “not-an-address” is not a valid email address' }).waitFor();
      await screenshot(page, `compose-invalid-${name}`);
      await page.context().close();
    }
  }, SLOW);
});
