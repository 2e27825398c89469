// Remote images, stylesheets and fonts load only after the reader asks for them.
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { rawMessage } from '../../scripts/mailserver/fixtures';
import { launchBrowser, newContext, signIn, type BrowserHandle } from '../support/browser';
import { appendMessage } from '../support/imap';
import { startMarkerServer, type MarkerServer } from '../support/marker-server';
import { MARKER_ORIGIN } from '../corpus/mime';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { alice } = mailEnv().users;
const REMOTE = MARKER_ORIGIN;
let handle: BrowserHandle;
let remote: MarkerServer;
let uid: number;

beforeAll(async () => {
  remote = await startMarkerServer();
  const html = [
    `<html><head><link rel="stylesheet" href="${REMOTE}/remote.css"><style>@import url(${REMOTE}/import.css);</style></head><body>`,
    `<p style="background-image:url(${REMOTE}/bg.png)">Weekly news</p>`,
    `<img src="${REMOTE}/pixel.png" width="1" height="1" alt=""><img srcset="${REMOTE}/set.png 2x" alt="">`,
    `<table background="${REMOTE}/table.png"><tr><td>Big sale</td></tr></table></body></html>`,
  ].join('');
  uid = await appendMessage('alice', 'INBOX', rawMessage({ From: 'News <news@shop.example>', To: alice.email, Subject: 'Remote content test', 'Content-Type': 'text/html; charset=utf-8' }, html));
  handle = await launchBrowser();
});

afterAll(async () => {
  await handle?.close();
  await remote?.close();
});

it('blocks every remote load until "Show remote content", then lets images through', async () => {
  const context = await newContext(handle.browser, baseUrl);
  const page = await context.newPage();
  const remoteRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(REMOTE)) remoteRequests.push(request.url());
  });
  await signIn(page, alice.email, alice.password, `/mail/INBOX/${uid}`);
  await page.frameLocator('iframe[title="Message body"]').getByText('Weekly news').waitFor();
  await page.waitForTimeout(500);
  expect(remoteRequests).toEqual([]);
  expect(remote.hits).toEqual([]);

  await page.getByRole('link', { name: 'Show remote content' }).click();
  // A full page load (the new page's CSP allows remote images): wait for it, not for the old frame.
  await page.waitForURL(/[?&]remote=1/);
  await page.frameLocator('iframe[title="Message body"]').getByText('Weekly news').waitFor();
  await expect.poll(() => remote.hits.includes('/pixel.png'), { timeout: 10_000 }).toBe(true);
  // The image really loaded in the message frame.
  await expect.poll(() => page.frameLocator('iframe[title="Message body"]').locator('img[width="1"]').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  await context.close();
});
