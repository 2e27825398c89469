// A session whose stored password no longer works (changed elsewhere). Run last by the sequencer
// (file name): Dovecot penalises failed logins; x-originating-ip moves the penalty off 127.0.0.1.
import { afterAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { openImapConnections } from '@/lib/mail/imap-pool';
import { listMessages } from '@/lib/mail/messages';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';

configureDal();

afterAll(async () => {
  await closeDalSessions();
});

describe('password changed since sign-in', () => {
  it('fails as auth_failed (the app sends the user back to sign-in) and pools nothing', async () => {
    const baseline = openImapConnections();
    const session = dalSession('carol', { password: 'an-old-password', clientIp: '192.0.2.78' });
    const err = await listMessages(session, 'INBOX', 1).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect((err as MailError).code).toBe('auth_failed');
    expect(openImapConnections()).toBe(baseline);
  });
});
