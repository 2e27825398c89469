// Settings on a mail server without IMAP METADATA (Dovecot's default): kept as one message in an
// unsubscribed folder, created on the first save only, read back by a fresh connection, never shown
// among the user's folders or search results; on a server with METADATA nothing changes.
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserSession } from '@/lib/auth/current-session';
import { configureDal, dalSession } from '../support/dal-session';
import { getServerMetadata, clearServerMetadata } from '../support/metadata';
import { withUserImap } from '../support/imap';
import { noMetadataServer, nometaUser, withNometaImap, writeDomainsFile } from '../support/no-metadata-server';

const server = noMetadataServer();
const FOLDER = 'Satchel Settings';
let lib: {
  settings: typeof import('@/lib/mail/user-settings');
  message: typeof import('@/lib/mail/settings-message');
  folders: typeof import('@/lib/mail/folders');
  search: typeof import('@/lib/mail/search');
  pool: typeof import('@/lib/mail/imap-pool');
};

/** A new session each time: its own pooled IMAP connection, as another browser or app node would have. */
function nometaSession(): UserSession {
  const { email, password } = nometaUser('drafter');
  return { sid: `test-nometa-${randomUUID()}`, email, creds: { email, password } };
}

async function folderState(client: ImapFlow) {
  const list = await client.list();
  // The server does report subscriptions (Drafts is auto-subscribed): "not subscribed" below means it.
  expect(list.find((f) => f.path === 'Drafts')?.subscribed).toBe(true);
  const entry = list.find((f) => f.path === FOLDER);
  if (!entry) return null;
  const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
  try {
    return { subscribed: entry.subscribed === true, messages: client.mailbox ? client.mailbox.exists : -1 };
  } finally {
    lock.release();
  }
}

beforeAll(async () => {
  await server.start();
  process.env.DOMAINS_FILE = writeDomainsFile(server);
  configureDal();
  lib = {
    settings: await import('@/lib/mail/user-settings'),
    message: await import('@/lib/mail/settings-message'),
    folders: await import('@/lib/mail/folders'),
    search: await import('@/lib/mail/search'),
    pool: await import('@/lib/mail/imap-pool'),
  };
  // Each run starts as a user who never saved settings.
  await withNometaImap(server, 'drafter', async (client) => {
    if ((await client.list()).some((f) => f.path === FOLDER)) await client.mailboxDelete(FOLDER);
  });
}, 120_000);

afterAll(async () => {
  await lib?.pool.closeAllImap();
  delete process.env.DOMAINS_FILE;
  // drafter's e2e tests expect the defaults (rich text, no signature).
  await clearServerMetadata('drafter', lib.settings.SETTINGS_ENTRY);
  await server.stop();
});

describe('settings without IMAP METADATA', () => {
  it('the server really lacks METADATA', async () => {
    const caps = await withNometaImap(server, 'drafter', async (client) => [...client.capabilities.keys()]);
    expect(caps).not.toContain('METADATA');
    expect(caps).not.toContain('METADATA-SERVER');
  });

  it('reads as the defaults before the first save, without creating the folder', async () => {
    expect(await lib.settings.getUserSettings(nometaSession())).toEqual(lib.settings.DEFAULT_SETTINGS);
    expect(await withNometaImap(server, 'drafter', folderState)).toBeNull();
  });

  it('are saved, read back by a fresh connection, and replaced rather than piled up', async () => {
    const first = await lib.settings.saveUserSettings(nometaSession(), {
      displayName: 'Dana Nometa',
      signatureText: 'Dana\n— ünïcode on the road',
      signatureHtml: '<p><b>Dana</b></p><script>alert(1)</script>',
      composeMode: 'plain',
    });
    expect(first.signatureHtml).not.toContain('script');
    expect(await lib.settings.getUserSettings(nometaSession())).toEqual(first);

    const reader = nometaSession();
    expect(await lib.settings.getUserSettings(reader)).toEqual(first);
    const second = await lib.settings.saveUserSettings(nometaSession(), { ...first, displayName: 'Dana Again', composeMode: 'rich' });
    // The same connection that read the first version sees the second (another node saved it).
    expect(await lib.settings.getUserSettings(reader)).toEqual(second);
    expect(await lib.settings.getUserSettings(nometaSession())).toEqual(second);
    expect(await withNometaImap(server, 'drafter', folderState)).toEqual({ subscribed: false, messages: 1 });
  });

  it('the folder is not among the user’s folders, not even on the folder management page, nor in search', async () => {
    const session = nometaSession();
    const names = (list: Array<{ path: string; children: unknown[] }>): string[] => list.flatMap((f) => [f.path, ...names(f.children as typeof list)]);
    expect(names(await lib.folders.listFolders(session))).not.toContain(FOLDER);
    expect(names(await lib.folders.listFolders(session, { all: true }))).not.toContain(FOLDER);
    const found = await lib.search.searchMail(session, 'Satchel settings', lib.search.ALL_FOLDERS, 1);
    if (!found.ok) throw new Error(found.error);
    expect(found.result.messages.map((m) => m.folder)).not.toContain(FOLDER);
    // Not for want of a match: the server finds the settings message by that subject.
    const inFolder = await withNometaImap(server, 'drafter', async (client) => {
      const lock = await client.getMailboxLock(FOLDER, { readOnly: true });
      try {
        return await client.search({ subject: 'Satchel settings' }, { uid: true });
      } finally {
        lock.release();
      }
    });
    expect(inFolder).toHaveLength(1);
  });

  it('reads the newest settings message and leaves a message of its own in that folder alone', async () => {
    const { SETTINGS_FOLDER, settingsMessage } = lib.message;
    const newer = { displayName: 'Set Elsewhere', signatureText: '', signatureHtml: '', composeMode: 'plain' as const };
    await withNometaImap(server, 'drafter', async (client) => {
      await client.append(SETTINGS_FOLDER, 'Subject: mine\r\n\r\nA note the user filed here.\r\n', ['\\Seen']);
      await client.append(SETTINGS_FOLDER, settingsMessage(JSON.stringify(newer), nometaUser('drafter').email, new Date()), ['\\Seen']);
    });
    expect(await lib.settings.getUserSettings(nometaSession())).toEqual(newer);
    await lib.settings.saveUserSettings(nometaSession(), { ...newer, displayName: 'Back Home' });
    expect((await lib.settings.getUserSettings(nometaSession())).displayName).toBe('Back Home');
    // Ours: exactly one; the user's note: still there.
    expect(await withNometaImap(server, 'drafter', folderState)).toMatchObject({ messages: 2 });
  });
});

describe('settings with IMAP METADATA', () => {
  it('still go to METADATA, and no settings folder appears', async () => {
    const saved = await lib.settings.saveUserSettings(dalSession('drafter'), { displayName: 'Dana Meta', signatureText: 'x', signatureHtml: '', composeMode: 'rich' });
    expect(JSON.parse((await getServerMetadata('drafter', lib.settings.SETTINGS_ENTRY)) ?? 'null')).toEqual(saved);
    expect(await lib.settings.getUserSettings(dalSession('drafter'))).toEqual(saved);
    expect(await withUserImap('drafter', async (client) => (await client.list()).map((f) => f.path))).not.toContain(FOLDER);
  });
});
