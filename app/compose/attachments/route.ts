// POST: one file for the message being written, body = the raw bytes, streamed to disk under the
// size limit (413 as soon as it is passed), then kept in the user's Drafts. GET ?draftId&id: one
// attachment of a draft back (an inline image shown in the editor, or a download).
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { currentSession } from '@/lib/auth/current-session';
import { downloadResponse } from '@/lib/download-response';
import { ATTACHMENT_ID, DRAFT_ID } from '@/lib/mail/draft-input';
import { draftsFolder } from '@/lib/mail/drafts';
import { MailError, logMailError } from '@/lib/mail/errors';
import { rasterImageType } from '@/lib/mail/image-type';
import { composeLimits } from '@/lib/mail/smtp-size';
import { TooLarge, resolveAttachments, storeUpload } from '@/lib/mail/uploads';
import { checkRequest, requestFacts } from '@/lib/request-guard';

export const dynamic = 'force-dynamic';

const error = (status: number, message: string) => Response.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
const megabytes = (bytes: number) => `${Math.floor(bytes / 1_000_000)} MB`;

function decodedName(value: string | null): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}

export async function POST(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return error(401, 'You were signed out. Sign in again to add attachments');
  // A route handler is a public endpoint: it checks the origin itself (THREATS T10, T23).
  if (!checkRequest(requestFacts('POST', request.headers)).ok) return error(403, 'This request did not come from Satchel');
  const draftId = request.headers.get('x-draft-id') ?? '';
  if (!DRAFT_ID.test(draftId) || !request.body) return error(400, 'The upload could not be read; reload the page');
  const { maxBytes } = await composeLimits(session.email);
  const tooLarge = `This file is larger than ${megabytes(maxBytes)}, the limit for one message`;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) return error(413, tooLarge);
  try {
    const ref = await storeUpload(session, await draftsFolder(session), {
      draftId,
      filename: decodedName(request.headers.get('x-filename')),
      contentType: request.headers.get('content-type') ?? 'application/octet-stream',
      body: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
      maxBytes,
    });
    return Response.json(ref, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    if (err instanceof TooLarge) return error(413, tooLarge);
    if (err instanceof MailError && err.code === 'auth_failed') return error(401, 'You were signed out. Sign in again to add attachments');
    logMailError('upload', err);
    return error(502, err instanceof MailError ? err.userMessage : 'The upload failed; try again');
  }
}

export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return new Response('Sign in required', { status: 401 });
  const url = new URL(request.url);
  const draftId = url.searchParams.get('draftId') ?? '';
  const id = url.searchParams.get('id') ?? '';
  if (!DRAFT_ID.test(draftId) || !ATTACHMENT_ID.test(id)) return new Response('Not found', { status: 404 });
  try {
    const ref = { id, filename: 'attachment', size: 0, contentType: 'application/octet-stream' };
    const { maxBytes } = await composeLimits(session.email);
    const { attachments } = await resolveAttachments(session, await draftsFolder(session), draftId, [ref], maxBytes);
    const bytes = attachments[0]!.content as Buffer;
    const image = rasterImageType(bytes);
    // Raster images (checked by their bytes) may be shown inline in the editor; anything else downloads.
    if (image) return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': image, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store', 'Content-Security-Policy': "sandbox; default-src 'none'" } });
    return downloadResponse(bytes, 'attachment');
  } catch (err) {
    if (err instanceof MailError && (err.code === 'not_found' || err.code === 'too_large')) return new Response('Not found', { status: 404 });
    logMailError('draft attachment', err);
    return new Response('Mail server unreachable', { status: 502 });
  }
}
