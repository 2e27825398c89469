// The message page's Newer/Older (lib/mail/neighbours.ts through getMessageWithNeighbours) against
// the real Dovecot: the messages either side in the list's default order, newest first, with the
// gaps that deleted messages leave in the UIDs. Test user: keys.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getMessageWithNeighbours, listMessages } from '@/lib/mail/messages';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { appendPlainMessages, emptyMailbox, findMessages, withUserImap } from '../support/imap';

configureDal();

beforeEach(async () => {
  await emptyMailbox('keys');
});

afterEach(async () => {
  await closeDalSessions();
});

const open = (uid: number) => getMessageWithNeighbours(dalSession('keys'), 'INBOX', uid, { allowRemote: false });

describe('getMessageWithNeighbours', () => {
  it('names the rows above and below in the list, across gaps left by deleted messages', async () => {
    await appendPlainMessages('keys', 'INBOX', ['N 1', 'N 2', 'N 3', 'N 4', 'N 5']);
    await withUserImap('keys', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageDelete({ subject: 'N 3' });
      } finally {
        lock.release();
      }
    });
    const list = await listMessages(dalSession('keys'), 'INBOX', 1);
    const uids = list.messages.map((m) => m.uid);
    expect(list.messages.map((m) => m.subject)).toEqual(['N 5', 'N 4', 'N 2', 'N 1']);

    const middle = await open(uids[1]!);
    expect(middle.message.subject).toBe('N 4');
    expect(middle.neighbours).toEqual({ newer: uids[0], older: uids[2] });
    // Across the gap of the deleted N 3.
    expect((await open(uids[2]!)).neighbours).toEqual({ newer: uids[1], older: uids[3] });
    expect((await open(uids[0]!)).neighbours).toEqual({ newer: null, older: uids[1] });
    expect((await open(uids[3]!)).neighbours).toEqual({ newer: uids[2], older: null });
  });

  it('has none in a folder of one; sees, and opens, mail that arrived since the connection last looked', async () => {
    await appendPlainMessages('keys', 'INBOX', ['Only']);
    const session = dalSession('keys');
    const [only] = (await listMessages(session, 'INBOX', 1)).messages;
    expect((await getMessageWithNeighbours(session, 'INBOX', only!.uid, { allowRemote: false })).neighbours).toEqual({ newer: null, older: null });

    await appendPlainMessages('keys', 'INBOX', ['Later']);
    const { neighbours } = await getMessageWithNeighbours(session, 'INBOX', only!.uid, { allowRemote: false });
    expect(neighbours.older).toBeNull();
    expect(neighbours.newer).toBeGreaterThan(only!.uid);

    // Opened by its address on a connection that has not seen it yet (a link, a reload).
    await appendPlainMessages('keys', 'INBOX', ['Latest']);
    const [latest] = await findMessages('keys', 'INBOX', 'Latest');
    const opened = await getMessageWithNeighbours(session, 'INBOX', latest!.uid, { allowRemote: false });
    expect(opened.message.subject).toBe('Latest');
    expect(opened.neighbours).toEqual({ newer: null, older: neighbours.newer });
  });

  it('still opens the message when another mail app just deleted the one below it', async () => {
    await appendPlainMessages('keys', 'INBOX', ['D 1', 'D 2', 'D 3']);
    const session = dalSession('keys');
    const uids = (await listMessages(session, 'INBOX', 1)).messages.map((m) => m.uid);
    await withUserImap('keys', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageDelete({ subject: 'D 1' });
      } finally {
        lock.release();
      }
    });
    const { message, neighbours } = await getMessageWithNeighbours(session, 'INBOX', uids[1]!, { allowRemote: false });
    expect(message.subject).toBe('D 2');
    expect(neighbours.newer).toBe(uids[0]);
    expect(neighbours.older).toBeNull();
  });
});
