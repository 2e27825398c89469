// Sending hardening against the real Postfix (THREATS T16–T19): what is delivered is exactly what the
// session and the parsed form say, and nothing from a request reaches nodemailer's dangerous options.
import { afterAll, describe, expect, it } from 'vitest';
import { composeSchema, envelopeRecipients } from '@/lib/mail/compose-input';
import { MailError } from '@/lib/mail/errors';
import { buildMessage, composerOptions, sendMessage } from '@/lib/mail/send';
import { createSmtpTransport } from '@/lib/mail/smtp';
import { closeDalSessions, composeInput, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';

configureDal();
const { frank } = serverUsers();
const OUTSIDE = 'someone@elsewhere.test'; // Postfix captures it in outside@satchel.test

afterAll(async () => {
  await closeDalSessions();
});

/** Every header line of a raw message, unfolded, as [name, value]. */
function headers(source: Buffer): Array<[string, string]> {
  const head = (source.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  return head.split(/\r?\n/).map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]);
}

describe('the delivered copy (T16, T17)', () => {
  it('has From = the session address, no Sender, no Reply-To, one Subject, no Bcc; envelope = parsed recipients', async () => {
    const subject = uniqueSubject('Hardened send');
    // A forged object reaching the DAL with extra fields changes nothing: only the named fields are used.
    const forged = { ...composeInput({ to: `Someone <${OUTSIDE}>`, bcc: frank.email, subject }), from: 'ceo@other.test', sender: 'x@evil.test', replyTo: 'x@evil.test', headers: { Bcc: 'victim@example.test' } };
    await sendMessage(dalSession('frank'), forged as ReturnType<typeof composeInput>);

    const delivered = await waitForMessage('outside', 'INBOX', subject);
    const bccCopy = await waitForMessage('frank', 'INBOX', subject);
    for (const copy of [delivered, bccCopy]) {
      const names = headers(copy.source).map(([name]) => name);
      expect(headerOf(copy.source, 'From')).toBe(frank.email);
      expect(names.filter((n) => n === 'subject')).toHaveLength(1);
      expect(names.filter((n) => n === 'from')).toHaveLength(1);
      for (const absent of ['sender', 'reply-to', 'bcc']) expect(names).not.toContain(absent);
      expect(copy.source.toString('utf8')).not.toMatch(/ceo@other\.test|x@evil\.test|victim@example\.test/);
    }
    expect(headerOf(delivered.source, 'To')).toBe(`Someone <${OUTSIDE}>`);
    // Postfix records each delivery's envelope recipient (before the capture rewrite): the parsed ones.
    expect(headerOf(delivered.source, 'Delivered-To')).toBe(OUTSIDE);
    expect(headerOf(bccCopy.source, 'Delivered-To')).toBe(frank.email);
  });

  it('refuses a CRLF subject or display name before anything is sent', async () => {
    const subject = uniqueSubject('Injected');
    for (const fields of [{ subject: `${subject}\r\nBcc: ${frank.email}` }, { subject, to: `"Eve\r\nBcc: ${frank.email}" <${OUTSIDE}>` }]) {
      const parsed = composeSchema.safeParse({ to: OUTSIDE, body: 'x', sendId: 'abcdefgh12', ...fields });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/line breaks and control characters are not allowed/);
    }
    // Past the schema (a bug, or a caller that skipped it), the DAL refuses the same values again.
    const input = composeInput({ to: OUTSIDE, subject });
    const badSubject = { ...input, subject: `${subject}\r\nBcc: ${frank.email}` };
    const badName = { ...input, to: [{ name: `Eve\r\nBcc: ${frank.email}`, address: OUTSIDE }] };
    for (const bad of [badSubject, badName]) {
      await expect(sendMessage(dalSession('frank'), bad)).rejects.toMatchObject({ code: 'invalid_input' });
    }
    await sleep(1500);
    expect(await findMessages('outside', 'INBOX', subject)).toEqual([]);
    expect(await findMessages('frank', 'INBOX', subject)).toEqual([]);
  });
});

describe('recipients (T18)', () => {
  it('refuses addresses that could be routed somewhere other than where they read', () => {
    for (const to of ['"a@evil.test x"@example.test', 'b@example.test(x)evil.test', 'Friends: a@example.test;', 'a@[127.0.0.1]', '"boss@corp.test" <x@evil.test>']) {
      const parsed = composeSchema.safeParse({ to, sendId: 'abcdefgh12' });
      expect(parsed.success, to).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/^To: ".+" is not a valid email address$/);
    }
  });

  it('uses one list for the headers, the count and the envelope', async () => {
    const input = composeInput({ to: `A <${OUTSIDE}>, ${frank.email}`, cc: OUTSIDE.toUpperCase(), bcc: `"Doe, Jo" <${frank.email}>`, subject: 'x' });
    const { raw, recipients } = await buildMessage(frank.email, input);
    expect(recipients).toEqual(envelopeRecipients(input));
    expect(recipients).toEqual([OUTSIDE, frank.email]);
    expect(headerOf(raw, 'To')).toBe(`A <${OUTSIDE}>, ${frank.email}`);
    expect(headerOf(raw, 'Bcc')).toBeNull();
  });

  it('refuses a sender address it would not put in a header', async () => {
    await expect(buildMessage('"x y"@satchel.test', composeInput({ to: OUTSIDE, subject: 'x' }))).rejects.toBeInstanceOf(MailError);
  });
});

describe('nodemailer content resolution (T19)', () => {
  it('the schema refuses attachments, html, headers, raw and envelope', () => {
    for (const extra of [{ attachments: [{ path: '/etc/passwd' }] }, { html: { href: 'http://127.0.0.1:9/' } }, { headers: { Bcc: 'x@evil.test' } }, { raw: 'x' }, { envelope: { to: ['x@evil.test'] } }]) {
      const parsed = composeSchema.safeParse({ to: OUTSIDE, sendId: 'abcdefgh12', ...extra });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  it('a forged input with attachments or an html href still builds a text-only message', async () => {
    const forged = { ...composeInput({ to: OUTSIDE, subject: 'x' }), attachments: [{ path: '/etc/passwd' }], html: { href: 'http://127.0.0.1:9/x' } };
    const { raw } = await buildMessage(frank.email, forged as ReturnType<typeof composeInput>);
    expect(raw.toString('utf8')).not.toMatch(/root:|passwd|127\.0\.0\.1:9/);
    expect(headerOf(raw, 'Content-Type')).toMatch(/^text\/plain/);
  });

  it('file and URL access are off on both the composer and the transport', () => {
    const options = composerOptions(frank.email, composeInput({ to: OUTSIDE, subject: 'x' }));
    expect(options).toMatchObject({ disableFileAccess: true, disableUrlAccess: true });
    expect(Object.keys(options).sort()).toEqual(['bcc', 'cc', 'date', 'disableFileAccess', 'disableUrlAccess', 'from', 'messageId', 'subject', 'text', 'to']);
    const transport = createSmtpTransport(dalSession('frank').creds);
    expect(transport.options).toMatchObject({ disableFileAccess: true, disableUrlAccess: true });
    transport.close();
  });
});
