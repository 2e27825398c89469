// Owns validation of a ComposeDraft arriving from the editor: a strict shape (nothing but these fields
// reaches the MIME builder, T16, T19) that still accepts half-typed addresses, since a draft must save.
import { z } from 'zod';
import { MAX_BODY_CHARS } from './body-limit';
import { hasHeaderControls } from './compose-input';
import type { ComposeDraft } from './compose-types';
import { folderSchema, uidSchema } from './mailbox-input';

export const DRAFT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// What the server hands out as an attachment id (uploads.ts, reply.ts): msg-id characters only.
export const ATTACHMENT_ID = /^[A-Za-z0-9._-]{1,500}@[A-Za-z0-9.-]{1,60}$/;
const noNul = (s: string) => !s.includes('\u0000');

const typed = (label: string) =>
  z.string().max(20_000).refine((s) => !hasHeaderControls(s), `${label}: line breaks and control characters are not allowed`);

export const attachmentRefSchema = z.strictObject({
  id: z.string().regex(ATTACHMENT_ID, 'Attachments: unknown attachment'),
  filename: z.string().max(1000),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  contentType: z.string().max(255),
  cid: z.string().max(600).optional(),
});

export const draftSchema = z.strictObject({
  draftId: z.string().regex(DRAFT_ID, 'The compose form is out of date; reload the page'),
  from: z.string().max(254),
  to: typed('To'),
  cc: typed('Cc'),
  bcc: typed('Bcc'),
  subject: z.string().max(998).refine((s) => !hasHeaderControls(s), 'Subject: line breaks and control characters are not allowed'),
  mode: z.enum(['rich', 'plain']),
  html: z.string().max(MAX_BODY_CHARS).refine(noNul, 'Message: contains a NUL character'),
  text: z.string().max(MAX_BODY_CHARS).refine(noNul, 'Message: contains a NUL character'),
  attachments: z.array(attachmentRefSchema).max(100, 'Attachments: at most 100 files'),
  inReplyTo: z.string().max(998).nullable(),
  references: z.array(z.string().max(998)).max(100),
  source: z
    .strictObject({ kind: z.enum(['reply', 'reply-all', 'forward', 'forward-attachment']), folder: folderSchema, uid: uidSchema })
    .nullable(),
}) satisfies z.ZodType<ComposeDraft, unknown>;

/** The first problem in words (for the editor), or the parsed draft. */
export function parseDraft(input: unknown): { ok: true; draft: ComposeDraft } | { ok: false; message: string } {
  const parsed = draftSchema.safeParse(input);
  if (parsed.success) return { ok: true, draft: parsed.data };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'The message could not be read' };
}
