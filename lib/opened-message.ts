// Owns what both message pages (the full page and the reading pane) read from their URL, and their
// session check: the message's folder and UID, the remote-content and conversation switches.
import 'server-only';
import { notFound } from 'next/navigation';
import { requireSession, type UserSession } from '@/lib/auth/current-session';
import { decodeSegment, messageHref, uidSchema } from '@/lib/mail/mailbox-input';

export type MessageParams = { params: Promise<{ folder: string; uid: string }>; searchParams: Promise<{ remote?: string; view?: string; notice?: string }> };
export type OpenedMessage = { session: UserSession; folder: string; uid: number; href: string; remoteAllowed: boolean; threads: boolean };

export async function openedMessage({ params, searchParams }: MessageParams): Promise<OpenedMessage> {
  const { folder: rawFolder, uid: rawUid } = await params;
  const folder = decodeSegment(rawFolder);
  const uid = uidSchema.safeParse(rawUid);
  if (!folder || !uid.success) notFound();
  const { remote, view } = await searchParams;
  const remoteAllowed = remote === '1';
  const threads = view === 'threads';
  const href = messageHref(folder, uid.data);
  // After signing in again the reader comes back to the same message in the same view.
  const session = await requireSession(`${href}${remoteAllowed ? '?remote=1' : threads ? '?view=threads' : ''}`);
  return { session, folder, uid: uid.data, href, remoteAllowed, threads };
}
