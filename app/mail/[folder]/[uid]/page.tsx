import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MailShell } from '@/components/mail-shell';
import { ConversationView } from '@/components/conversation-view';
import { MessageView } from '@/components/message-view';
import { OrganizeNotice } from '@/components/organize-notice';
import { csrfToken } from '@/lib/auth/csrf';
import { getConversation } from '@/lib/mail/conversation';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { getMessageWithNeighbours } from '@/lib/mail/messages';
import { readNotice } from '@/lib/mail/organize-notice';
import { openedMessage, type MessageParams } from '@/lib/opened-message';

export const metadata: Metadata = { title: 'Message · Satchel' };

/** A message loaded by its address (a link, a reload, no JavaScript); one opened from the list shows in @reader instead (see ../layout.tsx). */
export default async function MessagePage(props: MessageParams) {
  const { session, folder, uid, href, remoteAllowed, threads } = await openedMessage(props);
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
  // Its neighbours in the list come with it (Newer/Older, j/k, the next message after archive).
  const { message, neighbours } = await loadOrFail(() => getMessageWithNeighbours(session, folder, uid, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  // Without JavaScript, archive or delete on the previous message lands here with its notice (and Undo).
  const notice = readNotice((await props.searchParams).notice);
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
      <OrganizeNotice notice={notice} folder={folder} returnTo={href} />
      <MessageView message={message} remoteAllowed={remoteAllowed} folders={folders} neighbours={neighbours} />
    </MailShell>
  );
}
