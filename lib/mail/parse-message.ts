// Owns turning raw RFC 822 bytes into a display-ready MessageView and finding one attachment again.
import 'server-only';
import PostalMime, { type Address as PostalAddress, type Attachment, type Email } from 'postal-mime';
import { safeFilename } from './filename';
import { sanitizeHtml } from './sanitize-html';
import type { Address, AttachmentSummary, MessageView } from './types';

export type MessageMeta = { uid: number; folder: string; seen: boolean; flagged: boolean };
export type ParseOptions = { allowRemote: boolean; cidUrl: (partId: string) => string };
export type AttachmentContent = { filename: string; contentType: string; content: Uint8Array };

export const RENDER_ERROR = 'This message could not be displayed';

// Caps against hostile structure (THREATS T21). Real mail nests a handful of levels; postal-mime
// rejects the whole parse past these, which we turn into RENDER_ERROR rather than a 500.
const PARSER_LIMITS = {
  maxNestingDepth: 32,
  maxHeadersSize: 512 * 1024,
  maxRfc822NestingDepth: 3, // forwarded-as-attachment chains deeper than this stay attachments
} as const;
const PARSE_TIMEOUT_MS = 5_000;
// jsdom + DOMPurify take roughly a second per few MB; larger bodies fall back to text.
const MAX_HTML_CHARS = 2 * 1024 * 1024;
const MAX_LISTED_ATTACHMENTS = 500;

class ParseTimeout extends Error {}

/**
 * postal-mime awaits between parts, so this timer fires on multipart bombs; a single huge part is
 * bounded by the DAL's byte cap instead. The parse itself cannot be aborted and finishes unobserved.
 */
async function parseRaw(raw: Buffer | Uint8Array): Promise<Email> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ParseTimeout('parse time cap')), PARSE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([PostalMime.parse(raw, { ...PARSER_LIMITS, attachmentEncoding: 'arraybuffer' }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function toAddresses(list: PostalAddress | PostalAddress[] | undefined): Address[] {
  const entries = list === undefined ? [] : Array.isArray(list) ? list : [list];
  // Groups ("Team: a@x, b@y;") are flattened: the reader cares about the people, not the label.
  return entries.flatMap((entry) =>
    entry.group
      ? entry.group.map((m) => ({ name: m.name ?? '', address: m.address ?? '' }))
      : [{ name: entry.name ?? '', address: entry.address ?? '' }],
  );
}

function toIsoDate(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

// A MIME type is echoed into a download header later; anything odd becomes octet-stream.
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const cleanContentType = (value: string) =>
  MIME_TYPE.test(value.toLowerCase()) ? value.toLowerCase() : 'application/octet-stream';
const stripAngles = (cid: string) => cid.trim().replace(/^<|>$/g, '');

function byteLength(content: Attachment['content']): number {
  return typeof content === 'string' ? content.length : content.byteLength;
}

function toAttachmentSummary(attachment: Attachment, index: number): AttachmentSummary {
  const summary: AttachmentSummary = {
    partId: String(index),
    filename: safeFilename(attachment.filename),
    contentType: cleanContentType(attachment.mimeType),
    size: byteLength(attachment.content),
    inline: attachment.disposition === 'inline' || attachment.related === true,
  };
  if (attachment.contentId) summary.contentId = stripAngles(attachment.contentId);
  return summary;
}

function cidResolver(attachments: AttachmentSummary[], cidUrl: ParseOptions['cidUrl']) {
  const byCid = new Map<string, string>();
  for (const a of attachments) {
    if (a.contentId && !byCid.has(a.contentId)) byCid.set(a.contentId, a.partId);
  }
  return (cid: string): string | null => {
    const partId = byCid.get(cid);
    return partId === undefined ? null : cidUrl(partId);
  };
}

function emptyView(meta: MessageMeta): MessageView {
  return {
    ...meta,
    subject: '',
    from: [],
    to: [],
    cc: [],
    replyTo: [],
    date: null,
    messageId: null,
    text: null,
    html: null,
    hasRemoteContent: false,
    attachments: [],
  };
}

function toView(email: Email, meta: MessageMeta, opts: ParseOptions): MessageView {
  const attachments = email.attachments.slice(0, MAX_LISTED_ATTACHMENTS).map(toAttachmentSummary);
  const view: MessageView = {
    ...emptyView(meta),
    subject: email.subject ?? '',
    from: toAddresses(email.from),
    to: toAddresses(email.to),
    cc: toAddresses(email.cc),
    replyTo: toAddresses(email.replyTo),
    date: toIsoDate(email.date),
    messageId: email.messageId ?? null,
    text: email.text ?? null,
    attachments,
  };
  if (email.html && email.html.length <= MAX_HTML_CHARS) {
    const clean = sanitizeHtml(email.html, {
      allowRemote: opts.allowRemote,
      resolveCid: cidResolver(attachments, opts.cidUrl),
    });
    view.html = clean.html;
    view.hasRemoteContent = clean.hasRemoteContent;
  } else if (email.html && view.text === null) {
    view.renderError = RENDER_ERROR; // too large to sanitize in time, and no text alternative
  }
  return view;
}

/** Never throws: a message we cannot parse or sanitize within the caps gets `renderError`. */
export async function parseMessage(raw: Buffer | Uint8Array, meta: MessageMeta, opts: ParseOptions): Promise<MessageView> {
  try {
    return toView(await parseRaw(raw), meta, opts);
  } catch (error) {
    // Log the reason for the admin, never the content; the reader sees a fixed sentence.
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`parseMessage: uid ${meta.uid} in ${JSON.stringify(meta.folder)} not rendered: ${reason}`);
    return { ...emptyView(meta), renderError: RENDER_ERROR };
  }
}

/** The decoded bytes of one attachment by its partId (the index parseMessage reported), or null. */
export async function getAttachment(raw: Buffer | Uint8Array, partId: string): Promise<AttachmentContent | null> {
  if (!/^(0|[1-9]\d{0,5})$/.test(partId)) return null;
  let email: Email;
  try {
    email = await parseRaw(raw);
  } catch {
    return null;
  }
  const attachment = email.attachments[Number(partId)];
  if (!attachment || typeof attachment.content === 'string') return null;
  return {
    filename: safeFilename(attachment.filename),
    contentType: cleanContentType(attachment.mimeType),
    content: new Uint8Array(attachment.content),
  };
}
