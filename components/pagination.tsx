import Link from 'next/link';
import { folderHref } from '@/lib/mail/mailbox-input';

type Props = {
  /** The folder's list (the default base), or any other paged path via `basePath` (e.g. /search). */
  folder?: string;
  basePath?: string;
  /** Parameters every page link keeps (sort, view, the search query); page is added to them. */
  query?: Record<string, string | undefined>;
  page: number;
  pageCount: number;
  total: number;
  pageSize: number;
  /** Newest-first lists say Newer/Older; other orders say Previous/Next. */
  newestFirst?: boolean;
};

export function pageHref(base: string, query: Record<string, string | undefined>, page: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

export function Pagination({ folder, basePath, query = {}, page, pageCount, total, pageSize, newestFirst = true }: Props) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const base = basePath ?? folderHref(folder ?? 'INBOX');
  const href = (p: number) => pageHref(base, query, p);
  const [prev, next] = newestFirst ? ['‹ Newer', 'Older ›'] : ['‹ Previous', 'Next ›'];
  const [prevLabel, nextLabel] = newestFirst ? ['Newer messages', 'Older messages'] : ['Previous page', 'Next page'];
  // No prefetch (as in mail-shell.tsx): Next would fetch the next page's head on every list view,
  // a server render with IMAP work (the title's unread count) and a request on a slow network.
  const button = 'inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100';
  return (
    <nav aria-label="Pages" className="flex items-center gap-2 text-sm text-slate-600">
      <span className="tabular-nums">
        {first}–{last} of {total.toLocaleString('en-GB')}
      </span>
      {page > 1 ? <Link prefetch={false} className={button} href={href(page - 1)} rel="prev" aria-label={prevLabel}>{prev}</Link> : null}
      {page < pageCount ? <Link prefetch={false} className={button} href={href(page + 1)} rel="next" aria-label={nextLabel}>{next}</Link> : null}
    </nav>
  );
}
