// Sending from the rich compose screen (lib/mail/pending-send.ts) through the real Postfix: writer → bob,
// checked on bob's mailbox over IMAP and parsed with postal-mime; From checks and aliases.
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import type { ComposeDraft, SendStatus } from '@/lib/mail/compose-types';
import { queueSend, sendStatus } from '@/lib/mail/pending-send';
import { attachmentBytesFor, composeLimits, smtpMaxSize } from '@/lib/mail/smtp-size';
import { TooLarge } from '@/lib/mail/uploads';
import { closeDalSessions, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';
import { Readable } from 'node:stream';
import { composeDraft, tinyPng, uploadBytes } from '../support/compose';

process.env.UNDO_SEND_SECONDS = '1';
process.env.FROM_ALIASES = 'sales@satchel.test=writer@satchel.test';
configureDal();
const { writer, bob, carol } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

async function waitForStatus(sendId: string, session = dalSession('writer')): Promise<SendStatus> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const status = await sendStatus(session, sendId);
    if (status.status === 'sent' || status.status === 'failed' || Date.now() > deadline) return status;
    await sleep(200);
  }
}

async function send(draft: ComposeDraft) {
  const session = dalSession('writer');
  const result = await queueSend(session, draft);
  if (result.status !== 'queued') throw new Error(`not queued: ${JSON.stringify(result)}`);
  return { result, status: await waitForStatus(result.sendId, session) };
}

describe('sendDraft (rich compose)', () => {
  it('sends rich text as multipart/alternative with a text part made from the HTML', async () => {
    const subject = uniqueSubject('Rich hello');
    const { status } = await send(composeDraft({ to: `Bob <${bob.email}>`, subject, html: '<p>Hello <b>Bob</b></p><ul><li>one</li></ul>' }));
    expect(status).toEqual({ status: 'sent', message: 'Message sent' });
    const delivered = await waitForMessage('bob', 'INBOX', subject);
    expect(headerOf(delivered.source, 'Content-Type')).toMatch(/^multipart\/alternative/);
    const email = await PostalMime.parse(delivered.source);
    expect(email.html).toContain('<b>Bob</b>');
    expect(email.text).toContain('Hello Bob');
    expect(email.text).toContain('one');
    expect(headerOf(delivered.source, 'X-Satchel-Draft')).toBeNull();
    expect(headerOf(delivered.source, 'X-Satchel-Send-Id')).toBeNull();
    // Filed in Sent, and the pending draft is gone from Drafts.
    expect(await findMessages('writer', 'Sent', subject)).toHaveLength(1);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
  });

  it('sends plain mode as text/plain only', async () => {
    const subject = uniqueSubject('Plain hello');
    await send(composeDraft({ to: bob.email, subject, mode: 'plain', text: 'Just text\nsecond line' }));
    const delivered = await waitForMessage('bob', 'INBOX', subject);
    expect(headerOf(delivered.source, 'Content-Type')).toMatch(/^text\/plain/);
    expect((await PostalMime.parse(delivered.source)).text).toContain('second line');
  });

  it('keeps an inline image (multipart/related, cid:) and an attachment intact', async () => {
    const subject = uniqueSubject('Picture and file');
    const session = dalSession('writer');
    const draft = composeDraft({ to: bob.email, subject });
    const image = await uploadBytes(session, draft.draftId, 'dot.png', 'image/png', tinyPng);
    const pdf = await uploadBytes(session, draft.draftId, 'notes.pdf', 'application/pdf', Buffer.from('%PDF-1.4 notes'));
    const { status } = await send({ ...draft, html: `<p>See <img src="cid:${image.cid}" alt="dot"></p>`, attachments: [image, pdf] });
    expect(status.status).toBe('sent');
    const delivered = await waitForMessage('bob', 'INBOX', subject);
    const raw = delivered.source.toString('utf8');
    expect(raw).toMatch(/multipart\/related/);
    expect(raw).toMatch(/multipart\/alternative/);
    const email = await PostalMime.parse(delivered.source);
    const inline = email.attachments.find((a) => a.mimeType === 'image/png');
    const file = email.attachments.find((a) => a.filename === 'notes.pdf');
    expect(inline?.contentId).toBe(`<${image.cid}>`);
    expect(Buffer.from(inline!.content as ArrayBuffer).equals(tinyPng)).toBe(true);
    expect(email.html).toContain(`cid:${image.cid}`);
    expect(Buffer.from(file!.content as ArrayBuffer).toString()).toBe('%PDF-1.4 notes');
    expect(file?.disposition).toBe('attachment');
    // The uploads were folded in and removed: nothing left in writer's Drafts for this message.
    expect(await findMessages('writer', 'Drafts', 'Attachment: dot.png')).toHaveLength(0);
  });

  it('limits attachments to what fits the SMTP server\'s advertised SIZE after base64', async () => {
    expect(await smtpMaxSize(writer.email)).toBe(26_214_400); // Postfix message_size_limit
    const { maxBytes } = await composeLimits(writer.email);
    expect(maxBytes).toBe(attachmentBytesFor(26_214_400));
    expect(maxBytes).toBeGreaterThan(18_900_000);
    expect(maxBytes).toBeLessThan(20_000_000);
  });

  it('stops reading an upload at the limit (nothing stored)', async () => {
    const session = dalSession('writer');
    const draftId = composeDraft().draftId;
    let produced = 0;
    // 64 KB chunks, up to 8 MB: the limit (1 MB) must stop it long before the end.
    const body = Readable.from((function* () {
      for (let i = 0; i < 128; i++) {
        produced += 65_536;
        yield Buffer.alloc(65_536, 1);
      }
    })());
    await expect(uploadBytes(session, draftId, 'big.bin', 'application/octet-stream', body, 1_000_000)).rejects.toBeInstanceOf(TooLarge);
    expect(produced).toBeLessThan(2_000_000);
    expect(await findMessages('writer', 'Drafts', 'Attachment: big.bin')).toHaveLength(0);
  });

  it('refuses a forged From before anything is stored or sent', async () => {
    const subject = uniqueSubject('Forged from');
    const result = await queueSend(dalSession('writer'), composeDraft({ from: carol.email, to: bob.email, subject }));
    expect(result).toMatchObject({ status: 'invalid', field: 'from' });
    expect((result as { message: string }).message).toContain(carol.email);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
  });

  it('sends from an allowed alias, with the alias as envelope sender', async () => {
    const subject = uniqueSubject('From sales');
    const { status } = await send(composeDraft({ from: 'sales@satchel.test', to: bob.email, subject }));
    expect(status.status).toBe('sent');
    const delivered = await waitForMessage('bob', 'INBOX', subject);
    expect(headerOf(delivered.source, 'From')).toContain('sales@satchel.test');
    expect(headerOf(delivered.source, 'Return-Path')).toBe('<sales@satchel.test>');
    expect(writer.email).toBe('writer@satchel.test');
  });
});
