import Link from 'next/link';
import { brandingFor } from '@/lib/domains';
import type { Folder } from '@/lib/mail/types';
import { findFolder } from '@/lib/mail/folder-tree';
import { BrandMark, brandStyle } from './brand-mark';
import { FolderNav } from './folder-nav';
import { KeyboardShortcuts } from './keyboard-shortcuts';
import { ListGestures } from './list-gestures';
import { LiveUpdates } from './live-updates';
import { ReadingPane } from './reading-pane';
import { SearchBox } from './search-box';
import { SignOutEverywhereForm, SignOutForm } from './sign-out-form';
import { UndoToast } from './undo-toast';

type Props = { email: string; folders: Folder[]; currentFolder: string | null; csrfToken: string; children: React.ReactNode; readingPane?: boolean; search?: { query: string; scope: string } };

/**
 * The signed-in frame: top bar, folder drawer (a <details> on phones, a sidebar from md up), content.
 * Links here never prefetch: each prefetch is a server render with IMAP work, on every page view.
 */
export function MailShell({ email, folders, currentFolder, csrfToken, children, readingPane = false, search }: Props) {
  const current = findFolder(folders, currentFolder);
  const currentName = current?.name;
  const branding = brandingFor(email);
  return (
    <div className="flex min-h-dvh flex-col lg:h-dvh" style={brandStyle(branding)}>
      <header className="sticky top-0 z-10 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 md:px-4">
        <Link prefetch={false} href="/mail/INBOX" className="text-xl font-semibold tracking-tight text-accent"><BrandMark branding={branding} /></Link>
        {/* Phones: the search box takes its own row under the top bar; from md it sits inline. */}
        <SearchBox folder={currentFolder} folderName={currentName} query={search?.query} scope={search?.scope} />
        {/* The account area: a <details> so it opens without JavaScript. */}
        <details className="relative ml-auto min-w-0">
          <summary aria-label="Account" className="flex min-h-11 cursor-pointer list-none items-center rounded-lg px-2 text-sm text-slate-600 hover:bg-slate-100">
            <span className="hidden max-w-64 truncate sm:inline" title={email}>{email}</span>
            <span aria-hidden className="ml-1">▾</span>
          </summary>
          <div className="absolute right-0 z-20 mt-2 w-64 rounded-xl bg-white p-3 shadow-lg ring-1 ring-slate-200">
            <p className="mb-3 truncate text-sm font-medium" title={email}>{email}</p>
            <Link prefetch={false} href="/settings" className="mb-3 flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
              Settings
            </Link>
            <Link prefetch={false} href="/settings/mail-apps" className="mb-3 flex min-h-10 items-center rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
              Set up your mail app
            </Link>
            <SignOutEverywhereForm />
          </div>
        </details>
        <SignOutForm csrfToken={csrfToken} />
      </header>
      <div className="flex flex-1 flex-col md:flex-row lg:min-h-0">
        <nav aria-label="Folders" className="border-b border-slate-200 bg-white md:w-60 md:shrink-0 md:border-b-0 md:border-r lg:overflow-y-auto">
          {/* Phones: one compact row, a folder drawer that opens without JavaScript and Compose. */}
          <div className="flex items-start gap-2 px-2 py-2 md:hidden">
            <details className="group min-w-0 flex-1">
              <summary className="flex min-h-11 cursor-pointer list-none items-center rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-100">
                <span aria-hidden className="mr-2 transition group-open:rotate-90">▸</span>
                <span className="truncate">{currentName ?? 'Folders'}</span>
              </summary>
              <FolderNav folders={folders} current={currentFolder} />
            </details>
            <Link prefetch={false} href="/compose" className="flex min-h-11 shrink-0 items-center rounded-lg bg-accent px-4 text-sm font-semibold text-white">
              Compose
            </Link>
          </div>
          <div className="hidden p-3 md:block">
            <Link prefetch={false} href="/compose" className="flex min-h-11 items-center justify-center rounded-xl bg-accent px-4 font-semibold text-white shadow-sm hover:bg-blue-800">
              Compose
            </Link>
            <div className="mt-2">
              <FolderNav folders={folders} current={currentFolder} />
            </div>
          </div>
        </nav>
        {/* From lg, each pane scrolls by itself; readingPane: the folder page's list with a reading pane beside it. */}
        {readingPane ? (
          <main className="min-w-0 flex-1 lg:flex lg:overflow-hidden">
            <div className="list-pane">{children}</div>
            <ReadingPane />
          </main>
        ) : (
          <main className="min-w-0 flex-1 lg:overflow-y-auto">{children}</main>
        )}
        <KeyboardShortcuts />
        <ListGestures />
        <UndoToast />
        <LiveUpdates folder={currentFolder} rendered={current ? { messages: current.total, unseen: current.unread } : null} />
      </div>
    </div>
  );
}
