import Link from 'next/link';
import { displayName, formatListDate } from '@/lib/format';
import { messageHref } from '@/lib/mail/mailbox-input';
import type { MessageSummary } from '@/lib/mail/types';
import { Icon } from './icons';

function Row({ folder, message }: { folder: string; message: MessageSummary }) {
  const unread = !message.seen;
  return (
    <li>
      <Link
        href={messageHref(folder, message.uid)}
        data-unread={unread || undefined}
        className={`grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 border-b border-slate-100 px-4 py-3 hover:bg-slate-50 md:grid-cols-[14rem_1fr_auto] md:items-center ${unread ? 'bg-white' : 'bg-slate-50/60'}`}
      >
        <span className={`truncate ${unread ? 'font-semibold text-slate-900' : 'text-slate-700'}`}>
          {unread && <span className="mr-1.5 inline-block size-2 rounded-full bg-accent align-middle" aria-label="Unread" role="img" />}
          {displayName(message.from[0])}
        </span>
        <span className="flex items-center gap-1.5 justify-self-end text-xs text-slate-500 md:order-last">
          {message.flagged && <Icon name="star" label="Flagged" className="size-4 fill-amber-400 text-amber-500" />}
          {message.hasAttachment && <Icon name="paperclip" label="Has attachment" className="size-4" />}
          <time dateTime={message.date ?? undefined} className="tabular-nums">{formatListDate(message.date)}</time>
        </span>
        <span className={`col-span-2 truncate text-sm md:col-span-1 ${unread ? 'font-semibold text-slate-900' : 'text-slate-600'}`}>
          {message.subject || '(no subject)'}
        </span>
      </Link>
    </li>
  );
}

export function MessageList({ folder, messages }: { folder: string; messages: MessageSummary[] }) {
  if (messages.length === 0) return <p className="px-4 py-16 text-center text-slate-500">This folder is empty.</p>;
  return (
    <ul aria-label="Messages" className="bg-white">
      {messages.map((m) => (
        <Row key={m.uid} folder={folder} message={m} />
      ))}
    </ul>
  );
}
