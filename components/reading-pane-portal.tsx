'use client';
import Link from 'next/link';
import { useEffect, useSyncExternalStore } from 'react';
import { createPortal } from 'react-dom';
import { rememberedListHref, rowFor } from './reading-pane-nav';

const noSubscription = () => () => {};
const paneContent = () => document.getElementById('reading-pane-content');

/**
 * Shows a message opened from the list inside the list page's reading pane, marks its row as the
 * open one (and as read: opening marked it seen on the server), and starts it scrolled to the top.
 */
export function ReadingPanePortal({ href, children }: { href: string; children: React.ReactNode }) {
  const target = useSyncExternalStore(noSubscription, paneContent, () => null);
  useEffect(() => {
    const pane = document.getElementById('reading-pane');
    if (!pane) return;
    pane.dataset.open = '';
    pane.scrollTop = 0;
    // Screen readers and Tab continue in the message, as after a page load.
    pane.focus({ preventScroll: true });
    const row = rowFor(href);
    row?.setAttribute('aria-current', 'true');
    // The keyboard's j/k continue from the open message.
    for (const other of document.querySelectorAll('a.msg-row[data-focused]')) other.removeAttribute('data-focused');
    row?.setAttribute('data-focused', '');
    // Not data-unread itself: that attribute is React's; the next refresh of the list catches up.
    row?.setAttribute('data-seen', '');
    return () => {
      delete pane.dataset.open;
      row?.removeAttribute('aria-current');
    };
  }, [href]);
  return target ? createPortal(children, target) : null;
}

/** Back from the reading pane to the list it was opened from, without scrolling that list. */
export function ReaderBackLink({ folder }: { folder: string }) {
  return (
    <Link href={rememberedListHref(folder)} scroll={false} className="inline-flex min-h-11 items-center rounded-lg px-3 text-sm ring-1 ring-slate-300 hover:bg-slate-100">
      ‹ Back
    </Link>
  );
}
