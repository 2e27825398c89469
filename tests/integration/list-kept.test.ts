// A folder page or search shown again is served partly from what its connection kept (the rows'
// envelopes, a sorted window, a search's matches): against the real Dovecot, another mail app's
// changes must still show on the next load: new mail, mail deleted, flags set, and a deletion plus
// an arrival that leave the count as it was.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { listMessages } from '@/lib/mail/messages';
import { searchMail } from '@/lib/mail/search';
import type { SortOrder } from '@/lib/mail/sort';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { appendPlainMessages, emptyMailbox, withUserImap } from '../support/imap';

configureDal();

beforeEach(async () => {
  await emptyMailbox('dave');
  await appendPlainMessages('dave', 'INBOX', ['Cherry', 'Apple', 'Banana']);
});

afterAll(async () => {
  await closeDalSessions();
});

const bySubject: SortOrder = { key: 'subject', dir: 'asc' };

/** Another mail app: deletes the messages with this subject in dave's INBOX, or sets a flag on them. */
async function elsewhere(action: 'delete' | 'seen', subject: string): Promise<void> {
  await withUserImap('dave', async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const uids = (await client.search({ subject }, { uid: true })) || [];
      if (action === 'delete') await client.messageDelete(uids, { uid: true });
      else await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
    } finally {
      lock.release();
    }
  });
}

describe('a folder page shown again', () => {
  it('newest first: shows new mail, drops deleted mail and shows flags changed elsewhere', async () => {
    const session = dalSession('dave');
    const subjects = async () => (await listMessages(session, 'INBOX', 1)).messages.map((m) => m.subject);
    expect(await subjects()).toEqual(['Banana', 'Apple', 'Cherry']);
    expect(await subjects()).toEqual(['Banana', 'Apple', 'Cherry']);

    await appendPlainMessages('dave', 'INBOX', ['Damson']);
    await elsewhere('delete', 'Apple');
    await elsewhere('seen', 'Cherry');
    const page = await listMessages(session, 'INBOX', 1);
    expect(page.messages.map((m) => [m.subject, m.seen])).toEqual([['Damson', false], ['Banana', false], ['Cherry', true]]);
    expect(page.total).toBe(3);
  });

  it('sorted by subject: follows new mail, and a deletion plus an arrival that keep the count', async () => {
    const session = dalSession('dave');
    const subjects = async () => (await listMessages(session, 'INBOX', 1, bySubject)).messages.map((m) => m.subject);
    expect(await subjects()).toEqual(['Apple', 'Banana', 'Cherry']);
    expect(await subjects()).toEqual(['Apple', 'Banana', 'Cherry']);

    await appendPlainMessages('dave', 'INBOX', ['Avocado']);
    expect(await subjects()).toEqual(['Apple', 'Avocado', 'Banana', 'Cherry']);

    await elsewhere('delete', 'Banana');
    await appendPlainMessages('dave', 'INBOX', ['Blueberry']);
    expect(await subjects()).toEqual(['Apple', 'Avocado', 'Blueberry', 'Cherry']);
  });

  it('sorted by subject: follows a folder emptied and refilled in between', async () => {
    const session = dalSession('dave');
    expect((await listMessages(session, 'INBOX', 1, bySubject)).messages.map((m) => m.subject)).toEqual(['Apple', 'Banana', 'Cherry']);
    await emptyMailbox('dave');
    await appendPlainMessages('dave', 'INBOX', ['Fig', 'Elderberry', 'Grape']);
    expect((await listMessages(session, 'INBOX', 1, bySubject)).messages.map((m) => m.subject)).toEqual(['Elderberry', 'Fig', 'Grape']);
  });
});

describe('a search shown again', () => {
  async function found(session: ReturnType<typeof dalSession>, q: string): Promise<string[]> {
    const outcome = await searchMail(session, q, 'INBOX', 1);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.result.messages.map((m) => m.subject).sort();
  }

  it('finds mail that arrived since and drops mail deleted elsewhere', async () => {
    const session = dalSession('dave');
    expect(await found(session, 'subject:an')).toEqual(['Banana']);
    expect(await found(session, 'subject:an')).toEqual(['Banana']);
    await appendPlainMessages('dave', 'INBOX', ['Mango']);
    expect(await found(session, 'subject:an')).toEqual(['Banana', 'Mango']);
    await elsewhere('delete', 'Banana');
    await appendPlainMessages('dave', 'INBOX', ['Orange']);
    expect(await found(session, 'subject:an')).toEqual(['Mango', 'Orange']);
  });

  it('is:unread follows flags set in another mail app', async () => {
    const session = dalSession('dave');
    expect(await found(session, 'is:unread')).toEqual(['Apple', 'Banana', 'Cherry']);
    await elsewhere('seen', 'Apple');
    expect(await found(session, 'is:unread')).toEqual(['Banana', 'Cherry']);
  });
});
