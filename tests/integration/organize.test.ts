// The organize data layer (lib/mail/organize.ts) against the real Dovecot: every action changes the
// server, checked here over a separate IMAP connection (flags, folder contents, UIDs). Org's mailbox
// is emptied before each test; nothing is mocked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose } from '../../scripts/mailserver/fixtures';
import { MailError } from '@/lib/mail/errors';
import { createSpecialFolder, organize, undoMove } from '@/lib/mail/organize';
import { openUndo, sealUndo, toUidSet } from '@/lib/mail/undo-token';
import { appendMany, closeDalSessions, configureDal, dalSession, ensureFolders, serverUsers } from '../support/dal-session';
import { emptyMailbox, withUserImap } from '../support/imap';

configureDal();
const org = serverUsers().org;

beforeEach(async () => {
  await emptyMailbox('org');
});

afterEach(async () => {
  await closeDalSessions();
});

async function seed(folder: string, count: number, flags: string[] = []): Promise<number[]> {
  const messages = await Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      raw: await compose({ from: 'Sender <sender@example.org>', to: org.email, subject: `${folder} message ${i + 1}`, text: 'Hello' }),
      flags,
    })),
  );
  return appendMany('org', folder, messages);
}

type Seen = { uid: number; subject: string; flags: string[] };

/** A folder's messages as the server has them now. */
async function onServer(folder: string): Promise<Seen[]> {
  return withUserImap('org', async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [];
      const all = await client.fetchAll('1:*', { uid: true, envelope: true, flags: true });
      return all.map((m) => ({ uid: m.uid, subject: m.envelope?.subject ?? '', flags: [...(m.flags ?? [])].sort() }));
    } finally {
      lock.release();
    }
  });
}

const subjects = (list: Seen[]) => list.map((m) => m.subject).sort();

async function expectMailError(promise: Promise<unknown>, code: MailError['code'], text?: RegExp): Promise<MailError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MailError);
  expect((err as MailError).code).toBe(code);
  if (text) expect((err as MailError).userMessage).toMatch(text);
  return err as MailError;
}

describe('flags', () => {
  it('marks exactly the chosen UIDs read, unread, flagged and unflagged', async () => {
    const uids = await seed('INBOX', 4);
    const session = dalSession('org');
    const chosen = [uids[0]!, uids[2]!];

    expect(await organize(session, { folder: 'INBOX', uids: chosen, op: 'read' })).toMatchObject({ count: 2, undo: null });
    await organize(session, { folder: 'INBOX', uids: chosen, op: 'flag' });
    let now = await onServer('INBOX');
    expect(now.filter((m) => m.flags.includes('\\Seen')).map((m) => m.uid)).toEqual(chosen);
    expect(now.filter((m) => m.flags.includes('\\Flagged')).map((m) => m.uid)).toEqual(chosen);

    await organize(session, { folder: 'INBOX', uids: [uids[0]!], op: 'unread' });
    await organize(session, { folder: 'INBOX', uids: [uids[2]!], op: 'unflag' });
    now = await onServer('INBOX');
    expect(now.filter((m) => m.flags.includes('\\Seen')).map((m) => m.uid)).toEqual([uids[2]]);
    expect(now.filter((m) => m.flags.includes('\\Flagged')).map((m) => m.uid)).toEqual([uids[0]]);
  });

  it('applies "all in this folder" as 1:* on the server, beyond the first page', async () => {
    await seed('INBOX', 120);
    const result = await organize(dalSession('org'), { folder: 'INBOX', uids: 'all', op: 'read' });
    expect(result.count).toBe(120);
    const now = await onServer('INBOX');
    expect(now).toHaveLength(120);
    expect(now.every((m) => m.flags.includes('\\Seen'))).toBe(true);
  });
});

describe('moves and undo', () => {
  it('archives a selection into \\Archive, and undo puts the same messages back', async () => {
    const uids = await seed('INBOX', 5);
    const session = dalSession('org');
    const result = await organize(session, { folder: 'INBOX', uids: uids.slice(1, 4), op: 'archive' });
    expect(result).toMatchObject({ count: 3, destination: 'Archive' });
    expect(subjects(await onServer('Archive'))).toEqual(['INBOX message 2', 'INBOX message 3', 'INBOX message 4']);
    expect(subjects(await onServer('INBOX'))).toEqual(['INBOX message 1', 'INBOX message 5']);
    // The undo names the messages by their new UIDs in Archive.
    const archived = (await onServer('Archive')).map((m) => m.uid);
    expect(result.undo).toEqual({ from: 'INBOX', to: 'Archive', set: toUidSet(archived) });

    expect(await undoMove(session, result.undo!)).toBe(3);
    expect(await onServer('Archive')).toEqual([]);
    expect(subjects(await onServer('INBOX'))).toHaveLength(5);
    // A second undo of the same move finds nothing left to move.
    expect(await undoMove(session, result.undo!)).toBe(0);
  });

  it('deletes into \\Trash; in Trash "delete" is refused and "destroy" expunges only the chosen UIDs', async () => {
    const uids = await seed('INBOX', 3);
    const session = dalSession('org');
    const deleted = await organize(session, { folder: 'INBOX', uids: [uids[0]!, uids[1]!], op: 'delete' });
    expect(deleted).toMatchObject({ count: 2, destination: 'Trash' });
    expect(deleted.undo).not.toBeNull();
    // Someone else's client flagged a Trash message \Deleted without expunging: it must survive.
    const [other] = await seed('Trash', 1, ['\\Deleted']);
    const inTrash = (await onServer('Trash')).filter((m) => m.uid !== other);
    expect(inTrash).toHaveLength(2);

    await expectMailError(organize(session, { folder: 'Trash', uids: [inTrash[0]!.uid], op: 'delete' }), 'invalid_input', /Delete forever/);
    expect(await organize(session, { folder: 'Trash', uids: [inTrash[0]!.uid], op: 'destroy' })).toMatchObject({ count: 1, undo: null });
    const left = await onServer('Trash');
    expect(left.map((m) => m.uid).sort()).toEqual([inTrash[1]!.uid, other].sort());
    expect(subjects(await onServer('INBOX'))).toEqual(['INBOX message 3']);
  });

  it('marks as junk into \\Junk and back to Inbox with "not junk"', async () => {
    const [uid] = await seed('INBOX', 1);
    const session = dalSession('org');
    const junked = await organize(session, { folder: 'INBOX', uids: [uid!], op: 'junk' });
    expect(junked.destination).toBe('Junk');
    const [inJunk] = await onServer('Junk');
    expect(inJunk?.subject).toBe('INBOX message 1');

    const back = await organize(session, { folder: 'Junk', uids: [inJunk!.uid], op: 'notjunk' });
    expect(back).toMatchObject({ destination: 'INBOX', count: 1 });
    expect(await onServer('Junk')).toEqual([]);
    expect(subjects(await onServer('INBOX'))).toEqual(['INBOX message 1']);
  });

  it('moves and copies into a chosen folder; a copy leaves the original and has no undo', async () => {
    await ensureFolders('org', ['Projects', 'Projects/Satchel']);
    const uids = await seed('INBOX', 2);
    const session = dalSession('org');

    const copied = await organize(session, { folder: 'INBOX', uids: [uids[0]!], op: 'copy', target: 'Projects/Satchel' });
    expect(copied).toMatchObject({ count: 1, undo: null });
    const moved = await organize(session, { folder: 'INBOX', uids: [uids[1]!], op: 'move', target: 'Projects/Satchel' });
    expect(moved.undo?.to).toBe('Projects/Satchel');
    expect(subjects(await onServer('Projects/Satchel'))).toEqual(['INBOX message 1', 'INBOX message 2']);
    expect(subjects(await onServer('INBOX'))).toEqual(['INBOX message 1']);
  });

  it('moves a whole folder with one UID MOVE 1:* and undoes it as one set', async () => {
    await ensureFolders('org', ['Old']);
    await seed('INBOX', 80);
    const session = dalSession('org');
    const moved = await organize(session, { folder: 'INBOX', uids: 'all', op: 'move', target: 'Old' });
    expect(moved.count).toBe(80);
    expect(await onServer('INBOX')).toEqual([]);
    expect(await onServer('Old')).toHaveLength(80);
    // Consecutive new UIDs compress to one range: the token stays small.
    expect(moved.undo?.set).toMatch(/^\d+:\d+$/);
    expect(await undoMove(session, moved.undo!)).toBe(80);
    expect(await onServer('INBOX')).toHaveLength(80);
  });

  it('refuses a move into the folder the messages are in, or into a folder that does not exist', async () => {
    const [uid] = await seed('INBOX', 1);
    const session = dalSession('org');
    await expectMailError(organize(session, { folder: 'INBOX', uids: [uid!], op: 'move', target: 'INBOX' }), 'invalid_input', /already/);
    await expectMailError(organize(session, { folder: 'INBOX', uids: [uid!], op: 'move', target: 'No such folder' }), 'unknown', /Nothing was changed/);
    expect(subjects(await onServer('INBOX'))).toEqual(['INBOX message 1']);
  });

  it('rejects bad input before IMAP: no UIDs, a folder name carrying a command, move without a target', async () => {
    const session = dalSession('org');
    await expect(organize(session, { folder: 'INBOX', uids: [], op: 'read' })).rejects.toThrow();
    await expect(organize(session, { folder: 'INBOX\r\nA1 DELETE INBOX', uids: [1], op: 'read' })).rejects.toThrow(/control characters/);
    await expect(organize(session, { folder: 'INBOX', uids: [1], op: 'move' })).rejects.toThrow(/Choose a folder/);
  });
});

describe('special folders', () => {
  it('finds the existing \\Archive instead of creating a second one', async () => {
    expect(await createSpecialFolder(dalSession('org'), 'archive')).toBe('Archive');
    const names = await withUserImap('org', async (client) => (await client.list()).map((f) => f.path));
    expect(names.filter((n) => /archive/i.test(n))).toEqual(['Archive']);
  });
});

describe('undo tokens', () => {
  const move = { from: 'INBOX', to: 'Archive', set: '5:9' };

  it('open only for the session that made them, unaltered and unexpired', () => {
    const token = sealUndo('sid-a', move, 1_000);
    expect(openUndo('sid-a', token, 2_000)).toEqual(move);
    expect(openUndo('sid-b', token, 2_000)).toBeNull();
    expect(openUndo('sid-a', token, 1_000 + 11 * 60_000)).toBeNull();
    const [body, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...move, to: 'Other', exp: 1e15 })).toString('base64url');
    expect(openUndo('sid-a', `${forged}.${sig}`, 2_000)).toBeNull();
    expect(openUndo('sid-a', `${body}.${sig}.x`, 2_000)).toBeNull();
    expect(openUndo('sid-a', 'garbage', 2_000)).toBeNull();
  });

  it('compress UIDs to an IMAP set', () => {
    expect(toUidSet([9, 3, 4, 5, 7, 5])).toBe('3:5,7,9');
  });
});
