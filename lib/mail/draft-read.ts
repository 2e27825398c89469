// Owns reading a message in Drafts back into the editor: Satchel's own record of what was typed when
// present, else what another mail app's draft headers and parts say.
import 'server-only';
import { randomUUID } from 'node:crypto';
import PostalMime, { type Address as PostalAddress, type Email } from 'postal-mime';
import { z } from 'zod';
import type { UserSession } from '@/lib/auth/current-session';
import { formatAddress } from './compose-input';
import type { ComposeDraft } from './compose-types';
import { attachmentRefSchema, DRAFT_ID } from './draft-input';
import { DRAFT_ID_HEADER, DRAFT_META_HEADER, headerValue } from './draft-headers';
import { MailError } from './errors';
import { safeFilename } from './filename';
import { getMessageSource } from './messages';
import { cleanContentType, isMessageId, outgoingHtml } from './outgoing-mime';
import { partRefId } from './uploads';

// Read defensively: the header may come from an older Satchel or be edited by another client.
const metaSchema = z.object({
  from: z.string().max(254).catch(''),
  to: z.string().max(20_000).catch(''),
  cc: z.string().max(20_000).catch(''),
  bcc: z.string().max(20_000).catch(''),
  subject: z.string().max(998).catch(''),
  mode: z.enum(['rich', 'plain']).catch('rich'),
  inReplyTo: z.string().refine(isMessageId).nullable().catch(null),
  references: z.array(z.string().refine(isMessageId)).max(100).catch([]),
  source: z
    .object({ kind: z.enum(['reply', 'reply-all', 'forward', 'forward-attachment']), folder: z.string().min(1).max(1000), uid: z.number().int().positive() })
    .nullable()
    .catch(null),
  attachments: z.array(attachmentRefSchema).max(100).catch([]),
});

function readMeta(raw: Buffer): z.infer<typeof metaSchema> | null {
  const value = headerValue(raw, DRAFT_META_HEADER);
  if (!value) return null;
  try {
    return metaSchema.parse(JSON.parse(Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('utf8')));
  } catch {
    return null;
  }
}

const list = (a: PostalAddress[] | undefined) =>
  (a ?? []).flatMap((e) => (e.group ? e.group : [e])).filter((e) => e.address).map((e) => formatAddress({ name: e.name ?? '', address: e.address! })).join(', ');

const messageIds = (value: string | undefined) => (value ?? '').match(/<[^<>\s]+>/g)?.filter(isMessageId) ?? [];

/**
 * Satchel's record of a draft from its header alone, bodies left empty: what a pending send needs to
 * re-check From and recipients without parsing a message that may carry 20 MB of attachments.
 */
export function draftRecord(raw: Buffer): ComposeDraft | null {
  const meta = readMeta(raw);
  const draftId = headerValue(raw, DRAFT_ID_HEADER);
  if (!meta || !draftId || !DRAFT_ID.test(draftId)) return null;
  return { draftId, ...meta, html: '', text: '' };
}

/** Pure: a draft message's bytes to the editor's state (folder/uid name the parts of a foreign draft). */
export async function draftFromRaw(raw: Buffer, folder: string, uid: number): Promise<ComposeDraft> {
  const email: Email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer', maxNestingDepth: 32 });
  const meta = readMeta(raw);
  const storedId = headerValue(raw, DRAFT_ID_HEADER);
  const attachments =
    meta?.attachments ??
    email.attachments.flatMap((a, index) => {
      const id = partRefId(folder, uid, String(index));
      const size = typeof a.content === 'string' ? a.content.length : a.content.byteLength;
      return id ? [{ id, filename: safeFilename(a.filename ?? undefined), size, contentType: cleanContentType(a.mimeType) }] : [];
    });
  const cids = new Set(attachments.map((a) => a.id));
  const html = email.html ? outgoingHtml(email.html, cids) : '';
  const mode = meta?.mode ?? (html ? 'rich' : 'plain');
  return {
    draftId: storedId && DRAFT_ID.test(storedId) ? storedId : randomUUID(),
    from: meta?.from ?? email.from?.address ?? '',
    to: meta?.to ?? list(email.to),
    cc: meta?.cc ?? list(email.cc),
    bcc: meta?.bcc ?? list(email.bcc),
    subject: meta?.subject ?? email.subject ?? '',
    mode,
    html: mode === 'rich' ? html : '',
    text: email.text ?? '',
    attachments,
    inReplyTo: meta ? meta.inReplyTo : (messageIds(email.inReplyTo)[0] ?? null),
    references: meta ? meta.references : messageIds(email.references),
    source: meta?.source ?? null,
  };
}

/** /compose?draft=<folder>/<uid>: the draft as the editor left it. */
export async function readDraft(session: UserSession, folder: string, uid: number): Promise<ComposeDraft> {
  const raw = await getMessageSource(session, folder, uid);
  if (!raw) throw new MailError('not_found', 'That draft no longer exists');
  return draftFromRaw(raw, folder, uid);
}
