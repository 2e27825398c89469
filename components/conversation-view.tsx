import Link from 'next/link';
import { withBasePath } from '@/lib/base-path';
import { displayName, formatFullDate } from '@/lib/format';
import { folderHref, messageHref } from '@/lib/mail/mailbox-input';
import type { ConversationMessage } from '@/lib/mail/types';
import { Attachments, MessageBody, MessageHeaders, ReplyLinks } from './message-view';

type Props = {
  messages: ConversationMessage[];
  /** The folder the conversation was opened from, and the message that was clicked. */
  folder: string;
  openedUid: number;
  remoteAllowed: boolean;
  /** Replaces the plain Back link (the reading pane returns to the list it was opened from). */
  back?: React.ReactNode;
};

/**
 * A whole conversation as one stack, oldest first: each message is a <details> (collapsible without
 * JavaScript); the newest and the one that was clicked start open. The user's own replies (from Sent)
 * are marked. Headers, body frame and attachments are message-view's own pieces.
 */
export function ConversationView({ messages, folder, openedUid, remoteAllowed, back }: Props) {
  const newest = messages.at(-1);
  const opened = `${messageHref(folder, openedUid)}?view=threads`;
  return (
    <article className="bg-white" aria-label="Conversation">
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        {back ?? (
          <Link prefetch={false} href={`${folderHref(folder)}?view=threads`} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100">
            ‹ Back
          </Link>
        )}
        <span className="ml-auto text-sm text-slate-500">{messages.length} message{messages.length === 1 ? '' : 's'}</span>
      </div>
      <h1 className="break-words px-4 pb-2 pt-4 text-xl font-semibold">{messages[0]?.subject || '(no subject)'}</h1>
      <ol aria-label="Messages in this conversation">
        {messages.map((m) => (
          <li key={`${m.folder}/${m.uid}`} className="border-t border-slate-200">
            <details open={m === newest || (m.folder === folder && m.uid === openedUid)} className="group">
              <summary className="flex min-h-12 cursor-pointer list-none items-center gap-2 px-4 py-2 hover:bg-slate-50">
                <span aria-hidden className="text-slate-400 transition group-open:rotate-90">▸</span>
                <span className="min-w-0 truncate font-medium text-slate-800">{displayName(m.from[0])}</span>
                {m.sent && <span className="shrink-0 rounded bg-emerald-100 px-1.5 py-0.5 text-xs font-medium text-emerald-800">Sent</span>}
                {!m.seen && <span className="sr-only">Unread</span>}
                <time dateTime={m.date ?? undefined} className="ml-auto shrink-0 text-xs text-slate-500">{formatFullDate(m.date)}</time>
              </summary>
              <div className="px-4 pb-3 pt-1">
                <MessageHeaders message={m} />
                <a href={withBasePath(messageHref(m.folder, m.uid))} className="mt-2 inline-flex min-h-10 items-center text-sm font-medium text-accent underline">
                  Open this message alone
                </a>
              </div>
              <MessageBody message={m} remoteAllowed={remoteAllowed} remoteHref={`${opened}&remote=1`} />
              <Attachments message={m} />
              <ReplyLinks folder={m.folder} uid={m.uid} className="pb-4 pt-1" />
            </details>
          </li>
        ))}
      </ol>
    </article>
  );
}
