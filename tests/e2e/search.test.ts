// Find, in Chromium against the real Dovecot: the top-bar search with operators and scope, paging of
// results, an empty result, a malformed query, every sort order of a folder, on desktop and phone.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { seedFindMailbox } from '../support/find-seed';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { find } = mailEnv().users;
let handle: BrowserHandle;
let browser: Browser;

beforeAll(async () => {
  await seedFindMailbox();
  handle = await launchBrowser();
  browser = handle.browser;
});

afterAll(async () => {
  await handle?.close();
});

async function findPage(viewport = DESKTOP, javaScriptEnabled = true): Promise<Page> {
  const context = await newContext(browser, baseUrl, { viewport, javaScriptEnabled });
  const page = await context.newPage();
  await signIn(page, find.email, find.password);
  await page.waitForURL(/\/mail\/INBOX/);
  return page;
}

const subjects = (page: Page) => page.locator('ul[aria-label="Messages"] .msg-subject').allInnerTexts();

async function search(page: Page, q: string, scope?: string): Promise<void> {
  await page.locator('#search').fill(q);
  if (scope) await page.getByLabel('Where to search').selectOption({ label: scope });
  await page.locator('#search').press('Enter');
  await page.waitForURL(/\/search\?/);
}

describe('search', () => {
  it('searches this folder with operators from the top bar, and the results have their own URL', async () => {
    const page = await findPage();
    await search(page, 'from:anna');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/search');
    expect(url.searchParams.get('q')).toBe('from:anna');
    expect(url.searchParams.get('in')).toBe('INBOX');
    await page.getByRole('heading', { name: /Results for “from:anna” in Inbox/ }).waitFor();
    expect(await subjects(page)).toEqual(['Re: Project kickoff', 'Lunch on Friday']);
    expect(await page.locator('#search').inputValue()).toBe('from:anna');

    await search(page, 'subject:"project kickoff" is:unread');
    expect(await subjects(page)).toEqual(['Re: Project kickoff']);
    await search(page, 'has:attachment');
    expect(await subjects(page)).toEqual(['Quarterly report with chart']);
    await search(page, 'after:2026-01-01 before:2026-02-01');
    expect(await subjects(page)).toEqual(['Invoice 2026-01', 'Lunch on Friday']);
    await screenshot(page, 'search-desktop');
    await page.context().close();
  }, 240_000);

  it('searches all folders and says which folder each message is in', async () => {
    const page = await findPage();
    await search(page, 'subject:invoice', 'All folders');
    expect(new URL(page.url()).searchParams.get('in')).toBe('all');
    await page.getByRole('heading', { name: /in all folders/ }).waitFor();
    expect(await subjects(page)).toEqual(['InboxInvoice 2026-02', 'InboxInvoice 2026-01', 'ArchiveInvoice 2025-12']);
    // A result in another folder opens there.
    await page.getByRole('link', { name: /Invoice 2025-12/ }).click();
    await page.getByRole('heading', { name: 'Invoice 2025-12' }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/mail\/Archive\/\d+$/);
    await page.context().close();
  }, 180_000);

  it('pages through results 50 at a time, keeping the query', async () => {
    const page = await findPage();
    await search(page, 'from:newsletter', 'All folders');
    expect(await page.locator('ul[aria-label="Messages"] li').count()).toBe(50);
    await page.getByText('1–50 of 55').waitFor();
    await page.getByRole('link', { name: 'Older messages' }).click();
    await page.waitForURL(/page=2/);
    const url = new URL(page.url());
    expect([url.searchParams.get('q'), url.searchParams.get('in')]).toEqual(['from:newsletter', 'all']);
    expect(await subjects(page)).toEqual([5, 4, 3, 2, 1].map((n) => `ListsWeekly Byte issue ${n}`));
    await page.context().close();
  });

  it('says so when nothing matches', async () => {
    const page = await findPage();
    await search(page, 'subject:"no such thing"', 'All folders');
    await page.getByText('No messages match “subject:"no such thing"” in all folders.').waitFor();
    await page.context().close();
  });

  it('answers a malformed query with a clear message, not a server error', async () => {
    const page = await findPage();
    const response = await page.goto('/search?q=before%3A2026-02-30&in=INBOX');
    expect(response?.status()).toBe(200);
    const alert = page.locator('main [role="alert"]');
    await expect.poll(() => alert.innerText()).toMatch(/before: needs a date written YYYY-MM-DD/);
    const unbalanced = await page.goto(`/search?q=${encodeURIComponent('subject:"q3 report')}&in=all`);
    expect(unbalanced?.status()).toBe(200);
    await expect.poll(() => alert.innerText()).toMatch(/quote is not closed/);
    const injected = await page.goto(`/search?q=${encodeURIComponent('x"\r\nA1 DELETE INBOX')}&in=INBOX`);
    expect(injected?.status()).toBe(200);
    await expect.poll(() => alert.innerText()).toMatch(/cannot be searched/);
    await page.context().close();
  }, 180_000);

  it('works without JavaScript, and fits a phone', async () => {
    const page = await findPage(PHONE, false);
    const box = await page.locator('#search').boundingBox();
    expect(box?.width).toBeGreaterThan(150);
    expect(box?.height).toBeGreaterThanOrEqual(44);
    await search(page, 'invoice');
    expect(await subjects(page)).toEqual(['Invoice 2026-02', 'Invoice 2026-01']);
    // Rendered in the page itself, not streamed behind a loading skeleton that needs a script to swap.
    expect(await page.getByRole('link', { name: /Invoice 2026-02/ }).isVisible()).toBe(true);
    await screenshot(page, 'search-phone');
    await page.context().close();
  });
});

describe('sort', () => {
  const orders: Array<[string, string, string[]]> = [
    ['Newest first', '', ['Re: Project kickoff', 'Project kickoff', 'Invoice 2026-02', 'Invoice 2026-01', 'Lunch on Friday', 'Quarterly report with chart']],
    ['Oldest first', 'sort=date&dir=asc', ['Quarterly report with chart', 'Lunch on Friday', 'Invoice 2026-01', 'Invoice 2026-02', 'Project kickoff', 'Re: Project kickoff']],
    ['Subject A–Z', 'sort=subject&dir=asc', ['Invoice 2026-01', 'Invoice 2026-02', 'Lunch on Friday', 'Project kickoff', 'Re: Project kickoff', 'Quarterly report with chart']],
    ['Subject Z–A', 'sort=subject&dir=desc', ['Quarterly report with chart', 'Project kickoff', 'Re: Project kickoff', 'Lunch on Friday', 'Invoice 2026-02', 'Invoice 2026-01']],
    ['Sender A–Z', 'sort=from&dir=asc', ['Lunch on Friday', 'Re: Project kickoff', 'Project kickoff', 'Quarterly report with chart', 'Invoice 2026-01', 'Invoice 2026-02']],
    ['Sender Z–A', 'sort=from&dir=desc', ['Invoice 2026-01', 'Invoice 2026-02', 'Quarterly report with chart', 'Project kickoff', 'Lunch on Friday', 'Re: Project kickoff']],
  ];

  it('sorts the folder by each order from the sort menu', async () => {
    const page = await findPage();
    for (const [label, query, expected] of orders) {
      await page.goto('/mail/INBOX');
      await page.locator('summary[aria-label^="Sort:"]').click();
      await page.getByRole('link', { name: label, exact: true }).click();
      await page.waitForURL((url) => url.search === (query ? `?${query}` : ''));
      await expect.poll(() => subjects(page), { message: label }).toEqual(expected);
    }
    await page.context().close();
  }, 400_000);

  it('sorts by size both ways', async () => {
    const page = await findPage();
    await page.goto('/mail/INBOX?sort=size&dir=desc');
    expect((await subjects(page))[0]).toBe('Quarterly report with chart');
    await page.goto('/mail/INBOX?sort=size&dir=asc');
    expect((await subjects(page)).at(-1)).toBe('Quarterly report with chart');
    await page.context().close();
  });

  it('page links keep the sort order', async () => {
    const page = await findPage(PHONE);
    await page.goto('/mail/Lists?sort=subject&dir=desc');
    expect((await subjects(page))[0]).toBe('Weekly Byte issue 9');
    await screenshot(page, 'sort-phone');
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/page=2/);
    expect(new URL(page.url()).search).toBe('?sort=subject&dir=desc&page=2');
    expect(await page.locator('ul[aria-label="Messages"] li').count()).toBe(5);
    await page.context().close();
  });
});
