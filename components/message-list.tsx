import { organizeFormAction } from '@/app/mail/actions';
import { withBasePath } from '@/lib/base-path';
import { displayName, formatListDate } from '@/lib/format';
import { folderHref, messageHref } from '@/lib/mail/mailbox-input';
import type { Folder, MessageSummary } from '@/lib/mail/types';
import { Icon } from './icons';
import { MessageSelection } from './message-selection';
import { MessageToolbar } from './message-toolbar';

// Plain <a>, not next/link: 50 client-component references per page doubled the HTML (the RSC
// payload repeats every prop), and a prefetch must never open — and so mark seen — a message.
// The row styles live in globals.css (.msg-*) for the same reason: they would repeat 50 times.
// Likewise the checkbox is plain HTML: one client component (MessageSelection) handles every row
// by event delegation. Other features rely on `<li data-uid>` and the `name="uid"` checkbox in it.
// Element Timing (a browser's own record of when text was painted) for the first row: the moment the list
// is on screen, as bench/cold-browser.ts and any real-user monitoring read it. One attribute, not fifty.
const FIRST_ROW_TIMING = { elementtiming: 'first-message' };

function Row({ folder, message, now, showFolder, first }: { folder: string; message: Listed; now: Date; showFolder?: boolean; first?: boolean }) {
  const from = displayName(message.from[0]);
  return (
    <li data-uid={message.uid} className="msg-item">
      {!showFolder && (
        <label className="msg-check">
          <input type="checkbox" name="uid" value={message.uid} aria-label={`Select: ${message.subject || '(no subject)'}, from ${from}`} />
        </label>
      )}
      <a href={withBasePath(messageHref(message.folder ?? folder, message.uid))} className="msg-row" data-unread={!message.seen || undefined}>
        <span className="msg-from">
          {!message.seen && <span className="msg-dot" aria-label="Unread" role="img" />}
          {from}
        </span>
        <span className="msg-meta">
          {message.flagged && <Icon name="star" label="Flagged" className="size-4 fill-amber-400 text-amber-500" />}
          {message.hasAttachment && <Icon name="paperclip" label="Has attachment" />}
          <time dateTime={message.date ?? undefined}>{formatListDate(message.date, now)}</time>
        </span>
        <span className="msg-subject" {...(first ? FIRST_ROW_TIMING : {})}>
          {showFolder && message.folder && <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">{message.folder === 'INBOX' ? 'Inbox' : message.folder}</span>}
          {message.subject || '(no subject)'}
        </span>
      </a>
    </li>
  );
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
  if (showFolders) {
    return (
      <ul aria-label="Messages" className="bg-white">
        {messages.map((m, i) => (
          <Row key={`${m.folder}/${m.uid}`} folder={folder} message={m} now={now} showFolder first={i === 0} />
        ))}
      </ul>
    );
  }
  return (
    <MessageSelection folder={folder} total={total} pageSize={messages.length} returnTo={returnTo} action={organizeFormAction}>
      <MessageToolbar folder={folder} folders={folders} specialUse={specialUseOf(folders, folder)} />
      <ul aria-label="Messages" className="bg-white">
        {messages.map((m, i) => (
          <Row key={m.uid} folder={folder} message={m} now={now} first={i === 0} />
        ))}
      </ul>
    </MessageSelection>
  );
}
