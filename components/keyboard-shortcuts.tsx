'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { runOrganize } from './organize-client';
import { advanceFrom, focusRow, hasReadingPane, linkHref, linkPath, messageRefOf, messageRows, neighbourHref, openMessage, rememberedListHref, rowFor, rowRef, type MessageRef } from './reading-pane-nav';
import { ShortcutHelp } from './shortcut-help';

type Router = ReturnType<typeof useRouter>;
type Op = 'archive' | 'delete' | 'flag' | 'unflag' | 'read' | 'unread';

const NOT_TYPING = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** Typing in a field (or a checkbox's neighbour, a text input) must never trigger a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('textarea, select')) return true;
  return target instanceof HTMLInputElement && !NOT_TYPING.has(target.type);
}

const focusedRow = (rows: HTMLAnchorElement[]) => rows.findIndex((r) => r.hasAttribute('data-focused'));

/** What an action applies to: the checked rows if any, else the open message, else the focused row. */
function targets(open: MessageRef | null): { refs: MessageRef[]; flagged: boolean[] } {
  const checked = [...document.querySelectorAll<HTMLInputElement>('li input[name=uid]:checked')];
  const rows = checked.length > 0
    ? checked.map((box) => box.closest('li')?.querySelector<HTMLAnchorElement>('a.msg-row') ?? null)
    : [open ? (rowFor(open.href) ?? null) : (messageRows()[focusedRow(messageRows())] ?? null)];
  const refs: MessageRef[] = [];
  const flagged: boolean[] = [];
  for (const row of rows) {
    const ref = row ? rowRef(row) : open;
    if (!ref) continue;
    refs.push(ref);
    flagged.push(row ? row.querySelector('[aria-label="Flagged"]') !== null : document.querySelector('article[data-flagged]') !== null);
  }
  return { refs, flagged };
}

/** navigate: where to go once the action on the open message's folder is done (see advanceFrom). */
function organize(refs: MessageRef[], op: Op, open?: MessageRef, navigate?: string): void {
  const byFolder = new Map<string, number[]>();
  for (const ref of refs) byFolder.set(ref.folder, [...(byFolder.get(ref.folder) ?? []), ref.uid]);
  for (const [folder, uids] of byFolder) void runOrganize({ folder, uids, op }, { navigate: folder === open?.folder ? navigate : undefined });
}

/** afterBack: runs a function once the list is on screen (see KeyboardShortcuts). */
function act(router: Router, open: MessageRef | null, op: 'archive' | 'delete' | 'flag' | 'read' | 'unread', afterBack: (fn: () => void) => void): void {
  const { refs, flagged } = targets(open);
  if (refs.length === 0) return;
  if (op === 'flag') return organize(refs, flagged.every(Boolean) ? 'unflag' : 'flag');
  const onOpen = open !== null && refs.some((r) => r.href === open.href);
  // The open message is leaving: the next one opens (Gmail's auto-advance).
  if (onOpen && (op === 'archive' || op === 'delete')) return advanceFrom(router, open, (navigate) => organize(refs, op, open, navigate));
  // As in other webmails: marking the open message unread puts it back in the list. The flag changes
  // only once the list is shown: a render of the message still in flight would read it again.
  if (onOpen && op === 'unread') {
    back(router, open);
    return afterBack(() => organize(refs, op));
  }
  organize(refs, op);
}

/**
 * Moves the highlight through the list, or on a message opens the next/previous one. The
 * highlight, not the URL, says where we are: it moves at once, the URL only when a navigation ends.
 */
function step(router: Router, open: MessageRef | null, by: 1 | -1): void {
  const rows = messageRows();
  let from = focusedRow(rows);
  if (from < 0 && open) from = rows.findIndex((r) => linkPath(r) === open.href);
  // The message page has no list: its Newer/Older links say where j/k go.
  if (open && from < 0) {
    const href = neighbourHref(by === 1 ? 'older' : 'newer');
    return href ? openMessage(router, href) : undefined;
  }
  const to = from < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, from + by));
  const row = rows[to];
  if (!row || to === from) return;
  focusRow(row);
  if (open) openMessage(router, linkHref(row));
}

function back(router: Router, open: MessageRef | null): void {
  if (!open) return;
  router.push(hasReadingPane() ? rememberedListHref(open.folder) : `/mail/${encodeURIComponent(open.folder)}`, { scroll: false });
  const row = rowFor(open.href);
  if (row) focusRow(row);
}

/** The webmail shortcuts, on one document listener; `?` lists them. Mounted once, in the mail shell. */
export function KeyboardShortcuts() {
  const router = useRouter();
  const pathname = usePathname();
  const [helpOpen, setHelpOpen] = useState(false);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  const pendingBack = useRef<(() => void) | null>(null);

  useEffect(() => {
    const run = pendingBack.current;
    if (!run || messageRefOf(pathname)) return;
    pendingBack.current = null;
    run();
  }, [pathname]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const open = messageRefOf(pathname);
      const afterBack = (fn: () => void) => {
        pendingBack.current = fn;
      };
      const run = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      switch (e.key) {
        case 'j': return run(() => step(router, open, 1));
        case 'k': return run(() => step(router, open, -1));
        case 'o':
        case 'Enter': {
          // Enter on a link or button already does what it says.
          if (e.key === 'Enter' && (e.shiftKey || (e.target as HTMLElement).closest?.('a, button, summary'))) return;
          const row = messageRows()[focusedRow(messageRows())];
          return row && !open ? run(() => openMessage(router, linkHref(row))) : undefined;
        }
        case 'u': return run(() => back(router, open));
        case 'e': return run(() => act(router, open, 'archive', afterBack));
        case '#': return run(() => act(router, open, 'delete', afterBack));
        case 's': return run(() => act(router, open, 'flag', afterBack));
        case 'I': return run(() => act(router, open, 'read', afterBack));
        case 'U': return run(() => act(router, open, 'unread', afterBack));
        case '/': return run(() => document.getElementById('search')?.focus());
        case 'c': return run(() => router.push('/compose'));
        case '?': return run(() => setHelpOpen(true));
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [router, pathname]);

  return helpOpen ? <ShortcutHelp onClose={closeHelp} /> : null;
}
