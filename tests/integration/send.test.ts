// Sending (lib/mail/send.ts) through the real Postfix submission port, checked on the recipients'
// and sender's mailboxes over IMAP. Every test uses its own subject, so none depends on another
// and no mailbox needs emptying (alice's and bob's belong to the e2e suite).
import { afterAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { sendMessage } from '@/lib/mail/send';
import { closeDalSessions, composeInput, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';

configureDal(); // MAX_RECIPIENTS and SEND_LIMIT_PER_HOUR keep their defaults (50, 100) here
const { alice, bob, carol } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

describe('sendMessage', () => {
  it('delivers alice → bob and files the same message, read, in alice\'s Sent', async () => {
    const subject = uniqueSubject('Lunch on Friday?');
    const result = await sendMessage(dalSession('alice'), composeInput({ to: `Bob <${bob.email}>`, subject, body: 'Noon at the usual place?' }));
    expect(result).toEqual({ outcome: 'sent', savedToSent: true });

    const delivered = await waitForMessage('bob', 'INBOX', subject);
    expect(delivered.source.toString('utf8')).toContain('Noon at the usual place?');
    const [sent] = await findMessages('alice', 'Sent', subject);
    expect(sent?.flags.has('\\Seen')).toBe(true);
    const messageId = headerOf(delivered.source, 'Message-ID');
    expect(messageId).toMatch(/^<[^@>]+@satchel\.test>$/);
    expect(headerOf(sent!.source, 'Message-ID')).toBe(messageId);
  });

  it('sends a resubmitted form (same sendId) only once', async () => {
    const subject = uniqueSubject('Sent once');
    const input = composeInput({ to: bob.email, subject });
    const session = dalSession('alice');
    expect((await sendMessage(session, input)).outcome).toBe('sent');
    expect((await sendMessage(session, input)).outcome).toBe('already_sent');

    await waitForMessage('bob', 'INBOX', subject);
    await sleep(1500); // a second copy would be in the queue right behind the first
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);
    expect(await findMessages('alice', 'Sent', subject)).toHaveLength(1);
  });

  it('sends a double click (two concurrent submissions of one form) only once', async () => {
    const subject = uniqueSubject('Double click');
    const input = composeInput({ to: bob.email, subject });
    const outcomes = await Promise.all([sendMessage(dalSession('alice'), input), sendMessage(dalSession('alice'), input)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['already_sent', 'sent']);
    await waitForMessage('bob', 'INBOX', subject);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);
  });

  it('always sends From the signed-in address, whatever the form claims', async () => {
    const subject = uniqueSubject('Who sent this?');
    // The form schema drops unknown fields; a forged object reaching the DAL must not matter either.
    const forged = { ...composeInput({ to: bob.email, subject }), from: carol.email } as ReturnType<typeof composeInput>;
    await sendMessage(dalSession('alice'), forged);
    const delivered = await waitForMessage('bob', 'INBOX', subject);
    expect(headerOf(delivered.source, 'From')).toBe(alice.email);
    expect(headerOf(delivered.source, 'Sender')).toBeNull();
  });

  it('delivers to Bcc recipients without revealing them in the delivered message', async () => {
    const subject = uniqueSubject('Quiet copy');
    await sendMessage(dalSession('alice'), composeInput({ to: bob.email, bcc: carol.email, subject }));
    const toCarol = await waitForMessage('carol', 'INBOX', subject);
    const toBob = await waitForMessage('bob', 'INBOX', subject);
    for (const copy of [toCarol, toBob]) {
      expect(headerOf(copy.source, 'Bcc')).toBeNull();
      expect(headerOf(copy.source, 'To')).toBe(bob.email);
      expect(headerOf(copy.source, 'Cc')).toBeNull();
    }
    // Bob cannot tell carol got a copy (carol's own copy names her only in the delivery headers).
    expect(toBob.source.toString('utf8')).not.toContain(carol.email);
  });

  it('refuses more recipients than MAX_RECIPIENTS, sends nothing, and lets the same form be retried', async () => {
    const subject = uniqueSubject('Too many');
    const many = Array.from({ length: 51 }, (_, i) => `someone${i}@example.com`).join(', ');
    const input = composeInput({ to: many, cc: bob.email, subject });
    const session = dalSession('alice');
    const err = await sendMessage(session, input).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect((err as MailError).userMessage).toMatch(/at most 50 recipients/);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    expect(await findMessages('alice', 'Sent', subject)).toHaveLength(0);

    // The refusal released the sendId: the corrected form goes out.
    const fixed = { ...input, to: input.to.slice(0, 2) };
    expect((await sendMessage(session, fixed)).outcome).toBe('sent');
    await waitForMessage('bob', 'INBOX', subject);
  });
});
