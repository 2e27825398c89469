// Owns the MIME of what Satchel writes (sent mail and drafts alike): HTML sanitized for sending, the
// text alternative derived from it, inline cid: images in multipart/related, attachments, threading.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { convert } from 'html-to-text';
import MailComposer from 'nodemailer/lib/mail-composer';
import { isServerPart, type Placeholder, type ServerPart } from './catenate';
import { envelopeRecipients, hasHeaderControls, isPlainAddress } from './compose-input';
import { MailError } from './errors';
import { sanitizeHtml } from './sanitize-html';
import type { Address } from './types';

export type OutgoingAttachment = {
  /** Also the part's Content-ID, so a saved draft's part can be found again by its AttachmentRef id. */
  id: string;
  filename: string;
  contentType: string;
  /** The bytes, or where they are on the server: then the message is assembled there (catenate.ts). */
  content: Buffer | Readable | ServerPart;
};

export type OutgoingMessage = {
  from: Address;
  to: Address[];
  cc: Address[];
  bcc: Address[];
  subject: string;
  /** rich: HTML (already through outgoingHtml) plus a text part made from it; plain: text only. */
  mode: 'rich' | 'plain';
  html: string;
  text: string;
  attachments: OutgoingAttachment[];
  inReplyTo: string | null;
  references: string[];
  messageId: string;
  date: Date;
  /** Satchel's own X-Satchel-* headers only: names are constants in drafts.ts, values checked there. */
  headers: Array<{ key: string; value: string }>;
};

// A msg-id as RFC 5322 writes it, printable ASCII only: it goes into In-Reply-To and References.
const MSG_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;
export const isMessageId = (value: string) => MSG_ID.test(value);
export const MAX_REFERENCES = 20;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
export const cleanContentType = (value: string) => (MIME_TYPE.test(value.toLowerCase()) ? value.toLowerCase() : 'application/octet-stream');

/**
 * The editor's HTML as it may leave: the reader's sanitizer (same allowlists, same fixed point), with
 * remote images kept (the user wrote them) and cid: images only for parts this message carries.
 */
export function outgoingHtml(html: string, cids: ReadonlySet<string>): string {
  if (!html.trim()) return '';
  const clean = sanitizeHtml(html, { allowRemote: true, resolveCid: (cid) => (cids.has(cid) ? `cid:${cid}` : null) });
  // Only whole attributes are removed (DOMPurify writes them double-quoted): the reader's markers mean
  // nothing to a recipient.
  return clean.html.replace(/\sdata-satchel-(?:cid|src)="[^"]*"/g, '');
}

/** The plain-text alternative of an HTML body: quotes as "> ", links as "text [url]", no images. */
export function textFromHtml(html: string): string {
  return convert(html, {
    wordwrap: 76,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
    ],
  });
}

/** The cids an HTML body references (`src="cid:…"`), to tell inline images from attachments. */
export function referencedCids(html: string): Set<string> {
  const found = new Set<string>();
  for (const match of html.matchAll(/src="cid:([^"]+)"/gi)) if (match[1]) found.add(match[1]);
  return found;
}

const wrapHtml = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`;

function checkHeaders(m: OutgoingMessage): void {
  const people = [...m.to, ...m.cc, ...m.bcc, m.from];
  if (people.some((p) => !isPlainAddress(p.address) || hasHeaderControls(p.name))) throw new MailError('invalid_input', 'An address could not be used');
  if (hasHeaderControls(m.subject)) throw new MailError('invalid_input');
  const ids = [m.messageId, ...(m.inReplyTo ? [m.inReplyTo] : []), ...m.references];
  if (ids.some((id) => !isMessageId(id))) throw new MailError('invalid_input', 'The message this replies to has an unusable Message-ID');
  if (m.headers.some((h) => !/^X-Satchel-[A-Za-z-]+$/.test(h.key) || hasHeaderControls(h.value.replace(/\r\n /g, '')))) {
    throw new MailError('invalid_input');
  }
  if (m.attachments.some((a) => hasHeaderControls(a.filename) || !/^[\x21-\x3b\x3d\x3f-\x7e]{1,600}$/.test(a.id))) {
    throw new MailError('invalid_input', 'An attachment name could not be used');
  }
}

/**
 * A server part goes into the MIME tree as a short ASCII marker with the part's own transfer encoding
 * (so the part headers nodemailer writes are right for the bytes the server will put there); the
 * marker is found again in the output by its encoded form. 36 bytes: one base64 line, no padding.
 */
function placeholderFor(part: ServerPart, index: number, nonce: string): { marker: string; placeholder: Placeholder } {
  const marker = `SatchelPart${nonce}${String(index).padStart(3, '0')}`;
  const encoded = Buffer.from(part.encoding === 'base64' ? Buffer.from(marker).toString('base64') : marker, 'ascii');
  return { marker, placeholder: { part, encoded } };
}

function composerOptions(m: OutgoingMessage, placeholders: Placeholder[]) {
  const nonce = randomBytes(11).toString('hex');
  const inline = m.mode === 'rich' ? referencedCids(m.html) : new Set<string>();
  return {
    from: m.from.name ? { name: m.from.name, address: m.from.address } : m.from.address,
    to: m.to,
    cc: m.cc,
    bcc: m.bcc,
    subject: m.subject,
    messageId: m.messageId,
    date: m.date,
    ...(m.inReplyTo ? { inReplyTo: m.inReplyTo } : {}),
    ...(m.references.length ? { references: m.references.slice(-MAX_REFERENCES) } : {}),
    // A text part even for an HTML that is only an image: rich mail is always multipart/alternative.
    text: m.mode === 'rich' ? textFromHtml(m.html) || '\r\n' : m.text,
    ...(m.mode === 'rich' && m.html ? { html: wrapHtml(m.html) } : {}),
    attachments: m.attachments.map((a) => {
      const contentType = cleanContentType(a.contentType);
      const isInline = inline.has(a.id) && contentType.startsWith('image/');
      const isMessage = contentType === 'message/rfc822';
      let content: Buffer | Readable | string;
      if (isServerPart(a.content)) {
        const { marker, placeholder } = placeholderFor(a.content, placeholders.length, nonce);
        placeholders.push(placeholder);
        content = marker;
      } else content = a.content;
      const serverEncoding = isServerPart(a.content) ? { contentTransferEncoding: a.content.encoding } : {};
      return {
        filename: a.filename,
        contentType,
        content,
        contentDisposition: isInline ? ('inline' as const) : ('attachment' as const),
        // Inline: nodemailer files it under multipart/related. Otherwise the id still travels as
        // Content-ID, so a saved draft's attachment is found again by it.
        ...(isInline ? { cid: a.id } : { headers: { 'Content-ID': `<${a.id}>` } }),
        ...(isMessage ? { contentTransferEncoding: '8bit' as const } : {}),
        ...serverEncoding,
      };
    }),
    headers: Object.fromEntries(m.headers.map((h) => [h.key, { prepared: true, value: h.value }])),
    // nodemailer: without these, an attachment `path` or `href` reads files or fetches URLs (T19).
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * Builds the message once. Drafts keep their Bcc header (keepBcc) so a reopened draft still has it;
 * sent mail never shows it. The envelope is our parser's list, checked against nodemailer's reading
 * of the headers it wrote (T18).
 */
export async function buildOutgoing(m: OutgoingMessage, opts: { keepBcc: boolean }): Promise<{ raw: Buffer; recipients: string[]; placeholders: Placeholder[] }> {
  checkHeaders(m);
  const placeholders: Placeholder[] = [];
  const node = new MailComposer(composerOptions(m, placeholders)).compile();
  node.keepBcc = opts.keepBcc;
  const recipients = envelopeRecipients(m);
  const theirs = new Set(node.getEnvelope().to.map((a) => a.toLowerCase()));
  if (theirs.size !== recipients.length || recipients.some((a) => !theirs.has(a.toLowerCase()))) {
    throw new MailError('invalid_input', 'A recipient address could not be used');
  }
  return { raw: await collect(node.createReadStream(), estimateSize(m.attachments)), recipients, placeholders };
}

/** Roughly what base64 makes of the files (4/3, lines of 76 + CRLF), plus room for headers and bodies. */
export function estimateSize(attachments: Array<{ content: Buffer | Readable | ServerPart }>): number {
  const files = attachments.reduce((sum, a) => sum + (Buffer.isBuffer(a.content) ? a.content.length : 0), 0);
  return Math.ceil((files * 4 * 78) / (3 * 76)) + 256 * 1024;
}

/**
 * A stream's bytes in one buffer allocated up front from an estimate (grown if it was short): the
 * message is not held twice, as chunks and as their concatenation, which for a 20 MB file is 27 MB.
 */
export async function collect(stream: Readable, estimate: number): Promise<Buffer> {
  let out = Buffer.allocUnsafe(estimate);
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (length + chunk.length > out.length) {
      const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, length + chunk.length));
      out.copy(bigger, 0, 0, length);
      out = bigger;
    }
    chunk.copy(out, length);
    length += chunk.length;
  }
  return out.subarray(0, length);
}
