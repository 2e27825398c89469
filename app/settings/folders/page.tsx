import type { Metadata } from 'next';
import { FolderAdminList } from '@/components/folder-admin-list';
import { MailShell } from '@/components/mail-shell';
import { StatusBanner } from '@/components/status-banner';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { listFolders, subscribedOnly } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { readNotice } from '@/lib/mail/organize-notice';

export const metadata: Metadata = { title: 'Folders · Satchel' };

type Props = { searchParams: Promise<{ notice?: string }> };

export default async function FoldersPage({ searchParams }: Props) {
  const session = await requireSession('/settings/folders');
  const notice = readNotice((await searchParams).notice);
  const folders = await loadOrFail(() => listFolders(session, { all: true }));
  return (
    <MailShell email={session.email} folders={subscribedOnly(folders)} currentFolder={null} csrfToken={await csrfToken()}>
      <h1 className="border-b border-slate-200 bg-white px-4 py-3 text-lg font-semibold">Folders</h1>
      {notice && <StatusBanner tone={notice.tone === 'done' ? 'success' : 'error'}>{notice.message}</StatusBanner>}
      <FolderAdminList folders={folders} />
    </MailShell>
  );
}
