// Conversations against the real Dovecot: THREAD=REFERENCES rows, the local grouping agreeing with it,
// and an opened conversation that includes the user's own reply from Sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConversation } from '@/lib/mail/conversation';
import { folderThreads, listThreads } from '@/lib/mail/threads';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { seedFindMailbox } from '../support/find-seed';
import { findMessages, withUserImap } from '../support/imap';

configureDal();

beforeAll(async () => {
  await seedFindMailbox();
});

afterAll(async () => {
  await closeDalSessions();
});

describe('listThreads', () => {
  it('groups a reply with its original: one row per thread, newest thread first', async () => {
    const page = await listThreads(dalSession('find'), 'INBOX', 1);
    expect(page).toMatchObject({ folder: 'INBOX', page: 1, pageCount: 1, total: 5, window: null });
    expect(page.threads.map((t) => [t.subject, t.uids.length])).toEqual([
      ['Project kickoff', 2],
      ['Invoice 2026-02', 1],
      ['Invoice 2026-01', 1],
      ['Lunch on Friday', 1],
      ['Quarterly report with chart', 1],
    ]);
    const kickoff = page.threads[0]!;
    expect(kickoff.newest.subject).toBe('Re: Project kickoff');
    expect(kickoff.participants).toEqual(['Carl Zed', 'Anna Berg']);
    expect(kickoff.unread).toBe(1);
  });

  it('pages threads 50 at a time', async () => {
    const second = await listThreads(dalSession('find'), 'Lists', 2);
    expect(second).toMatchObject({ page: 2, pageCount: 2, total: 55 });
    expect(second.threads.map((t) => t.subject)).toEqual([5, 4, 3, 2, 1].map((n) => `Weekly Byte issue ${n}`));
  });

  it('the local grouping (servers without THREAD) finds the same threads', async () => {
    await withUserImap('find', async (client) => {
      for (const folder of ['INBOX', 'Lists', 'Sent']) {
        const lock = await client.getMailboxLock(folder);
        try {
          const server = await folderThreads(client);
          const local = await folderThreads(client, { serverThread: false });
          expect(local, folder).toEqual(server);
        } finally {
          lock.release();
        }
      }
    });
  });
});

describe('getConversation', () => {
  it('stacks the thread oldest first, with the user\'s own reply from Sent', async () => {
    // "Project kickoff" and its reply both match the subject search; the original is the lower UID.
    const kickoffUid = Math.min(...(await findMessages('find', 'INBOX', 'Project kickoff')).map((m) => m.uid));
    const stack = await getConversation(dalSession('find'), 'INBOX', kickoffUid, { allowRemote: false });
    expect(stack.map((m) => [m.subject, m.folder, m.sent])).toEqual([
      ['Project kickoff', 'INBOX', false],
      ['Re: Project kickoff', 'INBOX', false],
      ['Re: Project kickoff', 'Sent', true],
    ]);
    expect(stack[2]?.text).toContain('My own reply from Sent');
  });

  it('a message without a thread is a conversation of one', async () => {
    const [lunch] = await findMessages('find', 'INBOX', 'Lunch on Friday');
    const stack = await getConversation(dalSession('find'), 'INBOX', lunch!.uid, { allowRemote: false });
    expect(stack.map((m) => m.subject)).toEqual(['Lunch on Friday']);
  });
});
