// Folder management (lib/mail/folder-admin.ts) against the real Dovecot: create, nest, rename,
// delete, subscribe, and every refusal — special-use folders, bad names, names that carry IMAP
// commands (THREATS T20) — checked on the server over a separate connection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { createFolder, deleteFolder, renameFolder, setSubscribed } from '@/lib/mail/folder-admin';
import { findFolder } from '@/lib/mail/folder-tree';
import { listFolders } from '@/lib/mail/folders';
import { closeDalSessions, configureDal, dalSession, ensureFolders } from '../support/dal-session';
import { withUserImap } from '../support/imap';

configureDal();
const SPECIAL = ['INBOX', 'Sent', 'Drafts', 'Trash', 'Junk', 'Archive'];

/** Removes every folder but the special ones (children first), so each test starts from the same tree. */
async function resetFolders(): Promise<void> {
  await withUserImap('org', async (client) => {
    const extra = (await client.list()).filter((f) => !SPECIAL.includes(f.path)).map((f) => f.path);
    for (const path of extra.sort((a, b) => b.length - a.length)) await client.mailboxDelete(path).catch(() => undefined);
  });
}

async function serverFolders(): Promise<Map<string, { subscribed: boolean }>> {
  return withUserImap('org', async (client) => new Map((await client.list()).map((f) => [f.path, { subscribed: f.subscribed === true }])));
}

async function refused(promise: Promise<unknown>, text: RegExp): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).not.toBeNull();
  const message = err instanceof MailError ? err.userMessage : ((err as { issues?: Array<{ message: string }> }).issues?.[0]?.message ?? String(err));
  expect(message).toMatch(text);
}

beforeEach(resetFolders);
afterEach(closeDalSessions);

describe('create and nest', () => {
  it('creates a top-level folder and one nested under it with the server delimiter, both subscribed', async () => {
    const session = dalSession('org');
    expect(await createFolder(session, '', 'Projects')).toBe('Projects');
    expect(await createFolder(session, 'Projects', '  Travel 2027 ')).toBe('Projects/Travel 2027');
    const onServer = await serverFolders();
    expect(onServer.get('Projects')?.subscribed).toBe(true);
    expect(onServer.get('Projects/Travel 2027')?.subscribed).toBe(true);
    const tree = await listFolders(session);
    expect(findFolder(tree, 'Projects')?.children.map((c) => c.name)).toEqual(['Travel 2027']);
  });

  it('refuses names that would nest, list-wildcards, controls, duplicates, and the reserved INBOX', async () => {
    const session = dalSession('org');
    await ensureFolders('org', ['Projects']);
    await refused(createFolder(session, '', 'a/b'), /cannot contain "\/"/);
    await refused(createFolder(session, '', 'all*'), /\* or %/);
    await refused(createFolder(session, '', 'INBOX\r\nA1 DELETE INBOX'), /control characters/);
    await refused(createFolder(session, '', 'projects'), /already exists/);
    await refused(createFolder(session, '', 'inbox'), /reserved/);
    await refused(createFolder(session, '', '   '), /Enter a folder name/);
    await refused(createFolder(session, 'No such parent', 'x'), /no longer exists/);
    // The server's own refusal, in its words.
    await refused(createFolder(session, '', 'a.b'), /refused to create the folder: Character not allowed/);
    expect([...(await serverFolders()).keys()].sort()).toEqual([...SPECIAL, 'Projects'].sort());
  });
});

describe('rename', () => {
  it('renames in place; subfolders move with it', async () => {
    await ensureFolders('org', ['Projects', 'Projects/Travel']);
    const session = dalSession('org');
    expect(await renameFolder(session, 'Projects', 'Work')).toBe('Work');
    const onServer = await serverFolders();
    // Still subscribed, children too: still in the sidebar.
    expect(onServer.get('Work')?.subscribed).toBe(true);
    expect(onServer.get('Work/Travel')?.subscribed).toBe(true);
    expect(onServer.has('Projects')).toBe(false);
    expect(await renameFolder(session, 'Work/Travel', 'Trips')).toBe('Work/Trips');
  });

  it('refuses to rename a special folder or onto an existing name', async () => {
    await ensureFolders('org', ['A', 'B']);
    const session = dalSession('org');
    for (const path of SPECIAL) await refused(renameFolder(session, path, 'Elsewhere'), /special folder and cannot be renamed/);
    await refused(renameFolder(session, 'A', 'B'), /already exists/);
    expect((await serverFolders()).has('Elsewhere')).toBe(false);
  });
});

describe('delete', () => {
  it('deletes a folder with its messages; refuses special folders and folders with subfolders', async () => {
    await ensureFolders('org', ['Old', 'Parent', 'Parent/Child']);
    const session = dalSession('org');
    await withUserImap('org', (client) => client.append('Old', 'Subject: keep?\r\n\r\nx\r\n'));
    await deleteFolder(session, 'Old');
    expect((await serverFolders()).has('Old')).toBe(false);

    await refused(deleteFolder(session, 'Parent'), /has subfolders/);
    for (const path of SPECIAL) await refused(deleteFolder(session, path), /special folder and cannot be deleted/);
    await refused(deleteFolder(session, 'Gone'), /no longer exists/);
    const onServer = await serverFolders();
    for (const path of [...SPECIAL, 'Parent', 'Parent/Child']) expect(onServer.has(path)).toBe(true);
  });
});

describe('subscribe', () => {
  it('hides an unsubscribed folder from the sidebar but not from the management list', async () => {
    await ensureFolders('org', ['Lists', 'Lists/Debian']);
    const session = dalSession('org');
    await setSubscribed(session, 'Lists/Debian', false);
    expect((await serverFolders()).get('Lists/Debian')?.subscribed).toBe(false);
    expect(findFolder(await listFolders(session), 'Lists')?.children).toEqual([]);
    expect(findFolder(await listFolders(session, { all: true }), 'Lists/Debian')?.subscribed).toBe(false);

    await setSubscribed(session, 'Lists/Debian', true);
    expect((await serverFolders()).get('Lists/Debian')?.subscribed).toBe(true);
    expect(findFolder(await listFolders(session), 'Lists/Debian')).toBeDefined();
    await refused(setSubscribed(session, 'INBOX', false), /always shown/);
  });
});
