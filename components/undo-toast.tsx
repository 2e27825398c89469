'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { createMissingFolder, ORGANIZE_EVENT, runUndo, type OrganizeEventDetail } from './organize-client';
import { hasReadingPane, messageRefOf, openMessage } from './reading-pane-nav';

const UNDO_MS = 8_000;
const folderNames = { archive: 'Archive', trash: 'Trash', junk: 'Junk' } as const;
// A toast handed over a page load (the message page going on to the next message), for the new page.
const CARRIED = 'satchel:toast';

function carry(detail: OrganizeEventDetail): void {
  sessionStorage.setItem(CARRIED, JSON.stringify({ detail, until: Date.now() + UNDO_MS }));
}

function carried(): { detail: OrganizeEventDetail; left: number } | null {
  const raw = sessionStorage.getItem(CARRIED);
  sessionStorage.removeItem(CARRIED);
  try {
    const { detail, until } = JSON.parse(raw ?? 'null') ?? {};
    const left = typeof until === 'number' ? until - Date.now() : 0;
    return left > 0 && detail?.result?.status === 'done' ? { detail, left } : null;
  } catch {
    return null;
  }
}

/** After the action: to the next message (a page load on the message page, the toast going along) or the list. */
function go(router: ReturnType<typeof useRouter>, detail: OrganizeEventDetail, href: string): void {
  if (!messageRefOf(new URL(href, window.location.href).pathname)) return router.push(href);
  if (!hasReadingPane()) carry(detail);
  openMessage(router, href);
}

/**
 * The status line of every organize action (mounted once by MailShell): says what happened, offers
 * Undo for a few seconds after a move, offers to create a missing Archive/Trash/Junk, and refreshes
 * the page so lists and counts show the server's new state.
 */
export function UndoToast() {
  const router = useRouter();
  const [shown, setShown] = useState<OrganizeEventDetail | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    const handOver = setTimeout(() => {
      const handed = carried();
      if (!handed) return;
      setShown(handed.detail);
      timer.current = setTimeout(() => setShown((now) => (now === handed.detail ? null : now)), handed.left);
    }, 0);
    const onResult = (event: Event) => {
      const detail = (event as CustomEvent<OrganizeEventDetail>).detail;
      setShown(detail);
      clearTimeout(timer.current);
      // A failure stays until dismissed (it may offer to create a folder); a success goes with its Undo.
      if (detail.result.status !== 'done') return;
      timer.current = setTimeout(() => setShown((now) => (now === detail ? null : now)), UNDO_MS);
      if (detail.navigate) go(router, detail, detail.navigate);
      else router.refresh();
    };
    window.addEventListener(ORGANIZE_EVENT, onResult);
    return () => {
      clearTimeout(handOver);
      window.removeEventListener(ORGANIZE_EVENT, onResult);
      clearTimeout(timer.current);
    };
  }, [router]);

  if (!shown) return <p role="status" aria-live="polite" className="sr-only" />;
  const { result } = shown;
  const undo = result.status === 'done' ? result.undo : null;
  const missing = result.status === 'failed' ? result.missing : undefined;
  const act = (fn: () => Promise<unknown>) => async () => {
    setBusy(true);
    await fn();
    setBusy(false);
  };
  const button = 'min-h-10 rounded-lg px-3 text-sm font-semibold text-sky-300 hover:bg-white/10 disabled:opacity-60';
  return (
    <div className="pointer-events-none fixed inset-x-0 bottom-4 z-40 flex justify-center px-3">
      <div data-tone={result.status} className="pointer-events-auto flex max-w-xl items-center gap-2 rounded-xl bg-slate-900 py-2 pl-4 pr-2 text-sm text-white shadow-lg data-[tone=failed]:bg-red-900">
        <p role="status" aria-live="polite" className="min-w-0 flex-1">{result.message}</p>
        {undo && <button type="button" disabled={busy} onClick={act(() => runUndo(undo))} className={button}>Undo</button>}
        {missing && (
          <button type="button" disabled={busy} onClick={act(() => createMissingFolder(missing))} className={button}>
            Create {folderNames[missing]} folder
          </button>
        )}
        <button type="button" aria-label="Dismiss" onClick={() => setShown(null)} className="min-h-10 min-w-10 rounded-lg text-white/70 hover:bg-white/10">×</button>
      </div>
    </div>
  );
}
