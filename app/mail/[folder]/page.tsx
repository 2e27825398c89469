import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { MailShell } from '@/components/mail-shell';
import { MessageList } from '@/components/message-list';
import { OrganizeNotice } from '@/components/organize-notice';
import { ConversationList } from '@/components/conversation-list';
import { ConversationSwitch } from '@/components/conversation-switch';
import { Pagination, pageHref } from '@/components/pagination';
import { SortControl, sortQuery } from '@/components/sort-control';
import { StatusBanner } from '@/components/status-banner';
import { csrfToken } from '@/lib/auth/csrf';
import { currentSession, requireSession, type UserSession } from '@/lib/auth/current-session';
import { findFolder } from '@/lib/mail/folder-tree';
import { listFolders } from '@/lib/mail/folders';
import { decodeSegment, folderHref, pageSchema } from '@/lib/mail/mailbox-input';
import { PAGE_SIZE, listMessages } from '@/lib/mail/messages';
import { isDefaultSort, sortSchema } from '@/lib/mail/sort';
import { listThreads } from '@/lib/mail/threads';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { folderTitle, withUnreadCount } from '@/lib/mail/live-title';
import { readNotice } from '@/lib/mail/organize-notice';

type Props = { params: Promise<{ folder: string }>; searchParams: Promise<{ page?: string; status?: string; notice?: string; sort?: string; dir?: string; view?: string }> };

// The title's unread count and the sidebar come from one LIST-STATUS per request (React's cache
// lasts one request): a separate STATUS for the title was two more IMAP round trips per page.
const sidebarFolders = cache((session: UserSession) => listFolders(session));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const folder = decodeSegment((await params).folder) ?? '';
  // The inbox's unread count, as components/live-updates.tsx keeps it; the title never fails the page.
  const session = await currentSession();
  const folders = session ? await sidebarFolders(session).catch(() => []) : [];
  const unread = folders.find((f) => f.specialUse === 'inbox')?.unread ?? 0;
  return { title: withUnreadCount(folderTitle(folder), unread) };
}

export default async function FolderPage({ params, searchParams }: Props) {
  const folder = decodeSegment((await params).folder);
  if (!folder) notFound();
  const { page: pageParam, status, notice, sort, dir, view } = await searchParams;
  const page = pageSchema.parse(pageParam);
  // Sort order or conversation view live in the URL; every page link keeps them.
  const order = sortSchema.parse({ sort, dir });
  const threads = view === 'threads';
  const keep = threads ? { view: 'threads' } : sortQuery(order);
  const session = await requireSession(pageHref(folderHref(folder), keep, page));
  const [folders, list] = await loadOrFail(() =>
    Promise.all([sidebarFolders(session), threads ? listThreads(session, folder, page) : listMessages(session, folder, page, order)]),
  );
  const current = findFolder(folders, folder);
  const listHref = pageHref(folderHref(folder), keep, list.page);
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()} readingPane>
      {status === 'sent' && <StatusBanner>Message sent</StatusBanner>}
      <OrganizeNotice notice={readNotice(notice)} folder={folder} returnTo={listHref} />
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <h1 className="text-lg font-semibold">{current?.name ?? folder}</h1>
        <div className="flex flex-wrap items-center gap-2">
          <ConversationSwitch base={folderHref(folder)} threads={threads} />
          {!threads && <SortControl base={folderHref(folder)} order={order} />}
        </div>
        <Pagination folder={folder} query={keep} newestFirst={threads || isDefaultSort(order)} page={list.page} pageCount={list.pageCount} total={list.total} pageSize={PAGE_SIZE} />
      </div>
      {'threads' in list ? (
        <ConversationList folder={folder} page={list} />
      ) : (
        <MessageList folder={folder} messages={list.messages} total={list.total} folders={folders} returnTo={listHref} />
      )}
    </MailShell>
  );
}
