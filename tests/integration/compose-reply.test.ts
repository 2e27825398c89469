// Reply, reply all, forward and forward as attachment (lib/mail/reply.ts + pending-send.ts) against the
// real servers: an original is seeded in writer's INBOX, the answer goes to bob (and carol) and is
// read back from their mailboxes over IMAP, parsed with postal-mime.
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComposeDraft, SendStatus } from '@/lib/mail/compose-types';
import { queueSend, sendStatus } from '@/lib/mail/pending-send';
import { composeFromOriginal } from '@/lib/mail/reply';
import { compose, simplePdf } from '../../scripts/mailserver/fixtures';
import { closeDalSessions, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { appendMessage, findMessages, waitForMessage, withUserImap } from '../support/imap';

process.env.UNDO_SEND_SECONDS = '1';
process.env.FROM_ALIASES = 'sales@satchel.test=writer@satchel.test';
configureDal();
const { writer, bob, carol } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

async function seedOriginal(subject: string, extra: { cc?: string; attach?: boolean } = {}) {
  const messageId = `<orig-${Math.random().toString(36).slice(2)}@satchel.test>`;
  const raw = await compose({
    from: `Bob Example <${bob.email}>`,
    to: writer.email,
    ...(extra.cc ? { cc: extra.cc } : {}),
    subject,
    messageId,
    date: new Date('2026-11-20T09:30:00Z'),
    headers: { References: '<root@satchel.test> <middle@satchel.test>' },
    text: 'First line of the original.\nSecond line.',
    html: '<p>First line of the <b>original</b>.</p><p>Second line.</p>',
    ...(extra.attach ? { attachments: [{ filename: 'agenda.pdf', content: simplePdf('Agenda'), contentType: 'application/pdf' }] } : {}),
  });
  const uid = await appendMessage('writer', 'INBOX', raw);
  return { uid, messageId };
}

async function sendAndWait(draft: ComposeDraft): Promise<SendStatus> {
  const session = dalSession('writer');
  const result = await queueSend(session, draft);
  if (result.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await sendStatus(session, result.sendId);
    if (status.status === 'sent' || status.status === 'failed' || Date.now() > deadline) return status;
    await sleep(200);
  }
}

async function flagsOf(uid: number): Promise<Set<string>> {
  return withUserImap('writer', async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const msg = await client.fetchOne(String(uid), { uid: true, flags: true }, { uid: true });
      return msg ? (msg.flags ?? new Set()) : new Set();
    } finally {
      lock.release();
    }
  });
}

describe('reply and forward', () => {
  it('reply: threading headers, one "Re:", the original quoted under an attribution, original \\Answered', async () => {
    const subject = uniqueSubject('Re: RE: Aw: Budget');
    const { uid, messageId } = await seedOriginal(subject);
    const draft = await composeFromOriginal(dalSession('writer'), 'reply', 'INBOX', uid, 'rich');
    expect(draft.to).toBe(`"Bob Example" <${bob.email}>`);
    expect(draft.subject).toBe(`Re: ${subject.replace(/^(Re: RE: Aw: )/, '')}`);
    const status = await sendAndWait({ ...draft, html: `<p>Sounds good.</p>${draft.html}` });
    expect(status.status).toBe('sent');

    const delivered = await waitForMessage('bob', 'INBOX', draft.subject);
    expect(headerOf(delivered.source, 'Subject')).toBe(draft.subject);
    expect(headerOf(delivered.source, 'In-Reply-To')).toBe(messageId);
    expect(headerOf(delivered.source, 'References')).toBe(`<root@satchel.test> <middle@satchel.test> ${messageId}`);
    const email = await PostalMime.parse(delivered.source);
    expect(email.html).toMatch(/<blockquote[^>]*>[\s\S]*original[\s\S]*<\/blockquote>/);
    expect(email.text).toContain('wrote:');
    expect(email.text).toMatch(/^> First line of the original\./m);
    expect(email.text).toContain('On 20 Nov 2026, 09:30 UTC, Bob Example <bob@satchel.test> wrote:');
    await expect.poll(async () => (await flagsOf(uid)).has('\\Answered'), { timeout: 5000 }).toBe(true);
  });

  it('reply all: leaves out the user and their alias, keeps Cc', async () => {
    const subject = uniqueSubject('Team lunch');
    const { uid } = await seedOriginal(subject, { cc: `Carol <${carol.email}>, Sales <sales@satchel.test>, ${writer.email}` });
    const draft = await composeFromOriginal(dalSession('writer'), 'reply-all', 'INBOX', uid, 'plain');
    expect(draft.to).toBe(`"Bob Example" <${bob.email}>`);
    expect(draft.cc).toBe(`"Carol" <${carol.email}>`);
    expect(draft.text).toMatch(/^> First line of the original\./m);
    expect((await sendAndWait(draft)).status).toBe('sent');
    const toBob = await waitForMessage('bob', 'INBOX', draft.subject);
    const toCarol = await waitForMessage('carol', 'INBOX', draft.subject);
    expect(headerOf(toBob.source, 'Cc')).toContain(carol.email);
    expect(headerOf(toCarol.source, 'Content-Type')).toMatch(/^text\/plain/);
    expect(toBob.source.toString()).not.toContain('sales@satchel.test');
  });

  it('forward inline: "Fwd:", the forwarded header block, the original attachment kept', async () => {
    const subject = uniqueSubject('Fwd: FW: Agenda');
    const { uid } = await seedOriginal(subject, { attach: true });
    const draft = await composeFromOriginal(dalSession('writer'), 'forward', 'INBOX', uid, 'rich');
    expect(draft.subject).toBe(`Fwd: ${subject.replace(/^Fwd: FW: /, '')}`);
    expect(draft.attachments.map((a) => a.filename)).toEqual(['agenda.pdf']);
    expect((await sendAndWait({ ...draft, to: bob.email })).status).toBe('sent');
    const delivered = await waitForMessage('bob', 'INBOX', draft.subject);
    const email = await PostalMime.parse(delivered.source);
    expect(email.text).toContain('---------- Forwarded message ---------');
    expect(email.text).toContain('First line of the original');
    const pdf = email.attachments.find((a) => a.filename === 'agenda.pdf');
    expect(Buffer.from(pdf!.content as ArrayBuffer).equals(simplePdf('Agenda'))).toBe(true);
    expect(headerOf(delivered.source, 'In-Reply-To')).toBeNull();
    await expect.poll(async () => (await flagsOf(uid)).has('$Forwarded'), { timeout: 5000 }).toBe(true);
  });

  it('forward: a dropped attachment is not sent', async () => {
    const subject = uniqueSubject('Agenda without file');
    const { uid } = await seedOriginal(subject, { attach: true });
    const draft = await composeFromOriginal(dalSession('writer'), 'forward', 'INBOX', uid, 'plain');
    expect((await sendAndWait({ ...draft, to: bob.email, attachments: [] })).status).toBe('sent');
    const email = await PostalMime.parse((await waitForMessage('bob', 'INBOX', draft.subject)).source);
    expect(email.attachments).toHaveLength(0);
  });

  it('forward as attachment: the original travels whole as message/rfc822', async () => {
    const subject = uniqueSubject('Whole original');
    const { uid, messageId } = await seedOriginal(subject, { attach: true });
    const draft = await composeFromOriginal(dalSession('writer'), 'forward-attachment', 'INBOX', uid, 'rich');
    expect(draft.attachments).toHaveLength(1);
    expect(draft.attachments[0]!.contentType).toBe('message/rfc822');
    expect((await sendAndWait({ ...draft, to: bob.email, html: '<p>See attached.</p>' })).status).toBe('sent');
    const delivered = await waitForMessage('bob', 'INBOX', draft.subject);
    expect(delivered.source.toString()).toMatch(/Content-Type: message\/rfc822/i);
    const email = await PostalMime.parse(delivered.source, { forceRfc822Attachments: true });
    const attached = email.attachments.find((a) => a.mimeType === 'message/rfc822');
    const inner = await PostalMime.parse(attached!.content as ArrayBuffer);
    expect(inner.messageId).toBe(messageId);
    expect(inner.attachments.map((a) => a.filename)).toEqual(['agenda.pdf']);
    expect(await findMessages('writer', 'Sent', draft.subject)).toHaveLength(1);
  });
});
