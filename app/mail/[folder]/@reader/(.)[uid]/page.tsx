import { notFound } from 'next/navigation';
import { ConversationView } from '@/components/conversation-view';
import { MessageView } from '@/components/message-view';
import { ReaderNeighbours } from '@/components/reader-neighbours';
import { ReaderBackLink, ReadingPanePortal } from '@/components/reading-pane-portal';
import { getConversation } from '@/lib/mail/conversation';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { getMessage } from '@/lib/mail/messages';
import { openedMessage, type MessageParams } from '@/lib/opened-message';

/** A message opened from the list (client-side): only the message is rendered, into the list page's reading pane. */
export default async function ReaderPage(props: MessageParams) {
  const { session, folder, uid, href, remoteAllowed, threads } = await openedMessage(props);
  // Opened from the conversation list: the whole thread as one stack.
  if (threads) {
    const stack = await loadOrFail(() => getConversation(session, folder, uid, { allowRemote: remoteAllowed }));
    if (stack.length === 0) notFound();
    return (
      <ReadingPanePortal href={href}>
        <ConversationView messages={stack} folder={folder} openedUid={uid} remoteAllowed={remoteAllowed} back={<ReaderBackLink folder={folder} />} />
      </ReadingPanePortal>
    );
  }
  // As on the message page: the message first (opening marks it seen), then the folders its Move to… offers.
  const message = await loadOrFail(() => getMessage(session, folder, uid, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  return (
    <ReadingPanePortal href={href}>
      <MessageView message={message} remoteAllowed={remoteAllowed} folders={folders} back={<ReaderBackLink folder={folder} />} steps={<ReaderNeighbours href={href} folder={folder} />} />
    </ReadingPanePortal>
  );
}
