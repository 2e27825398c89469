import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MailShell } from '@/components/mail-shell';
import { MessageView } from '@/components/message-view';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { decodeSegment, messageHref, uidSchema } from '@/lib/mail/mailbox-input';
import { getMessage } from '@/lib/mail/messages';

type Props = { params: Promise<{ folder: string; uid: string }>; searchParams: Promise<{ remote?: string }> };

export const metadata: Metadata = { title: 'Message · Satchel' };

export default async function MessagePage({ params, searchParams }: Props) {
  const { folder: rawFolder, uid: rawUid } = await params;
  const folder = decodeSegment(rawFolder);
  const uid = uidSchema.safeParse(rawUid);
  if (!folder || !uid.success) notFound();
  const remoteAllowed = (await searchParams).remote === '1';
  const session = await requireSession(`${messageHref(folder, uid.data)}${remoteAllowed ? '?remote=1' : ''}`);
  // The message first: opening it marks it seen, so the folder counts fetched after it are current.
  const message = await loadOrFail(() => getMessage(session, folder, uid.data, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
      <MessageView message={message} remoteAllowed={remoteAllowed} />
    </MailShell>
  );
}
