import Link from 'next/link';
import { withBasePath } from '@/lib/base-path';
import { formatAddress, formatFullDate, formatSize } from '@/lib/format';
import { folderHref, messageHref } from '@/lib/mail/mailbox-input';
import type { Neighbours } from '@/lib/mail/neighbours';
import type { Address, Folder, MessageView as Message } from '@/lib/mail/types';
import { HtmlBodyFrame } from './html-body-frame';
import { Icon } from './icons';
import { MessageActions } from './message-actions';
import { NeighbourLinks } from './neighbour-links';
import { PlainTextBody } from './plain-text-body';

function AddressLine({ label, list }: { label: string; list: Address[] }) {
  if (list.length === 0) return null;
  return (
    <div className="flex gap-2 text-sm">
      <dt className="w-12 shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">{list.map(formatAddress).join(', ')}</dd>
    </div>
  );
}

export function Attachments({ message }: { message: Message }) {
  const files = message.attachments.filter((a) => !a.inline);
  if (files.length === 0) return null;
  const base = withBasePath(`${messageHref(message.folder, message.uid)}/attachments`);
  return (
    <section aria-label="Attachments" className="border-t border-slate-200 px-4 py-3">
      <h2 className="mb-2 text-sm font-semibold text-slate-700">
        {files.length} attachment{files.length > 1 ? 's' : ''}
      </h2>
      <ul className="flex flex-wrap gap-2">
        {files.map((a) => (
          <li key={a.partId}>
            <a href={`${base}/${a.partId}`} download={a.filename} className="flex min-h-11 max-w-xs items-center gap-2 rounded-lg px-3 py-2 text-sm ring-1 ring-slate-300 hover:bg-slate-50">
              <Icon name="paperclip" className="size-4 shrink-0 text-slate-500" />
              <span className="truncate font-medium">{a.filename}</span>
              <span className="shrink-0 text-slate-500">{formatSize(a.size)}</span>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** From, To, Cc and Date of a message (also used by each message of a conversation). */
export function MessageHeaders({ message }: { message: Message }) {
  return (
    <dl className="space-y-1">
      <AddressLine label="From" list={message.from} />
      <AddressLine label="To" list={message.to} />
      <AddressLine label="Cc" list={message.cc} />
      {message.date && (
        <div className="flex gap-2 text-sm">
          <dt className="w-12 shrink-0 text-slate-500">Date</dt>
          <dd><time dateTime={message.date}>{formatFullDate(message.date)}</time></dd>
        </div>
      )}
    </dl>
  );
}

/** The remote-content switch and the body (sandboxed HTML frame or plain text). */
export function MessageBody({ message, remoteAllowed, remoteHref }: { message: Message; remoteAllowed: boolean; remoteHref?: string }) {
  const href = messageHref(message.folder, message.uid);
  return (
    <>
      {message.hasRemoteContent && !remoteAllowed && (
        <div role="note" className="mx-4 mb-3 flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Remote content is blocked to protect your privacy.
          {/* A full page load, not a client-side navigation: the page's CSP (set per document by proxy.ts) must
              be the one that allows remote content, and the reading pane's document was loaded without it. */}
          <a href={withBasePath(remoteHref ?? `${href}?remote=1`)} className="font-semibold underline">Show remote content</a>
        </div>
      )}
      <div className="px-4 pb-4">
        {message.renderError ? (
          <p role="alert" className="rounded-lg bg-slate-100 px-3 py-6 text-center text-slate-700">
            {message.renderError}. <a href={withBasePath(`${href}/source`)} className="font-semibold underline">Download the original message</a>
          </p>
        ) : message.html ? (
          <HtmlBodyFrame html={message.html} allowRemote={remoteAllowed} />
        ) : (
          <PlainTextBody text={message.text ?? ''} />
        )}
      </div>
    </>
  );
}

const REPLY_LINKS = [
  ['reply', 'Reply'],
  ['reply-all', 'Reply all'],
  ['forward', 'Forward'],
  ['forward-attachment', 'Forward as attachment'],
] as const;

/** Plain links to /compose: they work without JavaScript too. Under the actions bar, or (className) closing a message of a conversation. */
export function ReplyLinks({ folder, uid, className = 'border-b border-slate-200 py-2' }: { folder: string; uid: number; className?: string }) {
  const ref = encodeURIComponent(`${folder}/${uid}`);
  return (
    <nav aria-label="Reply and forward" className={`flex flex-wrap gap-2 px-4 ${className}`}>
      {REPLY_LINKS.map(([kind, label]) => (
        <Link key={kind} prefetch={false} href={`/compose?${kind}=${ref}`} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100">
          {label}
        </Link>
      ))}
    </nav>
  );
}

const neighbourHref = (folder: string, uid: number | null) => (uid === null ? null : messageHref(folder, uid));

type Props = { message: Message; remoteAllowed: boolean; back?: React.ReactNode; folders?: Folder[]; neighbours?: Neighbours; steps?: React.ReactNode };

/** back: replaces the plain Back link (the reading pane returns to the list it was opened from). */
/** folders: destinations for the actions bar's Move to… (and this folder's special use). */
/** neighbours: the message page's Newer/Older; steps: the reading pane's (ReaderNeighbours, from the list beside it). */
export function MessageView({ message, remoteAllowed, back, folders = [], neighbours, steps }: Props) {
  const href = messageHref(message.folder, message.uid);
  const nextUid = neighbours ? (neighbours.older ?? neighbours.newer) : null;
  return (
    <article className="bg-white" data-flagged={message.flagged || undefined}>
      <div className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        {back ?? (
          <Link prefetch={false} href={folderHref(message.folder)} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100">
            ‹ Back
          </Link>
        )}
        {folders.some((f) => f.path === message.folder && f.specialUse === 'drafts') && (
          <Link prefetch={false} href={`/compose?draft=${encodeURIComponent(`${message.folder}/${message.uid}`)}`} className="inline-flex min-h-11 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-white hover:bg-blue-800">
            Continue editing
          </Link>
        )}
        <a href={withBasePath(`${href}/source`)} className="ml-auto inline-flex min-h-11 items-center rounded-lg px-3 text-sm text-slate-600 hover:bg-slate-100">
          Download source
        </a>
        {neighbours ? <NeighbourLinks newer={neighbourHref(message.folder, neighbours.newer)} older={neighbourHref(message.folder, neighbours.older)} /> : steps}
      </div>
      <MessageActions folder={message.folder} uid={message.uid} flagged={message.flagged} folders={folders} next={nextUid === null ? null : messageHref(message.folder, nextUid)} />
      <ReplyLinks folder={message.folder} uid={message.uid} />
      <header className="px-4 pb-3 pt-4">
        <h1 className="mb-3 break-words text-xl font-semibold">{message.subject || '(no subject)'}</h1>
        <MessageHeaders message={message} />
      </header>
      <MessageBody message={message} remoteAllowed={remoteAllowed} />
      <Attachments message={message} />
    </article>
  );
}
