// Undo send (lib/mail/pending-send.ts): the pending message waits in Drafts, undo returns it and nothing
// reaches bob; an app restart in the window loses the timer but not the message; it is never sent twice.
import { afterAll, describe, expect, it } from 'vitest';
import type { SendStatus } from '@/lib/mail/compose-types';
import { SENDING_KEYWORD } from '@/lib/mail/draft-headers';
import { deliverPending, forgetTimers, queueSend, sendDuePending, sendStatus, undoSend } from '@/lib/mail/pending-send';
import { forgetLocalClaims } from '@/lib/mail/send-claims';
import { composeDraft } from '../support/compose';
import { closeDalSessions, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage, withUserImap } from '../support/imap';

process.env.UNDO_SEND_SECONDS = '2';
configureDal();
const { bob } = serverUsers();

afterAll(async () => {
  forgetTimers();
  await closeDalSessions();
});

async function queued(subject: string, session = dalSession('writer')) {
  const draft = composeDraft({ to: bob.email, subject, html: '<p>Pending body</p>' });
  const result = await queueSend(session, draft);
  if (result.status !== 'queued') throw new Error(JSON.stringify(result));
  return { draft, sendId: result.sendId, sendAt: new Date(result.sendAt), session };
}

async function until(session: ReturnType<typeof dalSession>, sendId: string): Promise<SendStatus> {
  for (let i = 0; i < 100; i++) {
    const status = await sendStatus(session, sendId);
    if (status.status === 'sent' || status.status === 'failed') return status;
    await sleep(200);
  }
  return sendStatus(session, sendId);
}

describe('undo send', () => {
  it('keeps the message in Drafts until due; undo returns it untouched and nothing reaches bob', async () => {
    const subject = uniqueSubject('Undo me');
    const { draft, sendId, sendAt, session } = await queued(subject);
    expect(sendAt.getTime() - Date.now()).toBeGreaterThan(500);
    const [pending] = await findMessages('writer', 'Drafts', subject);
    expect(headerOf(pending!.source, 'X-Satchel-Send-Id')).toBe(sendId);
    expect(await sendStatus(session, sendId)).toEqual({ status: 'pending' });

    const undone = await undoSend(session, sendId);
    expect(undone.status).toBe('undone');
    if (undone.status !== 'undone') return;
    expect(undone.draft).toMatchObject({ draftId: draft.draftId, to: draft.to, subject, mode: 'rich' });
    expect(undone.draft.html).toContain('Pending body');

    await sleep(3500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    const left = await findMessages('writer', 'Drafts', subject);
    expect(left).toHaveLength(1);
    expect(headerOf(left[0]!.source, 'X-Satchel-Send-Id')).toBeNull();
    expect(await findMessages('writer', 'Sent', subject)).toHaveLength(0);
  });

  it('is too late once sent', async () => {
    const subject = uniqueSubject('Too late');
    const { sendId, session } = await queued(subject);
    expect(await until(session, sendId)).toEqual({ status: 'sent', message: 'Message sent' });
    expect(await undoSend(session, sendId)).toEqual({ status: 'too_late', message: 'Too late: the message was already sent' });
    await waitForMessage('bob', 'INBOX', subject);
  });

  it('after a restart in the window, the next request of the user sends it, once', async () => {
    const subject = uniqueSubject('Survives restart');
    const { sendId, sendAt } = await queued(subject);
    forgetTimers();
    forgetLocalClaims();
    // A request before sendAt re-arms a timer rather than sending early.
    await sendDuePending(dalSession('writer'));
    forgetTimers();
    await sleep(Math.max(0, sendAt.getTime() - Date.now()) + 300);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);

    const later = dalSession('writer');
    await sendDuePending(later);
    await waitForMessage('bob', 'INBOX', subject);
    expect(await sendStatus(later, sendId)).toEqual({ status: 'sent', message: 'Message sent' });
    // Another sweep and another claimer find nothing left to send.
    forgetTimers();
    await sendDuePending(dalSession('writer'));
    await deliverPending(dalSession('writer'), sendId);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
  });

  it('two concurrent claimers send it once', async () => {
    const subject = uniqueSubject('Two claimers');
    const { sendId } = await queued(subject);
    forgetTimers();
    const outcomes = await Promise.all([deliverPending(dalSession('writer'), sendId), deliverPending(dalSession('writer'), sendId)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['pending', 'sent']);
    await waitForMessage('bob', 'INBOX', subject);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);
  });

  it('a crash between "about to submit" and "done" is never retried blindly: the draft comes back, marked failed', async () => {
    const subject = uniqueSubject('Maybe sent');
    const { sendId } = await queued(subject);
    forgetTimers();
    const [pending] = await findMessages('writer', 'Drafts', subject);
    await withUserImap('writer', async (client) => {
      const lock = await client.getMailboxLock('Drafts');
      try {
        await client.messageFlagsAdd(String(pending!.uid), [SENDING_KEYWORD], { uid: true });
      } finally {
        lock.release();
      }
    });
    forgetLocalClaims();
    const status = await deliverPending(dalSession('writer'), sendId);
    expect(status.status).toBe('failed');
    expect(status.message).toMatch(/interrupted/);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    const kept = await findMessages('writer', 'Drafts', subject);
    expect(kept).toHaveLength(1);
    expect(headerOf(kept[0]!.source, 'X-Satchel-Send-Id')).toBeNull();
  });
});
