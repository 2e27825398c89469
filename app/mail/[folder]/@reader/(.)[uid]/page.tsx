import { notFound } from 'next/navigation';
import { ConversationView } from '@/components/conversation-view';
import { MessageView } from '@/components/message-view';
import { ReaderBackLink, ReadingPanePortal } from '@/components/reading-pane-portal';
import { requireSession } from '@/lib/auth/current-session';
import { getConversation } from '@/lib/mail/conversation';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { decodeSegment, messageHref, uidSchema } from '@/lib/mail/mailbox-input';
import { getMessage } from '@/lib/mail/messages';

type Props = { params: Promise<{ folder: string; uid: string }>; searchParams: Promise<{ remote?: string; view?: string }> };

/** A message opened from the list (client-side): only the message is rendered, into the list page's reading pane. */
export default async function ReaderPage({ params, searchParams }: Props) {
  const { folder: rawFolder, uid: rawUid } = await params;
  const folder = decodeSegment(rawFolder);
  const uid = uidSchema.safeParse(rawUid);
  if (!folder || !uid.success) notFound();
  const { remote, view } = await searchParams;
  const remoteAllowed = remote === '1';
  const href = messageHref(folder, uid.data);
  const session = await requireSession(`${href}${remoteAllowed ? '?remote=1' : view === 'threads' ? '?view=threads' : ''}`);
  // Opened from the conversation list: the whole thread as one stack.
  if (view === 'threads') {
    const stack = await loadOrFail(() => getConversation(session, folder, uid.data, { allowRemote: remoteAllowed }));
    if (stack.length === 0) notFound();
    return (
      <ReadingPanePortal href={href}>
        <ConversationView messages={stack} folder={folder} openedUid={uid.data} remoteAllowed={remoteAllowed} back={<ReaderBackLink folder={folder} />} />
      </ReadingPanePortal>
    );
  }
  // As on the message page: the message first (opening marks it seen), then the folders its Move to… offers.
  const message = await loadOrFail(() => getMessage(session, folder, uid.data, { allowRemote: remoteAllowed }));
  const folders = await loadOrFail(() => listFolders(session));
  return (
    <ReadingPanePortal href={href}>
      <MessageView message={message} remoteAllowed={remoteAllowed} folders={folders} back={<ReaderBackLink folder={folder} />} />
    </ReadingPanePortal>
  );
}
