'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect } from 'react';
import { ORGANIZE_EVENT, type OrganizeEventDetail } from './organize-client';
import { messageRefOf, rememberListHref } from './reading-pane-nav';

/**
 * The list page's third pane. Empty, it shows a quiet placeholder on desktop and nothing on a
 * phone; a message opened from the list is portalled into #reading-pane-content
 * (ReadingPanePortal), beside the list on desktop and over it, full screen, on a phone — the list
 * underneath keeps its scroll position for when the reader goes back.
 */
export function ReadingPane() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  useEffect(() => {
    if (!messageRefOf(pathname)) rememberListHref(search ? `${pathname}?${search}` : pathname);
  }, [pathname, search]);
  useEffect(() => {
    // Rows read in the pane look read until the list is next rendered (ReadingPanePortal); after
    // "mark unread" the refresh that follows must decide again.
    const onOrganize = (e: Event) => {
      if ((e as CustomEvent<OrganizeEventDetail>).detail.op !== 'unread') return;
      for (const row of document.querySelectorAll('a.msg-row[data-seen]')) row.removeAttribute('data-seen');
    };
    window.addEventListener(ORGANIZE_EVENT, onOrganize);
    return () => window.removeEventListener(ORGANIZE_EVENT, onOrganize);
  }, []);
  return (
    <div id="reading-pane" className="reading-pane" tabIndex={-1} role="region" aria-label="Reading pane">
      <p className="reading-pane-empty">Select a message to read it here.</p>
      <div id="reading-pane-content" />
    </div>
  );
}
