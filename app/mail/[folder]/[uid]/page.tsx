import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MailShell } from '@/components/mail-shell';
import { ConversationView } from '@/components/conversation-view';
import { MessageView } from '@/components/message-view';
import { csrfToken } from '@/lib/auth/csrf';
import { getConversation } from '@/lib/mail/conversation';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { getMessage } from '@/lib/mail/messages';
import { openedMessage, type MessageParams } from '@/lib/opened-message';

export const metadata: Metadata = { title: 'Message · Satchel' };

/** A message loaded by its address (a link, a reload, no JavaScript); one opened from the list shows in @reader instead (see ../layout.tsx). */
export default async function MessagePage(props: MessageParams) {
  const { session, folder, uid, remoteAllowed, threads } = await openedMessage(props);
  // Opened from the conversation list: the whole thread as one stack.
  if (threads) {
    const stack = await loadOrFail(() => getConversation(session, folder, uid, { allowRemote: remoteAllowed }));
    if (stack.length === 0) notFound();
    const folders = await loadOrFail(() => listFolders(session));
    return (
      <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
        <ConversationView messages={stack} folder={folder} openedUid={uid} remoteAllowed={remoteAllowed} />
      </MailShell>
    );
  }
  // The message first: opening it marks it seen, so the folder counts fetched after it are current.
  const message = await loadOrFail(() => getMessage(session, folder, uid, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
      <MessageView message={message} remoteAllowed={remoteAllowed} folders={folders} />
    </MailShell>
  );
}
