'use client';
import { withBasePath } from '@/lib/base-path';
import { Icon } from './icons';

/**
 * One row as the server prepared it: every text already formatted (dates in the server's time
 * zone, so hydration finds the same text), flags only when set. Flat data, not elements: as props of
 * one client component the page's RSC payload carries these few fields per row instead of the
 * rows' whole element tree, which was half the list page's server time and bytes.
 */
export type RowData = {
  uid: number;
  /** The message's app path (BASE_PATH is added here). */
  href: string;
  from: string;
  subject: string;
  /** ISO date for <time dateTime>, and how it reads in the list. */
  date?: string;
  when: string;
  unread?: true;
  flagged?: true;
  attachment?: true;
  /** Search across folders: the folder's label before the subject. */
  folder?: string;
};

// Element Timing (a browser's own record of when text was painted) for the first row: the moment the
// list is on screen, as bench/cold-browser.ts and any real-user monitoring read it. One attribute, not fifty.
const FIRST_ROW_TIMING = { elementtiming: 'first-message' };

/**
 * The list's rows: plain <a> (a prefetch must never open, and so mark seen, a message) and plain
 * checkboxes (MessageSelection handles them all by event delegation). The styles live in globals.css
 * (.msg-*). Other features rely on `<li data-uid>`, `a.msg-row` and the `name="uid"` checkbox in it.
 */
export function MessageRows({ rows, selectable }: { rows: RowData[]; selectable: boolean }) {
  return (
    <ul aria-label="Messages" className="bg-white">
      {rows.map((row, i) => (
        <li key={row.folder ? `${row.folder}/${row.uid}` : row.uid} data-uid={row.uid} className="msg-item">
          {selectable && (
            <label className="msg-check">
              <input type="checkbox" name="uid" value={row.uid} aria-label={`Select: ${row.subject}, from ${row.from}`} />
            </label>
          )}
          <a href={withBasePath(row.href)} className="msg-row" data-unread={row.unread}>
            <span className="msg-from">
              {row.unread && <span className="msg-dot" aria-label="Unread" role="img" />}
              {row.from}
            </span>
            <span className="msg-meta">
              {row.flagged && <Icon name="star" label="Flagged" className="size-4 fill-amber-400 text-amber-500" />}
              {row.attachment && <Icon name="paperclip" label="Has attachment" />}
              <time dateTime={row.date}>{row.when}</time>
            </span>
            <span className="msg-subject" {...(i === 0 ? FIRST_ROW_TIMING : {})}>
              {row.folder && <span className="mr-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">{row.folder}</span>}
              {row.subject}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
