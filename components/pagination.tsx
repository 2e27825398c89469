import Link from 'next/link';
import { folderHref } from '@/lib/mail/mailbox-input';

type Props = { folder: string; page: number; pageCount: number; total: number; pageSize: number };

export function Pagination({ folder, page, pageCount, total, pageSize }: Props) {
  if (total === 0) return null;
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(total, page * pageSize);
  const href = (p: number) => `${folderHref(folder)}${p > 1 ? `?page=${p}` : ''}`;
  const button = 'inline-flex min-h-10 min-w-10 items-center justify-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100';
  return (
    <nav aria-label="Pages" className="flex items-center gap-2 text-sm text-slate-600">
      <span className="tabular-nums">
        {first}–{last} of {total.toLocaleString('en-GB')}
      </span>
      {page > 1 ? <Link className={button} href={href(page - 1)} rel="prev" aria-label="Newer messages">‹ Newer</Link> : null}
      {page < pageCount ? <Link className={button} href={href(page + 1)} rel="next" aria-label="Older messages">Older ›</Link> : null}
    </nav>
  );
}
