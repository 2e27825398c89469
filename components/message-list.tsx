import { displayName, formatListDate } from '@/lib/format';
import { messageHref } from '@/lib/mail/mailbox-input';
import type { MessageSummary } from '@/lib/mail/types';
import { Icon } from './icons';

// Plain <a>, not next/link: 50 client-component references per page doubled the HTML (the RSC
// payload repeats every prop), and a prefetch must never open — and so mark seen — a message.
// The row styles live in globals.css (.msg-*) for the same reason: they would repeat 50 times.
function Row({ folder, message, now }: { folder: string; message: MessageSummary; now: Date }) {
  return (
    <li>
      <a href={messageHref(folder, message.uid)} className="msg-row" data-unread={!message.seen || undefined}>
        <span className="msg-from">
          {!message.seen && <span className="msg-dot" aria-label="Unread" role="img" />}
          {displayName(message.from[0])}
        </span>
        <span className="msg-meta">
          {message.flagged && <Icon name="star" label="Flagged" className="size-4 fill-amber-400 text-amber-500" />}
          {message.hasAttachment && <Icon name="paperclip" label="Has attachment" />}
          <time dateTime={message.date ?? undefined}>{formatListDate(message.date, now)}</time>
        </span>
        <span className="msg-subject">{message.subject || '(no subject)'}</span>
      </a>
    </li>
  );
}

export function MessageList({ folder, messages }: { folder: string; messages: MessageSummary[] }) {
  if (messages.length === 0) return <p className="px-4 py-16 text-center text-slate-500">This folder is empty.</p>;
  const now = new Date();
  return (
    <ul aria-label="Messages" className="bg-white">
      {messages.map((m) => (
        <Row key={m.uid} folder={folder} message={m} now={now} />
      ))}
    </ul>
  );
}
