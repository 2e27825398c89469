import { organizeFormAction } from '@/app/mail/actions';
import { displayName, formatListDate } from '@/lib/format';
import { folderHref, messageHref } from '@/lib/mail/mailbox-input';
import type { Folder, MessageSummary } from '@/lib/mail/types';
import { MessageRows, type RowData } from './message-rows';
import { MessageSelection } from './message-selection';
import { MessageToolbar } from './message-toolbar';

/** What a row shows, formatted here on the server; fields that are not set stay out of the page's payload. */
function rowData(folder: string, message: Listed, now: Date, showFolder: boolean): RowData {
  const row: RowData = {
    uid: message.uid,
    href: messageHref(message.folder ?? folder, message.uid),
    from: displayName(message.from[0]),
    subject: message.subject || '(no subject)',
    when: formatListDate(message.date, now),
  };
  if (message.date) row.date = message.date;
  if (!message.seen) row.unread = true;
  if (message.flagged) row.flagged = true;
  if (message.hasAttachment) row.attachment = true;
  if (showFolder && message.folder) row.folder = message.folder === 'INBOX' ? 'Inbox' : message.folder;
  return row;
}

/** Search results carry the folder each message is in. */
type Listed = MessageSummary & { folder?: string };

type Props = {
  folder: string;
  messages: Listed[];
  /** Search across folders: each row names its folder; no selection (the toolbar acts on one folder). */
  showFolders?: boolean;
  /** Messages in the whole folder, for "Select all N in this folder". */
  total?: number;
  /** Destinations for Move to… / Copy to…, and this folder's special use (Trash, Junk…). */
  folders?: Folder[];
  /** Where the no-JavaScript form comes back to (keeps page, sort, search). */
  returnTo?: string;
};

function specialUseOf(folders: Folder[], path: string): Folder['specialUse'] {
  return folders.find((f) => f.path === path)?.specialUse ?? null;
}

export function MessageList({ folder, messages, total = messages.length, folders = [], returnTo = folderHref(folder), showFolders = false }: Props) {
  if (messages.length === 0) return <p className="px-4 py-16 text-center text-slate-500">This folder is empty.</p>;
  const now = new Date();
  const rows = messages.map((m) => rowData(folder, m, now, showFolders));
  if (showFolders) return <MessageRows rows={rows} selectable={false} />;
  return (
    <MessageSelection folder={folder} total={total} pageSize={messages.length} returnTo={returnTo} action={organizeFormAction}>
      <MessageToolbar folder={folder} folders={folders} specialUse={specialUseOf(folders, folder)} />
      <MessageRows rows={rows} selectable />
    </MessageSelection>
  );
}
