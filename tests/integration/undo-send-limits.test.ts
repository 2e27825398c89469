// Undo send gives back what queueing charged against the sending limits (issues 4 and 6), in this
// process's memory (no REDIS_URL): with 2 messages an hour, undoing and sending again never hits
// "limit reached" for mail that never left, while a message that did go out stays counted.
import { afterAll, describe, expect, it } from 'vitest';
import type { SendStatus } from '@/lib/mail/compose-types';
import { forgetTimers, queueSend, sendStatus, undoSend } from '@/lib/mail/pending-send';
import { composeDraft } from '../support/compose';
import { closeDalSessions, configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';

process.env.UNDO_SEND_SECONDS = '2';
configureDal({ SEND_LIMIT_PER_HOUR: '2' });
const users = serverUsers();
const { bob } = users;

afterAll(async () => {
  forgetTimers();
  await closeDalSessions();
});

type Sender = 'writer' | 'drafter';

async function queue(user: Sender, subject: string) {
  return queueSend(dalSession(user), composeDraft({ from: users[user].email, to: bob.email, subject }));
}

async function sent(user: Sender, sendId: string): Promise<SendStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await sendStatus(dalSession(user), sendId);
    if (status.status !== 'pending') return status;
    await sleep(200);
  }
  return sendStatus(dalSession(user), sendId);
}

describe('sending limits and undo', () => {
  it('five sends undone in a row leave the whole hourly allowance: two real sends go out, the third is refused', async () => {
    const undone: string[] = [];
    for (let n = 1; n <= 5; n++) {
      const subject = uniqueSubject(`Undone ${n}`);
      const queued = await queue('writer', subject);
      expect(queued.status).toBe('queued');
      if (queued.status !== 'queued') return;
      expect((await undoSend(dalSession('writer'), queued.sendId)).status).toBe('undone');
      undone.push(subject);
    }
    for (const n of [1, 2]) {
      const subject = uniqueSubject(`Sent after undos ${n}`);
      const queued = await queue('writer', subject);
      expect(queued).toMatchObject({ status: 'queued' });
      if (queued.status !== 'queued') return;
      expect(await sent('writer', queued.sendId)).toEqual({ status: 'sent', message: 'Message sent' });
      await waitForMessage('bob', 'INBOX', subject);
    }
    // The limit itself still holds.
    const over = await queue('writer', uniqueSubject('Over the limit'));
    expect(over.status).toBe('failed');
    expect(over.status === 'failed' && over.message).toMatch(/^You have reached the sending limit\. Try again in \d+ minutes? \(at most 2 messages per hour\)\.$/);
    for (const subject of undone) expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
  });

  it('an undo that comes after delivery gives nothing back', async () => {
    for (const n of [1, 2]) {
      const subject = uniqueSubject(`Delivered ${n}`);
      const queued = await queue('drafter', subject);
      if (queued.status !== 'queued') throw new Error(JSON.stringify(queued));
      expect(await sent('drafter', queued.sendId)).toEqual({ status: 'sent', message: 'Message sent' });
      expect(await undoSend(dalSession('drafter'), queued.sendId)).toEqual({ status: 'too_late', message: 'Too late: the message was already sent' });
      await waitForMessage('bob', 'INBOX', subject);
    }
    const over = await queue('drafter', uniqueSubject('Over the limit'));
    expect(over.status).toBe('failed');
    expect(over.status === 'failed' && over.message).toMatch(/sending limit/);
  });
});
