import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MailShell } from '@/components/mail-shell';
import { ConversationView } from '@/components/conversation-view';
import { MessageView } from '@/components/message-view';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { getConversation } from '@/lib/mail/conversation';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { decodeSegment, messageHref, uidSchema } from '@/lib/mail/mailbox-input';
import { getMessage } from '@/lib/mail/messages';

type Props = { params: Promise<{ folder: string; uid: string }>; searchParams: Promise<{ remote?: string; view?: string }> };

export const metadata: Metadata = { title: 'Message · Satchel' };

/** A message loaded by its address (a link, a reload, no JavaScript); one opened from the list shows in @reader instead (see ../layout.tsx). */
export default async function MessagePage({ params, searchParams }: Props) {
  const { folder: rawFolder, uid: rawUid } = await params;
  const folder = decodeSegment(rawFolder);
  const uid = uidSchema.safeParse(rawUid);
  if (!folder || !uid.success) notFound();
  const { remote, view } = await searchParams;
  const remoteAllowed = remote === '1';
  const session = await requireSession(`${messageHref(folder, uid.data)}${remoteAllowed ? '?remote=1' : view === 'threads' ? '?view=threads' : ''}`);
  // Opened from the conversation list: the whole thread as one stack.
  if (view === 'threads') {
    const stack = await loadOrFail(() => getConversation(session, folder, uid.data, { allowRemote: remoteAllowed }));
    if (stack.length === 0) notFound();
    const folders = await loadOrFail(() => listFolders(session));
    return (
      <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
        <ConversationView messages={stack} folder={folder} openedUid={uid.data} remoteAllowed={remoteAllowed} />
      </MailShell>
    );
  }
  // The message first: opening it marks it seen, so the folder counts fetched after it are current.
  const message = await loadOrFail(() => getMessage(session, folder, uid.data, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
      <MessageView message={message} remoteAllowed={remoteAllowed} folders={folders} />
    </MailShell>
  );
}
