// Owns finding message rows in the page and opening one: into the list page's reading pane by a
// client-side navigation when there is one, otherwise as an ordinary page load.
import type { useRouter } from 'next/navigation';

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

export function messageRows(): HTMLAnchorElement[] {
  return [...document.querySelectorAll<HTMLAnchorElement>(ROW_SELECTOR)];
}

export function rowRef(row: HTMLAnchorElement): MessageRef | null {
  return messageRefOf(row.pathname);
}

export function rowFor(href: string): HTMLAnchorElement | undefined {
  return messageRows().find((row) => row.pathname === href);
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
  else window.location.assign(href);
}
