import type { Metadata } from 'next';
import { MailShell } from '@/components/mail-shell';
import { MessageList } from '@/components/message-list';
import { Pagination, pageHref } from '@/components/pagination';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { findFolder } from '@/lib/mail/folder-tree';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { PAGE_SIZE } from '@/lib/mail/messages';
import { ALL_FOLDERS, searchMail, searchParamsSchema } from '@/lib/mail/search';
import { SEARCH_HELP } from '@/lib/mail/search-query';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Search · Satchel' };

function Help() {
  return (
    <p className="px-4 py-2 text-sm text-slate-500">
      Operators: <code className="break-words">{SEARCH_HELP}</code>. before: means before that day; after: means from that day on.
    </p>
  );
}

/** /search?q=…&in=INBOX|all&page=N: results paged like a folder, each search its own URL. */
export default async function SearchPage({ searchParams }: Props) {
  const { q, in: scope, page } = searchParamsSchema.parse(await searchParams);
  const query = { q, in: scope };
  const session = await requireSession(pageHref('/search', query, page));
  const [folders, outcome] = await loadOrFail(() => Promise.all([listFolders(session), searchMail(session, q, scope, page)]));
  const everywhere = scope === ALL_FOLDERS;
  const where = everywhere ? 'all folders' : (findFolder(folders, scope)?.name ?? scope);
  const result = outcome.ok ? outcome.result : null;
  const reachable = result ? (result.shown ?? result.total) : 0;
  return (
    <MailShell email={session.email} folders={folders} currentFolder={everywhere ? null : scope} csrfToken={await csrfToken()} search={{ query: q, scope }}>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-3">
        <h1 className="min-w-0 break-words text-lg font-semibold">
          {outcome.ok ? <>Results for “{q}” in {where}</> : 'Search'}
        </h1>
        {result && <Pagination basePath="/search" query={query} page={result.page} pageCount={result.pageCount} total={reachable} pageSize={PAGE_SIZE} />}
      </div>
      {!outcome.ok && (
        <>
          <p role={outcome.empty ? undefined : 'alert'} className={`mx-4 mt-4 rounded-lg px-3 py-2 text-sm ${outcome.empty ? 'text-slate-600' : 'bg-amber-50 text-amber-900 ring-1 ring-amber-200'}`}>
            {outcome.error}
          </p>
          <Help />
        </>
      )}
      {result && result.shown !== null && (
        <p role="note" className="border-b border-slate-200 bg-slate-50 px-4 py-2 text-sm text-slate-600">
          Showing the newest {result.shown.toLocaleString('en-GB')} of {result.total.toLocaleString('en-GB')} matches. Add words or operators to narrow the search.
        </p>
      )}
      {result && result.total === 0 && (
        <p className="px-4 py-16 text-center text-slate-500">No messages match “{q}” in {where}.</p>
      )}
      {result && result.total > 0 && (
        <MessageList
          folder={everywhere ? 'INBOX' : scope}
          messages={result.messages}
          showFolders={everywhere}
          total={result.messages.length}
          folders={folders}
          returnTo={pageHref('/search', query, result.page)}
        />
      )}
    </MailShell>
  );
}
