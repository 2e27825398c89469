// Owns the session check for route handlers: a signed-out request gets 401, not a redirect.
import 'server-only';
import { currentSession, type UserSession } from '@/lib/auth/current-session';
import { endRejectedSession } from '@/lib/auth/sessions';
import { MailError, logMailError } from '@/lib/mail/errors';
import { decodeSegment, folderSchema, uidSchema } from '@/lib/mail/mailbox-input';

export type MessageRef = { session: UserSession; folder: string; uid: number };

export async function messageRouteContext(params: { folder: string; uid: string }): Promise<MessageRef | Response> {
  const session = await currentSession();
  if (!session) return new Response('Sign in required', { status: 401 });
  const folder = folderSchema.safeParse(decodeSegment(params.folder));
  const uid = uidSchema.safeParse(params.uid);
  if (!folder.success || !uid.success) return new Response('Not found', { status: 404 });
  return { session, folder: folder.data, uid: uid.data };
}

/** What a download route answers when the mail layer fails; a rejected stored password ends the session. */
export async function mailRouteError(session: UserSession, err: unknown): Promise<Response> {
  if (err instanceof MailError && err.code === 'not_found') return new Response('Not found', { status: 404 });
  if (err instanceof MailError && err.code === 'auth_failed') {
    await endRejectedSession(session.sid, session.email);
    return new Response('Your password was changed. Please sign in again.', { status: 401 });
  }
  logMailError('download', err);
  return new Response('Mail server unreachable', { status: 502 });
}
