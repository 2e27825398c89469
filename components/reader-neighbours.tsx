'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useSyncExternalStore } from 'react';
import { NeighbourLinks, type NeighbourHrefs } from './neighbour-links';
import { focusRow, linkHref, linkPath, messageRows, openMessage, rememberedListHref } from './reading-pane-nav';

/** The rows above and below the open message in the list beside the pane. */
function rowsAround(href: string) {
  const rows = messageRows();
  const i = rows.findIndex((r) => linkPath(r) === href);
  return { newer: i > 0 ? rows[i - 1] : undefined, older: i >= 0 ? rows[i + 1] : undefined };
}

/** The list is re-rendered under the pane (new mail, an action elsewhere): the neighbours follow it. */
function subscribeToList(onChange: () => void) {
  const list = document.querySelector('ul[aria-label="Messages"]')?.parentElement;
  if (!list) return () => {};
  const observer = new MutationObserver(onChange);
  observer.observe(list, { childList: true, subtree: true });
  return () => observer.disconnect();
}

const SEPARATOR = '\n';

/**
 * The reading pane's Newer/Older: the neighbours are the rows beside the open one in the list on the
 * page (as j/k), so they follow its sort and page; each opens in the pane and moves the highlight.
 */
export function ReaderNeighbours({ href, folder }: { href: string; folder: string }) {
  const router = useRouter();
  // One string, so React compares snapshots by value: "newer\nolder\nsorted".
  const snapshot = useCallback(() => {
    const { newer, older } = rowsAround(href);
    const sorted = /[?&]sort=/.test(rememberedListHref(folder));
    return [newer ? linkHref(newer) : '', older ? linkHref(older) : '', sorted ? '1' : ''].join(SEPARATOR);
  }, [href, folder]);
  const [newer, older, sorted] = useSyncExternalStore(subscribeToList, snapshot, () => SEPARATOR + SEPARATOR).split(SEPARATOR);
  const open = (which: keyof NeighbourHrefs, event: React.MouseEvent<HTMLAnchorElement>) => {
    const row = rowsAround(href)[which];
    if (!row) return;
    event.preventDefault();
    focusRow(row);
    openMessage(router, linkHref(row));
  };
  return <NeighbourLinks newer={newer || null} older={older || null} words={sorted ? ['Previous', 'Next'] : undefined} onOpen={open} />;
}
