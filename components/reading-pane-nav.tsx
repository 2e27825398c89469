// Owns finding message rows in the page and opening one: into the list page's reading pane by a
// client-side navigation when there is one, otherwise as an ordinary page load.
import type { useRouter } from 'next/navigation';
import { stripBasePath, withBasePath } from '@/lib/base-path';

type Router = ReturnType<typeof useRouter>;

// The list's rows are plain server-rendered links (components/message-list.tsx); these are the hooks.
export const ROW_SELECTOR = 'a.msg-row';

export type MessageRef = { folder: string; uid: number; href: string };

/** `/mail/<folder>/<uid>` → its folder and UID; anything else → null. */
export function messageRefOf(pathname: string): MessageRef | null {
  const m = /^\/mail\/([^/]+)\/(\d+)$/.exec(pathname);
  if (!m) return null;
  try {
    return { folder: decodeURIComponent(m[1]!), uid: Number(m[2]), href: pathname };
  } catch {
    return null;
  }
}

/** A link's app path (without BASE_PATH, as usePathname and router.push have it) and its query. */
export const linkPath = (link: HTMLAnchorElement) => stripBasePath(link.pathname);
export const linkHref = (link: HTMLAnchorElement) => linkPath(link) + link.search;

export function messageRows(): HTMLAnchorElement[] {
  return [...document.querySelectorAll<HTMLAnchorElement>(ROW_SELECTOR)];
}

export function rowRef(row: HTMLAnchorElement): MessageRef | null {
  return messageRefOf(linkPath(row));
}

export function rowFor(href: string): HTMLAnchorElement | undefined {
  return messageRows().find((row) => linkPath(row) === href);
}

export const hasReadingPane = () => document.getElementById('reading-pane') !== null;

// The list URL (with its page, sort, search) the reading pane was opened from, for Back and `u`.
let listHref: string | null = null;
export const rememberListHref = (href: string) => {
  listHref = href;
};
export const rememberedListHref = (folder: string) => listHref ?? `/mail/${encodeURIComponent(folder)}`;

/** Opens a message (href may carry ?view=threads): beside the list when the page has a reading pane, else by loading its page. */
export function openMessage(router: Router, href: string): void {
  if (hasReadingPane()) router.push(href, { scroll: false });
  else window.location.assign(withBasePath(href));
}

/** The highlight j/k move (and the row an opened message continues from). */
export function focusRow(row: HTMLAnchorElement | undefined): void {
  if (!row) return;
  for (const r of messageRows()) r.removeAttribute('data-focused');
  row.setAttribute('data-focused', '');
  row.focus({ preventScroll: true });
  row.scrollIntoView({ block: 'nearest' });
}

/** The message page's Newer/Older link (components/neighbour-links.tsx), where there is one. */
export function neighbourHref(which: 'newer' | 'older'): string | null {
  const link = document.querySelector<HTMLAnchorElement>(`a[data-neighbour="${which}"]`);
  return link ? linkHref(link) : null;
}

/**
 * The message to show once the open one has left its folder (archived, deleted, moved): the row
 * below it in the list, else the one above; on the message page its Older, else its Newer link.
 * Null when there is none: back to the list.
 */
export function nextAfter(open: MessageRef): { href: string; row?: HTMLAnchorElement } | null {
  const rows = messageRows();
  const i = rows.findIndex((r) => linkPath(r) === open.href);
  const row = i >= 0 ? (rows[i + 1] ?? rows[i - 1]) : undefined;
  if (row) return { href: linkHref(row), row };
  const href = i >= 0 ? null : (neighbourHref('older') ?? neighbourHref('newer'));
  return href ? { href } : null;
}

/**
 * Gmail's auto-advance, for an action that takes the open message out of its folder; `run` starts
 * it. Beside the list the next message opens at once (the refresh after the action drops the old
 * row). On the message page `run` gets where to go once the action is done: a page load would
 * cancel it.
 */
export function advanceFrom(router: Router, open: MessageRef, run: (navigate?: string) => void): void {
  const next = nextAfter(open);
  if (!hasReadingPane()) return run(next?.href ?? `/mail/${encodeURIComponent(open.folder)}`);
  if (next) {
    focusRow(next.row);
    openMessage(router, next.href);
  } else {
    router.push(rememberedListHref(open.folder), { scroll: false });
  }
  run();
}
