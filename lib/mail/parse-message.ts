// Owns turning raw RFC 822 bytes into a display-ready MessageView and finding one attachment again.
import 'server-only';
import PostalMime, { type Address as PostalAddress, type Attachment, type Email } from 'postal-mime';
import { repairC1 } from './cp1252';
import { safeFilename } from './filename';
import { withinHtmlBudget } from './html-budget';
import { rasterImageType } from './image-type';
import { sanitizeHtml } from './sanitize-html';
import type { Address, AttachmentSummary, MessageView } from './types';

export type MessageMeta = { uid: number; folder: string; seen: boolean; flagged: boolean };
export type ParseOptions = { allowRemote: boolean };
export type AttachmentContent = { filename: string; contentType: string; content: Uint8Array };

export const RENDER_ERROR = 'This message could not be displayed';

// Caps against hostile structure (THREATS T21). Real mail nests a handful of levels; postal-mime
// rejects the whole parse past these, which we turn into RENDER_ERROR rather than a 500.
const PARSER_LIMITS = {
  maxNestingDepth: 32,
  maxHeadersSize: 512 * 1024,
  maxRfc822NestingDepth: 3, // forwarded-as-attachment chains deeper than this stay attachments
} as const;
const PARSE_TIME_CAP_MS = 5_000;
const MAX_BOUNDARY_LINES = 5_000; // postal-mime spends ~50 µs per part; this bounds a part bomb
// jsdom + DOMPurify cost ~0.1 ms per element and more per level of depth: bodies are bounded by
// size here and by an estimate of the tree they build in html-budget.ts.
const MAX_HTML_CHARS = 1024 * 1024;
const MAX_LISTED_ATTACHMENTS = 500;
const YIELD_EVERY_LINES = 2_000;

class ParseCapExceeded extends Error {}

type LineProcessor = { processLine(line: Uint8Array, isFinal: boolean): Promise<void> };
const baseProcessLine = (PostalMime.prototype as unknown as Partial<LineProcessor>).processLine;

/**
 * postal-mime never yields to the event loop (measured: zero timer ticks while parsing 20,000
 * parts), so a Promise.race timeout could not fire. Its internal per-line hook is wrapped instead:
 * every few thousand lines we yield and check the deadline. tests/unit/parse-message.test.ts
 * fails if an upgrade renames the hook.
 */
class CappedPostalMime extends PostalMime {
  private lines = 0;

  constructor(private readonly deadline: number) {
    super({ ...PARSER_LIMITS, attachmentEncoding: 'arraybuffer' });
  }

  async processLine(line: Uint8Array, isFinal: boolean): Promise<void> {
    if (++this.lines % YIELD_EVERY_LINES === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      if (performance.now() > this.deadline) throw new ParseCapExceeded('parse time cap');
    }
    return baseProcessLine?.call(this, line, isFinal);
  }
}

/** Lines starting with "--" bound the number of MIME parts; counted on bytes before parsing. */
function countBoundaryLines(raw: Uint8Array): number {
  let count = raw[0] === 0x2d && raw[1] === 0x2d ? 1 : 0;
  for (let i = raw.indexOf(0x0a); i !== -1 && i < raw.length - 2; i = raw.indexOf(0x0a, i + 1)) {
    if (raw[i + 1] === 0x2d && raw[i + 2] === 0x2d) count++;
  }
  return count;
}

async function parseRaw(raw: Buffer | Uint8Array): Promise<Email> {
  if (countBoundaryLines(raw) > MAX_BOUNDARY_LINES) throw new ParseCapExceeded('too many MIME parts');
  return new CappedPostalMime(performance.now() + PARSE_TIME_CAP_MS).parse(raw);
}

function toAddresses(list: PostalAddress | PostalAddress[] | undefined): Address[] {
  const entries = list === undefined ? [] : Array.isArray(list) ? list : [list];
  // Groups ("Team: a@x, b@y;") are flattened: the reader cares about the people, not the label.
  return entries.flatMap((entry) =>
    entry.group
      ? entry.group.map((m) => ({ name: repairC1(m.name ?? ''), address: m.address ?? '' }))
      : [{ name: repairC1(entry.name ?? ''), address: entry.address ?? '' }],
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
    filename: safeFilename(repairC1(attachment.filename ?? undefined)),
    contentType: cleanContentType(attachment.mimeType),
    size: byteLength(attachment.content),
    inline: attachment.disposition === 'inline' || attachment.related === true,
  };
  if (attachment.contentId) summary.contentId = stripAngles(attachment.contentId);
  return summary;
}

// Inline images travel inside the frame as data: URLs: the sandboxed frame's own requests carry no
// session cookie (they are cross-site), and the frame then needs no access to our origin at all.
const MAX_INLINE_IMAGE_BYTES = 2 * 1024 * 1024;

function cidResolver(email: Email, attachments: AttachmentSummary[]) {
  const byCid = new Map<string, string>();
  attachments.forEach((summary, index) => {
    const content = email.attachments[index]?.content;
    if (!summary.contentId || byCid.has(summary.contentId) || !content || typeof content === 'string') return;
    const bytes = new Uint8Array(content);
    const type = bytes.byteLength <= MAX_INLINE_IMAGE_BYTES ? rasterImageType(bytes) : null;
    if (type) byCid.set(summary.contentId, `data:${type};base64,${Buffer.from(bytes).toString('base64')}`);
  });
  return (cid: string): string | null => byCid.get(cid) ?? null;
}

/** A view with headers and bodies empty, for a message that is not (or cannot be) displayed. */
export function emptyView(meta: MessageMeta): MessageView {
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
    subject: repairC1(email.subject ?? ''),
    from: toAddresses(email.from),
    to: toAddresses(email.to),
    cc: toAddresses(email.cc),
    replyTo: toAddresses(email.replyTo),
    date: toIsoDate(email.date),
    messageId: email.messageId ?? null,
    text: email.text === undefined ? null : repairC1(email.text),
    attachments,
  };
  const html = repairC1(email.html);
  if (html && html.length <= MAX_HTML_CHARS && withinHtmlBudget(html)) {
    const clean = sanitizeHtml(html, {
      allowRemote: opts.allowRemote,
      resolveCid: cidResolver(email, attachments),
    });
    view.html = clean.html;
    view.hasRemoteContent = clean.hasRemoteContent;
  } else if (html && view.text === null) {
    view.renderError = RENDER_ERROR; // too big to sanitize in time, and no text alternative
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
    filename: safeFilename(repairC1(attachment.filename ?? undefined)),
    contentType: cleanContentType(attachment.mimeType),
    content: new Uint8Array(attachment.content),
  };
}
