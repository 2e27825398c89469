// Folder management in Chromium (/settings/folders): create, nest, rename, hide/show in the sidebar,
// delete after a confirmation, and the refusals a user should see — each checked on the server.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, launchBrowser, newContext, screenshot, signIn, type BrowserHandle } from '../support/browser';
import { withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

const baseUrl = inject('baseUrl');
const { org } = mailEnv().users;
const SPECIAL = ['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive'];
let handle: BrowserHandle;

async function serverFolders(): Promise<Map<string, boolean>> {
  return withUserImap('org', async (client) => new Map((await client.list()).map((f) => [f.path, f.subscribed === true])));
}

beforeAll(async () => {
  handle = await launchBrowser();
  await withUserImap('org', async (client) => {
    const extra = (await client.list()).filter((f) => !SPECIAL.includes(f.path)).map((f) => f.path);
    for (const path of extra.sort((a, b) => b.length - a.length)) await client.mailboxDelete(path).catch(() => undefined);
  });
});

afterAll(async () => {
  await handle?.close();
});

async function foldersPage(viewport = DESKTOP): Promise<Page> {
  const context = await newContext(handle.browser, baseUrl, { viewport });
  const page = await context.newPage();
  await signIn(page, org.email, org.password, '/settings/folders');
  await page.getByRole('heading', { name: 'Folders' }).waitFor();
  return page;
}

const row = (page: Page, path: string) => page.locator(`li[data-folder="${path}"]`);
const sidebar = (page: Page) => page.getByRole('navigation', { name: 'Folders' });

describe('folder management', () => {
  it('creates a folder and a nested one, renames, hides and shows, and deletes after confirming', async () => {
    const page = await foldersPage();
    await page.getByLabel('New folder').fill('Clients');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByText('Folder "Clients" created').waitFor();
    await page.getByLabel('New folder').fill('Acme');
    await page.getByLabel('Inside').selectOption('Clients');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByText('Folder "Clients/Acme" created').waitFor();
    expect((await serverFolders()).get('Clients/Acme')).toBe(true);
    await sidebar(page).getByRole('link', { name: 'Acme' }).first().waitFor();
    await screenshot(page, 'folders-desktop');

    await row(page, 'Clients/Acme').getByText('Rename').click();
    await row(page, 'Clients/Acme').getByLabel('New name').fill('Acme Corp');
    await row(page, 'Clients/Acme').getByRole('button', { name: 'Save name' }).click();
    await page.getByText('Folder renamed to "Clients/Acme Corp"').waitFor();
    const afterRename = await serverFolders();
    expect(afterRename.has('Clients/Acme Corp')).toBe(true);
    expect(afterRename.has('Clients/Acme')).toBe(false);

    await row(page, 'Clients/Acme Corp').getByRole('button', { name: 'Hide Acme Corp in the folder list' }).click();
    await page.getByText('hidden from the folder list').first().waitFor();
    expect((await serverFolders()).get('Clients/Acme Corp')).toBe(false);
    expect(await sidebar(page).getByRole('link', { name: 'Acme Corp' }).count()).toBe(0);
    await row(page, 'Clients/Acme Corp').getByRole('button', { name: 'Show Acme Corp in the folder list' }).click();
    await page.getByText('is shown in the folder list').waitFor();
    expect((await serverFolders()).get('Clients/Acme Corp')).toBe(true);

    // A folder with subfolders is refused with a reason; the child first, then the parent.
    await row(page, 'Clients').getByText('Delete', { exact: true }).click();
    await row(page, 'Clients').getByRole('button', { name: 'Yes, delete folder' }).click();
    await page.getByText('Clients has subfolders: delete or move them first').waitFor();
    expect((await serverFolders()).has('Clients')).toBe(true);
    await row(page, 'Clients/Acme Corp').getByText('Delete', { exact: true }).click();
    await row(page, 'Clients/Acme Corp').getByRole('button', { name: 'Yes, delete folder' }).click();
    await page.getByText('Folder "Clients/Acme Corp" deleted').waitFor();
    expect((await serverFolders()).has('Clients/Acme Corp')).toBe(false);
    await page.context().close();
    // One user journey through six forms, each a full round trip to the mail server.
  }, 180_000);

  it('offers no rename or delete for special folders, and names the reason for a bad name', async () => {
    const page = await foldersPage(PHONE);
    for (const path of SPECIAL) {
      await row(page, path).waitFor();
      expect(await row(page, path).getByText('Rename').count()).toBe(0);
      expect(await row(page, path).getByText('Delete', { exact: true }).count()).toBe(0);
    }
    await page.getByLabel('New folder').fill('a/b');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByText('Folder names cannot contain "/"').waitFor();
    await page.getByLabel('New folder').fill('Trash');
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByText('A folder with that name already exists').waitFor();
    await screenshot(page, 'folders-phone');
    expect((await serverFolders()).has('a/b')).toBe(false);
    await page.context().close();
  });
});
