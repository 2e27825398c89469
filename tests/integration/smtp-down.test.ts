// Sending while the SMTP server is down: SMTP_URL points at a closed loopback port (its own file,
// since lib/config is read once per file). The user must learn that nothing was sent.
import { afterAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { sendMessage } from '@/lib/mail/send';
import { closeDalSessions, closedPort, composeInput, configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages } from '../support/imap';

configureDal({ SMTP_URL: `smtp://127.0.0.1:${await closedPort()}` });
const { bob } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

describe('sendMessage with the SMTP server down', () => {
  it('fails as unreachable, says the message was not sent, files nothing in Sent, and allows a retry', async () => {
    const session = dalSession('carol');
    const subject = uniqueSubject('Never leaves');
    const input = composeInput({ to: bob.email, subject });
    const started = Date.now();
    const err = await sendMessage(session, input).then(() => null, (e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(16_000);
    expect(err).toBeInstanceOf(MailError);
    expect((err as MailError).code).toBe('unreachable');
    expect((err as MailError).userMessage).toContain('not sent');
    expect(await findMessages('carol', 'Sent', subject)).toHaveLength(0);

    // The sendId was released: pressing Send again tries again instead of claiming "already sent".
    const again = await sendMessage(session, input).then(() => null, (e: unknown) => e);
    expect((again as MailError).code).toBe('unreachable');
    await sleep(500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
  });
});
