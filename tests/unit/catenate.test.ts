// CATENATE pieces (lib/mail/catenate.ts with outgoing-mime.ts): a message built with server parts in
// place of attachment bytes becomes, once the server puts those bytes in, the same well-formed message.
import PostalMime from 'postal-mime';
import type { ImapFlow } from 'imapflow';
import { describe, expect, it } from 'vitest';
import { decodedSize, partUrl, splitAtPlaceholders, type ServerPart } from '@/lib/mail/catenate';
import { buildOutgoing, type OutgoingMessage } from '@/lib/mail/outgoing-mime';

const fakeClient = (delimiter = '/') => ({ enabled: new Set<string>(), capabilities: new Map(), namespace: { prefix: '', delimiter } }) as unknown as ImapFlow;

function message(attachments: OutgoingMessage['attachments'], html = '<p>See attached</p>'): OutgoingMessage {
  return {
    from: { name: '', address: 'writer@satchel.test' },
    to: [{ name: '', address: 'bob@satchel.test' }],
    cc: [],
    bcc: [],
    subject: 'Files',
    mode: 'rich',
    html,
    text: '',
    attachments,
    inReplyTo: null,
    references: [],
    messageId: '<c1@satchel.test>',
    date: new Date('2026-11-28T10:00:00Z'),
    headers: [],
  };
}

/** What the server does with the pieces: our text, and each part's stored body in its place. */
function assemble(pieces: Array<Buffer | ServerPart>, bodies: Map<string, Buffer>): Buffer {
  return Buffer.concat(pieces.map((p) => (Buffer.isBuffer(p) ? p : bodies.get(p.url)!)));
}

describe('CATENATE pieces', () => {
  it('puts a base64 and a quoted-printable part where they belong, with headers naming their encoding', async () => {
    const file = Buffer.from('%PDF-1.7 binary \x00\x01\x02 bytes '.repeat(200), 'latin1');
    const base64Body = Buffer.from(file.toString('base64').replace(/.{76}/g, '$&\r\n'));
    const qpBody = Buffer.from('Caf=C3=A9 notes, line one=\r\nline two');
    const pdf: ServerPart = { url: '/Drafts;UIDVALIDITY=7/;UID=20/;SECTION=2', encoding: 'base64', size: base64Body.length };
    const notes: ServerPart = { url: '/INBOX;UIDVALIDITY=3/;UID=5/;SECTION=1.2', encoding: 'quoted-printable', size: qpBody.length };
    const built = await buildOutgoing(
      message([
        { id: 'a1@upload.satchel', filename: 'report.pdf', contentType: 'application/pdf', content: pdf },
        { id: 'a2@upload.satchel', filename: 'notes.txt', contentType: 'text/plain', content: notes },
      ]),
      { keepBcc: false },
    );
    expect(built.placeholders).toHaveLength(2);
    const pieces = splitAtPlaceholders(built.raw, built.placeholders);
    expect(pieces.filter((p) => !Buffer.isBuffer(p))).toEqual([pdf, notes]);
    // Our own text is small: the files never pass through here.
    expect(pieces.filter(Buffer.isBuffer).reduce((n, p) => n + p.length, 0)).toBeLessThan(4000);

    const email = await PostalMime.parse(assemble(pieces, new Map([[pdf.url, base64Body], [notes.url, qpBody]])));
    expect(email.text?.trim()).toBe('See attached');
    const [a, b] = email.attachments;
    expect(a?.filename).toBe('report.pdf');
    expect(Buffer.from(a!.content as ArrayBuffer).equals(file)).toBe(true);
    expect(b?.filename).toBe('notes.txt');
    // postal-mime ends a quoted-printable text with the line break before the boundary.
    expect(Buffer.from(b!.content as ArrayBuffer).toString('utf8').trimEnd()).toBe('Café notes, line oneline two');
  });

  it('files an inline image referenced by cid: under multipart/related', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const body = Buffer.from(png.toString('base64'));
    const part: ServerPart = { url: '/Drafts;UIDVALIDITY=7/;UID=21/;SECTION=2', encoding: 'base64', size: body.length };
    const built = await buildOutgoing(message([{ id: 'img1@upload.satchel', filename: 'a.png', contentType: 'image/png', content: part }], '<p>Look <img src="cid:img1@upload.satchel"></p>'), { keepBcc: false });
    const raw = assemble(splitAtPlaceholders(built.raw, built.placeholders), new Map([[part.url, body]]));
    expect(raw.toString('latin1')).toMatch(/multipart\/related/);
    const email = await PostalMime.parse(raw);
    expect(email.attachments[0]?.contentId).toBe('<img1@upload.satchel>');
    expect(Buffer.from(email.attachments[0]!.content as ArrayBuffer).equals(png)).toBe(true);
  });

  it('builds URLs whose mailbox cannot break out of its field', () => {
    const client = fakeClient();
    expect(partUrl(client, 'Drafts', 7n, 20, '2')).toBe('/Drafts;UIDVALIDITY=7/;UID=20/;SECTION=2');
    expect(partUrl(client, 'Work/Clients;x', 9n, 3)).toBe('/Work/Clients%3Bx;UIDVALIDITY=9/;UID=3');
    expect(partUrl(client, 'Entwürfe', 1n, 2, 'TEXT')).toBe('/Entw&APw-rfe;UIDVALIDITY=1/;UID=2/;SECTION=TEXT');
    expect(partUrl(client, 'a b"c', 1n, 2)).toBe('/a%20b%22c;UIDVALIDITY=1/;UID=2');
  });

  it('counts a base64 part by what it decodes to, for the size limit', () => {
    expect(decodedSize({ encoding: 'base64', size: 4000 })).toBe(3000);
    expect(decodedSize({ encoding: '8bit', size: 4000 })).toBe(4000);
  });
});
