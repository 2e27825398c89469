// Owns the session check for route handlers: a signed-out request gets 401, not a redirect.
import 'server-only';
import { currentSession, type UserSession } from '@/lib/auth/current-session';
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
