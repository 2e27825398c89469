// Owns attachment bytes for compose: an upload streamed to a temp file under a byte limit, then
// folded into an IMAP message in Drafts (the shared, durable store every app node can read), and
// finding any AttachmentRef's bytes again: a saved draft's part, an upload, or a forwarded message.
import 'server-only';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImapFlow, MessageStructureObject } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { UserSession } from '@/lib/auth/current-session';
import type { AttachmentRef } from './compose-types';
import { decodedSize, isCopyableEncoding, partUrl, type ServerPart } from './catenate';
import { DRAFT_ID_HEADER, UPLOAD_FOR_HEADER, UPLOAD_HEADER } from './draft-headers';
import { MailError } from './errors';
import { safeFilename } from './filename';
import { withImap } from './imap-pool';
import { getMessageAttachment, getMessageSource } from './messages';
import { cleanContentType, collect, type OutgoingAttachment } from './outgoing-mime';

export class TooLarge extends Error {}

/** What the editor says its files weigh (the bytes are counted again when they are read). */
export const attachmentBytesTotal = (refs: AttachmentRef[]) => refs.reduce((sum, r) => sum + r.size, 0);

// --- Attachment ids (opaque to the client, shaped like a Content-ID: they become one) ---

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url').toString('utf8');
const MAX_FOLDER_BYTES = 300;

export const newUploadId = () => `${randomUUID()}@upload.satchel`;

/** A part of a message in the user's mailbox (forwarding keeps the original's attachments). */
export function partRefId(folder: string, uid: number, partId: string): string | null {
  return Buffer.byteLength(folder) <= MAX_FOLDER_BYTES ? `p${partId}.${uid}.${b64(folder)}@part.satchel` : null;
}

/** A whole message, attached as message/rfc822 (forward as attachment). */
export function messageRefId(folder: string, uid: number): string | null {
  return Buffer.byteLength(folder) <= MAX_FOLDER_BYTES ? `m.${uid}.${b64(folder)}@message.satchel` : null;
}

type MailboxRef = { kind: 'part'; folder: string; uid: number; partId: string } | { kind: 'message'; folder: string; uid: number };

function parseMailboxRef(id: string): MailboxRef | null {
  const part = /^p(\d{1,6})\.(\d{1,10})\.([A-Za-z0-9_-]+)@part\.satchel$/.exec(id);
  if (part) return { kind: 'part', partId: part[1]!, uid: Number(part[2]), folder: unb64(part[3]!) };
  const msg = /^m\.(\d{1,10})\.([A-Za-z0-9_-]+)@message\.satchel$/.exec(id);
  if (msg) return { kind: 'message', uid: Number(msg[1]), folder: unb64(msg[2]!) };
  return null;
}

// --- Streaming an upload in ---

/** os.tmpdir()/satchel-uploads/<hash of the account>: never the project tree, never a name from the request. */
function uploadDir(email: string): string {
  const tag = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 24);
  return path.join(os.tmpdir(), 'satchel-uploads', tag);
}

function byteLimit(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new TooLarge(`more than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
}

export type UploadInput = { draftId: string; filename: string; contentType: string; body: Readable; maxBytes: number };

/**
 * Streams the body to a temp file, aborting once it passes maxBytes (TooLarge), then appends it to
 * Drafts as a one-attachment message the next draft save folds in. The temp file lives only while
 * the bytes stream in.
 */
export async function storeUpload(session: UserSession, draftsPath: string, input: UploadInput): Promise<AttachmentRef> {
  const id = newUploadId();
  const dir = uploadDir(session.email);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, randomUUID());
  try {
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _e, cb) {
        size += chunk.length;
        cb(null, chunk);
      },
    });
    await pipeline(input.body, byteLimit(input.maxBytes), counter, createWriteStream(file, { mode: 0o600 }));
    const filename = safeFilename(input.filename);
    const contentType = cleanContentType(input.contentType);
    const node = new MailComposer({
      from: session.email,
      subject: `Attachment: ${filename}`,
      text: 'Satchel keeps an attachment here until its draft is saved.',
      attachments: [{ filename, contentType, content: createReadStream(file), headers: { 'Content-ID': `<${id}>` } }],
      headers: { [UPLOAD_HEADER]: { prepared: true, value: id }, [UPLOAD_FOR_HEADER]: { prepared: true, value: input.draftId } },
      disableFileAccess: true,
      disableUrlAccess: true,
    }).compile();
    const raw = await collect(node.createReadStream(), Math.ceil((size * 4 * 78) / (3 * 76)) + 64 * 1024);
    await withImap(session.sid, session.creds, (client) => client.append(draftsPath, raw, ['\\Draft', '\\Seen']), { retry: false, folder: draftsPath });
    return { id, filename, size, contentType, cid: id };
  } finally {
    await rm(file, { force: true });
  }
}

// --- Finding the bytes of AttachmentRefs again ---

function partsById(node: MessageStructureObject | undefined, out = new Map<string, MessageStructureObject & { part: string }>()) {
  if (!node) return out;
  const id = node.id?.trim().replace(/^<|>$/g, '');
  if (id && node.part) out.set(id, { ...node, part: node.part });
  // An attached message's own parts are its business, not ours.
  if (!/^message\/rfc822$/i.test(node.type)) for (const child of node.childNodes ?? []) partsById(child, out);
  return out;
}

function partByNumber(node: MessageStructureObject | undefined, part: string): MessageStructureObject | null {
  if (!node) return null;
  if (node.part === part) return node;
  for (const child of node.childNodes ?? []) {
    const found = partByNumber(child, part);
    if (found) return found;
  }
  return null;
}

async function download(client: ImapFlow, uid: number, part: string, maxBytes: number): Promise<Buffer> {
  // binary: the server removes the base64 (RFC 3516), measured 3-4x faster than decoding here; and
  // imapflow asks for 64 KB per round trip by default: 300+ round trips for a 20 MB file.
  const res = await client.download(String(uid), part, { uid: true, decodeText: false, binary: true, maxBytes: maxBytes + 1, chunkSize: 4 * 1024 * 1024 });
  if (!res.content) throw new MailError('not_found', 'An attachment is no longer available');
  // Filled in place from the size the server announced: the file is not held as chunks and again whole.
  const out = await collect(res.content, Math.min(res.meta.expectedSize ?? 0, maxBytes + 1));
  // maxBytes + 1 above: imapflow stops there, so one byte over means "too large".
  if (out.length > maxBytes) throw new MailError('too_large', 'The attachments are larger than the limit for one message');
  return out;
}

/** An attachment's bytes, or where they are on the server when the new message is made there (CATENATE). */
type Located = Buffer | ServerPart;
export type Resolved = { attachments: OutgoingAttachment[]; holderUids: number[] };
type Options = { byReference: boolean };

/** Every ref's bytes (or place) from Drafts (the draft's last saved version, then uploads), in one mailbox lock. */
async function fromDrafts(session: UserSession, draftsPath: string, draftId: string, refs: AttachmentRef[], budget: { left: number }, opts: Options) {
  return withImap(session.sid, session.creds, async (client) => {
    const found = new Map<string, Located>();
    const holderUids: number[] = [];
    const lock = await client.getMailboxLock(draftsPath);
    try {
      const versions = (await client.search({ header: { [DRAFT_ID_HEADER]: draftId } }, { uid: true })) || [];
      const latest = versions.length ? Math.max(...versions) : null;
      const sources: Array<{ uid: number; ids: Set<string> }> = [];
      if (latest) sources.push({ uid: latest, ids: new Set(refs.map((r) => r.id)) });
      for (const ref of refs.filter((r) => r.id.endsWith('@upload.satchel'))) {
        const uids = (await client.search({ header: { [UPLOAD_HEADER]: ref.id } }, { uid: true })) || [];
        for (const uid of uids) sources.push({ uid, ids: new Set([ref.id]) });
        holderUids.push(...uids);
      }
      const uidValidity = client.mailbox ? client.mailbox.uidValidity : null;
      for (const { uid, ids } of sources) {
        const msg = await client.fetchOne(String(uid), { uid: true, bodyStructure: true }, { uid: true });
        if (!msg) continue;
        for (const [id, node] of partsById(msg.bodyStructure)) {
          if (!ids.has(id) || found.has(id)) continue;
          const encoding = (node.encoding ?? '7bit').toLowerCase();
          if (opts.byReference && uidValidity && isCopyableEncoding(encoding)) {
            const part: ServerPart = { url: partUrl(client, draftsPath, uidValidity, uid, node.part), encoding, size: node.size ?? 0 };
            budget.left -= decodedSize(part);
            found.set(id, part);
          } else {
            const bytes = await download(client, uid, node.part, budget.left);
            budget.left -= bytes.length;
            found.set(id, bytes);
          }
        }
      }
    } finally {
      lock.release();
    }
    return { found, holderUids };
  }, { folder: draftsPath });
}

/** Where a part (or a whole message) of another folder is, for CATENATE; null when it cannot be copied as is. */
async function locateInMailbox(session: UserSession, ref: MailboxRef): Promise<ServerPart | null> {
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(ref.folder);
    try {
      const msg = await client.fetchOne(String(ref.uid), { uid: true, size: true, bodyStructure: ref.kind === 'part' }, { uid: true });
      const uidValidity = client.mailbox ? client.mailbox.uidValidity : null;
      if (!msg || !uidValidity) return null;
      // A whole message goes in as message/rfc822 with 8bit, as the byte path writes it too.
      if (ref.kind === 'message') return { url: partUrl(client, ref.folder, uidValidity, ref.uid), encoding: '8bit', size: msg.size ?? 0 };
      const node = partByNumber(msg.bodyStructure, ref.partId);
      const encoding = (node?.encoding ?? '7bit').toLowerCase();
      if (!node || !isCopyableEncoding(encoding)) return null;
      return { url: partUrl(client, ref.folder, uidValidity, ref.uid, ref.partId), encoding, size: node.size ?? 0 };
    } finally {
      lock.release();
    }
  }, { folder: ref.folder });
}

async function fromMailbox(session: UserSession, ref: MailboxRef, opts: Options): Promise<Located | null> {
  const located = opts.byReference ? await locateInMailbox(session, ref) : null;
  if (located) return located;
  if (ref.kind === 'message') return getMessageSource(session, ref.folder, ref.uid);
  const att = await getMessageAttachment(session, ref.folder, ref.uid, ref.partId);
  return att ? Buffer.from(att.content.buffer, att.content.byteOffset, att.content.byteLength) : null;
}

const sizeOf = (located: Located) => (Buffer.isBuffer(located) ? located.length : decodedSize(located));

/**
 * The bytes for each ref, in order; maxBytes bounds their sum. With byReference (the server has
 * CATENATE) a ref says where its bytes are instead, wherever they can be copied as they are. A ref
 * that cannot be found any more fails the whole save or send with a clear message rather than
 * silently dropping a file.
 */
export async function resolveAttachments(
  session: UserSession,
  draftsPath: string,
  draftId: string,
  refs: AttachmentRef[],
  maxBytes: number,
  opts: Options = { byReference: false },
): Promise<Resolved> {
  if (refs.length === 0) return { attachments: [], holderUids: [] };
  const budget = { left: maxBytes };
  const { found, holderUids } = await fromDrafts(session, draftsPath, draftId, refs, budget, opts);
  const attachments: OutgoingAttachment[] = [];
  for (const ref of refs) {
    let content = found.get(ref.id) ?? null;
    const mailboxRef = content ? null : parseMailboxRef(ref.id);
    if (mailboxRef) {
      content = await fromMailbox(session, mailboxRef, opts);
      if (content) budget.left -= sizeOf(content);
    }
    if (!content) throw new MailError('not_found', `The attachment "${safeFilename(ref.filename)}" is no longer available; remove it and try again`);
    if (budget.left < 0) throw new MailError('too_large', 'The attachments are larger than the limit for one message');
    const isMessage = mailboxRef?.kind === 'message';
    attachments.push({
      id: ref.id,
      filename: safeFilename(ref.filename, isMessage ? 'message.eml' : 'attachment'),
      contentType: isMessage ? 'message/rfc822' : ref.contentType,
      content,
    });
  }
  return { attachments, holderUids };
}
