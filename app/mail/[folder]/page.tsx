import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MailShell } from '@/components/mail-shell';
import { MessageList } from '@/components/message-list';
import { Pagination } from '@/components/pagination';
import { StatusBanner } from '@/components/status-banner';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { findFolder } from '@/lib/mail/folder-tree';
import { listFolders } from '@/lib/mail/folders';
import { decodeSegment, folderHref, pageSchema } from '@/lib/mail/mailbox-input';
import { PAGE_SIZE, listMessages } from '@/lib/mail/messages';
import { loadOrFail } from '@/lib/mail/load-or-fail';

type Props = { params: Promise<{ folder: string }>; searchParams: Promise<{ page?: string; status?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const folder = decodeSegment((await params).folder);
  return { title: `${folder === 'INBOX' ? 'Inbox' : folder} · Satchel` };
}

export default async function FolderPage({ params, searchParams }: Props) {
  const folder = decodeSegment((await params).folder);
  if (!folder) notFound();
  const { page: pageParam, status } = await searchParams;
  const page = pageSchema.parse(pageParam);
  const session = await requireSession(`${folderHref(folder)}${page > 1 ? `?page=${page}` : ''}`);
  const [folders, list] = await loadOrFail(() => Promise.all([listFolders(session), listMessages(session, folder, page)]));
  const current = findFolder(folders, folder);
  return (
    <MailShell email={session.email} folders={folders} currentFolder={folder} csrfToken={await csrfToken()}>
      {status === 'sent' && <StatusBanner>Message sent</StatusBanner>}
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <h1 className="text-lg font-semibold">{current?.name ?? folder}</h1>
        <Pagination folder={folder} page={list.page} pageCount={list.pageCount} total={list.total} pageSize={PAGE_SIZE} />
      </div>
      <MessageList folder={folder} messages={list.messages} />
    </MailShell>
  );
}
