import { withBasePath } from '@/lib/base-path';
import { formatListDate } from '@/lib/format';
import { messageHref } from '@/lib/mail/mailbox-input';
import type { ThreadPage, ThreadSummary } from '@/lib/mail/types';
import { Icon } from './icons';

/** Opening a conversation keeps the conversation view, so the reading pane shows the whole stack. */
export const conversationHref = (folder: string, uid: number) => `${messageHref(folder, uid)}?view=threads`;

function ThreadRow({ folder, thread, now }: { folder: string; thread: ThreadSummary; now: Date }) {
  const count = thread.uids.length;
  return (
    <li className="msg-item">
      <a href={withBasePath(conversationHref(folder, thread.newest.uid))} className="msg-row" data-unread={thread.unread > 0 || undefined}>
        <span className="msg-from">
          {thread.unread > 0 && <span className="msg-dot" aria-label="Unread" role="img" />}
          {thread.participants.join(', ')}
          {count > 1 && <span className="ml-1.5 text-xs font-normal text-slate-500" aria-label={`${count} messages`}>{count}</span>}
        </span>
        <span className="msg-meta">
          {thread.flagged && <Icon name="star" label="Flagged" className="size-4 fill-amber-400 text-amber-500" />}
          {thread.hasAttachment && <Icon name="paperclip" label="Has attachment" />}
          <time dateTime={thread.newest.date ?? undefined}>{formatListDate(thread.newest.date, now)}</time>
        </span>
        <span className="msg-subject">{thread.subject || '(no subject)'}</span>
      </a>
    </li>
  );
}

export function ConversationList({ folder, page }: { folder: string; page: ThreadPage }) {
  if (page.threads.length === 0) return <p className="px-4 py-16 text-center text-slate-500">This folder is empty.</p>;
  const now = new Date();
  return (
    <>
      {page.window && (
        <p role="note" className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600">
          Conversations are grouped from the newest {page.window.toLocaleString('en-GB')} messages; switch to Messages for older mail.
        </p>
      )}
      <ul aria-label="Conversations" className="bg-white">
        {page.threads.map((t) => (
          <ThreadRow key={t.newest.uid} folder={folder} thread={t} now={now} />
        ))}
      </ul>
    </>
  );
}
