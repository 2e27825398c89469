// Outgoing MIME (lib/mail/outgoing-mime.ts), Satchel's draft headers (draft-headers.ts) and the draft
// schema (draft-input.ts): what leaves is well-formed and nothing from the request reaches raw headers.
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { dropHeaders, foldBase64, headerValue, readHeaders, splitHeaders } from '@/lib/mail/draft-headers';
import { parseDraft } from '@/lib/mail/draft-input';
import { MailError } from '@/lib/mail/errors';
import { buildOutgoing, outgoingHtml, textFromHtml, type OutgoingMessage } from '@/lib/mail/outgoing-mime';
import { composeDraft, tinyPng } from '../support/compose';

function message(fields: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: { name: 'Writer', address: 'writer@satchel.test' },
    to: [{ name: 'Bob', address: 'bob@satchel.test' }],
    cc: [],
    bcc: [{ name: '', address: 'carol@satchel.test' }],
    subject: 'Hello',
    mode: 'rich',
    html: '<p>Hi <b>Bob</b></p>',
    text: '',
    attachments: [],
    inReplyTo: null,
    references: [],
    messageId: '<m1@satchel.test>',
    date: new Date('2026-11-27T10:00:00Z'),
    headers: [],
    ...fields,
  };
}

const headerBlock = (raw: Buffer) => raw.toString('latin1').split('\r\n\r\n')[0]!;

describe('buildOutgoing', () => {
  it('rich mode: multipart/alternative with a text part made from the HTML; envelope incl. Bcc', async () => {
    const { raw, recipients } = await buildOutgoing(message(), { keepBcc: false });
    expect(headerValue(raw, 'Content-Type')).toMatch(/^multipart\/alternative/);
    expect(headerValue(raw, 'Bcc')).toBeNull();
    expect(recipients).toEqual(['bob@satchel.test', 'carol@satchel.test']);
    const email = await PostalMime.parse(raw);
    expect(email.text?.trim()).toBe('Hi Bob');
    expect(email.html).toContain('<b>Bob</b>');
    expect(email.from).toEqual({ name: 'Writer', address: 'writer@satchel.test' });
  });

  it('drafts keep the Bcc header (keepBcc)', async () => {
    const { raw } = await buildOutgoing(message(), { keepBcc: true });
    expect(headerValue(raw, 'Bcc')).toBe('carol@satchel.test');
  });

  it('plain mode: text/plain only', async () => {
    const { raw } = await buildOutgoing(message({ mode: 'plain', html: '<p>ignored</p>', text: 'Just text' }), { keepBcc: false });
    expect(headerValue(raw, 'Content-Type')).toMatch(/^text\/plain/);
    expect(raw.toString()).not.toContain('ignored');
  });

  it('an image the HTML references goes inline in multipart/related; other files are attachments with their id as Content-ID', async () => {
    const attachments = [
      { id: 'img1@upload.satchel', filename: 'dot.png', contentType: 'image/png', content: tinyPng },
      { id: 'doc1@upload.satchel', filename: 'notes.txt', contentType: 'text/plain', content: Buffer.from('notes') },
    ];
    const { raw } = await buildOutgoing(message({ html: '<p><img src="cid:img1@upload.satchel"></p>', attachments }), { keepBcc: false });
    const text = raw.toString('latin1');
    expect(headerValue(raw, 'Content-Type')).toMatch(/^multipart\/mixed/);
    expect(text).toMatch(/multipart\/related/);
    expect(text).toMatch(/multipart\/alternative/);
    const email = await PostalMime.parse(raw);
    const image = email.attachments.find((a) => a.filename === 'dot.png')!;
    const doc = email.attachments.find((a) => a.filename === 'notes.txt')!;
    expect(image).toMatchObject({ contentId: '<img1@upload.satchel>', disposition: 'inline', related: true });
    expect(doc).toMatchObject({ contentId: '<doc1@upload.satchel>', disposition: 'attachment' });
  });

  it('threading headers: In-Reply-To and References (capped)', async () => {
    const references = Array.from({ length: 30 }, (_, i) => `<r${i}@x>`);
    const { raw } = await buildOutgoing(message({ inReplyTo: '<r29@x>', references }), { keepBcc: false });
    expect(headerValue(raw, 'In-Reply-To')).toBe('<r29@x>');
    expect(headerValue(raw, 'References')?.split(' ')).toHaveLength(20);
  });

  it.each([
    ['a subject with CRLF', { subject: 'hi\r\nBcc: victim@example.test' }],
    ['a display name with CRLF', { from: { name: 'W\r\nX-Evil: 1', address: 'writer@satchel.test' } }],
    ['a quoted local part', { to: [{ name: '', address: '"a@evil.test x"@example.test' }] }],
    ['a malformed In-Reply-To', { inReplyTo: '<a@b>\r\nBcc: x@y' }],
    ['an attachment name with CRLF', { attachments: [{ id: 'a@upload.satchel', filename: 'a\r\nX: y.txt', contentType: 'text/plain', content: Buffer.from('x') }] }],
  ])('refuses %s', async (_label, fields) => {
    await expect(buildOutgoing(message(fields as Partial<OutgoingMessage>), { keepBcc: false })).rejects.toBeInstanceOf(MailError);
  });
});

describe('outgoingHtml and textFromHtml', () => {
  it('sanitizes the editor HTML and keeps cid: images only for parts the message carries', () => {
    const html = outgoingHtml('<p onclick="x()">Hi<script>alert(1)</script><img src="cid:known@upload.satchel"><img src="cid:other@x"></p>', new Set(['known@upload.satchel']));
    expect(html).not.toMatch(/script|onclick|other@x|data-satchel/);
    expect(html).toContain('<img src="cid:known@upload.satchel">');
  });

  it('keeps links and remote images the user wrote', () => {
    const html = outgoingHtml('<a href="https://example.com/x">x</a><img src="https://example.com/a.png">', new Set());
    expect(html).toContain('href="https://example.com/x"');
    expect(html).toContain('src="https://example.com/a.png"');
  });

  it('turns quotes into "> " lines and lists into bullets', () => {
    const text = textFromHtml('<p>Above</p><blockquote><p>quoted line</p></blockquote><ul><li>one</li></ul>');
    expect(text).toContain('> quoted line');
    expect(text).toMatch(/\* one/);
  });
});

describe('draft headers', () => {
  const raw = Buffer.from('From: a@x\r\nX-Satchel-Draft: QUJD\r\n REVG\r\nSubject: s\r\nBcc: c@x\r\n\r\nbody\r\nX-Satchel-Draft: not a header\r\n');

  it('reads unfolded values', () => {
    expect(headerValue(raw, 'x-satchel-draft')).toBe('QUJD REVG');
    expect(readHeaders(raw).map(([n]) => n)).toEqual(['From', 'X-Satchel-Draft', 'Subject', 'Bcc']);
  });

  it('drops whole (folded) fields and leaves the body bytes alone', () => {
    const out = dropHeaders(raw, ['X-Satchel-Draft', 'bcc']).toString();
    expect(out).toBe('From: a@x\r\nSubject: s\r\n\r\nbody\r\nX-Satchel-Draft: not a header\r\n');
  });

  it('splits into the new header block (blank line included) and the body as IMAP BODY[TEXT] has it', () => {
    const { head, body } = splitHeaders(raw, ['bcc']);
    expect(head.toString()).toBe('From: a@x\r\nX-Satchel-Draft: QUJD\r\n REVG\r\nSubject: s\r\n\r\n');
    expect(body.toString()).toBe('body\r\nX-Satchel-Draft: not a header\r\n');
    // A view, not a copy: the 27 MB body of a pending send is held once.
    expect(body.buffer).toBe(raw.buffer);
  });

  it('folds long base64 into short lines', () => {
    expect(foldBase64('A'.repeat(160)).split('\r\n ').map((l) => l.length)).toEqual([76, 76, 8]);
  });
});

describe('draftSchema', () => {
  it('accepts the editor\'s draft, half-typed addresses included', () => {
    expect(parseDraft(composeDraft({ to: 'bob@satchel.test, bo' })).ok).toBe(true);
  });

  it.each([
    ['an extra field (headers)', { headers: { Sender: 'ceo@x' } }],
    ['a file path as attachment', { attachments: [{ id: 'a@upload.satchel', filename: 'p', size: 1, contentType: 'text/plain', path: '/etc/passwd' }] }],
    ['an attachment id that is not ours', { attachments: [{ id: '/etc/passwd', filename: 'p', size: 1, contentType: 'text/plain' }] }],
    ['a CRLF in To', { to: 'bob@satchel.test\r\nBcc: x@y' }],
    ['a draftId that is not a UUID', { draftId: '../../x' }],
  ])('refuses %s', (_label, fields) => {
    expect(parseDraft({ ...composeDraft(), ...fields }).ok).toBe(false);
  });

  it('the header block of a built draft carries no request field other than the checked ones', async () => {
    const { raw } = await buildOutgoing(message({ headers: [{ key: 'X-Satchel-Draft-Id', value: 'd' }] }), { keepBcc: true });
    const names = headerBlock(raw).split(/\r\n(?![ \t])/).map((l) => l.split(':')[0]);
    expect(names.sort()).toEqual(['Bcc', 'Content-Type', 'Date', 'From', 'MIME-Version', 'Message-ID', 'Subject', 'To', 'X-Satchel-Draft-ID'].sort());
  });
});
