import { withBasePath } from '@/lib/base-path';
import type { SortOrder } from '@/lib/mail/sort';
import { pageHref } from './pagination';

const CHOICES: Array<{ order: SortOrder; label: string }> = [
  { order: { key: 'date', dir: 'desc' }, label: 'Newest first' },
  { order: { key: 'date', dir: 'asc' }, label: 'Oldest first' },
  { order: { key: 'from', dir: 'asc' }, label: 'Sender A–Z' },
  { order: { key: 'from', dir: 'desc' }, label: 'Sender Z–A' },
  { order: { key: 'subject', dir: 'asc' }, label: 'Subject A–Z' },
  { order: { key: 'subject', dir: 'desc' }, label: 'Subject Z–A' },
  { order: { key: 'size', dir: 'desc' }, label: 'Largest first' },
  { order: { key: 'size', dir: 'asc' }, label: 'Smallest first' },
];

const same = (a: SortOrder, b: SortOrder) => a.key === b.key && a.dir === b.dir;

/** The URL parameters of an order; the default (newest first) has none, so plain folder URLs stay plain. */
export function sortQuery(order: SortOrder): { sort?: string; dir?: string } {
  return same(order, CHOICES[0]!.order) ? {} : { sort: order.key, dir: order.dir };
}

/** A menu of links (a <details>, so it works without JavaScript); choosing one goes back to page 1. */
export function SortControl({ base, order }: { base: string; order: SortOrder }) {
  const current = CHOICES.find((c) => same(c.order, order)) ?? CHOICES[0]!;
  return (
    <details className="tool-menu">
      <summary className="tool-btn" aria-label={`Sort: ${current.label}`}>
        Sort<span className="hidden sm:inline">: {current.label}</span> <span aria-hidden className="ml-1">▾</span>
      </summary>
      <ul className="tool-pop right-0 left-auto" aria-label="Sort by">
        {CHOICES.map((c) => (
          <li key={c.label}>
            <a href={withBasePath(pageHref(base, sortQuery(c.order), 1))} className="tool-item" aria-current={c === current ? 'true' : undefined}>
              {c.label}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
