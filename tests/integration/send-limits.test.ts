// The hourly sending allowance (SEND_LIMIT_PER_HOUR) with a tiny limit: its own file, because
// lib/config is read once per file and the limiter keeps its count for the whole process.
import { afterAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { sendMessage } from '@/lib/mail/send';
import { closeDalSessions, composeInput, configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';

configureDal({ SEND_LIMIT_PER_HOUR: '2' });
const { bob } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

describe('hourly send limit', () => {
  it('refuses the message after SEND_LIMIT_PER_HOUR and does not send it', async () => {
    const session = dalSession('carol');
    for (const n of [1, 2]) {
      const subject = uniqueSubject(`Within the limit ${n}`);
      expect((await sendMessage(session, composeInput({ to: bob.email, subject }))).outcome).toBe('sent');
      await waitForMessage('bob', 'INBOX', subject);
    }

    const subject = uniqueSubject('Over the limit');
    const err = await sendMessage(session, composeInput({ to: bob.email, subject })).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect((err as MailError).code).toBe('rate_limited');
    expect((err as MailError).userMessage).toMatch(/sending limit\. Try again in \d+ minutes?/);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    expect(await findMessages('carol', 'Sent', subject)).toHaveLength(0);

    // The limit is per sender: another user of the same server is not affected.
    const other = uniqueSubject('Someone else');
    expect((await sendMessage(dalSession('alice'), composeInput({ to: bob.email, subject: other }))).outcome).toBe('sent');
  });
});
