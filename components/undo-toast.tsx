'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { createMissingFolder, ORGANIZE_EVENT, runUndo, type OrganizeEventDetail } from './organize-client';

const UNDO_MS = 8_000;
const folderNames = { archive: 'Archive', trash: 'Trash', junk: 'Junk' } as const;

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
    const onResult = (event: Event) => {
      const detail = (event as CustomEvent<OrganizeEventDetail>).detail;
      setShown(detail);
      clearTimeout(timer.current);
      // A failure stays until dismissed (it may offer to create a folder); a success goes with its Undo.
      if (detail.result.status !== 'done') return;
      timer.current = setTimeout(() => setShown((now) => (now === detail ? null : now)), UNDO_MS);
      if (detail.navigate) router.push(detail.navigate);
      else router.refresh();
    };
    window.addEventListener(ORGANIZE_EVENT, onResult);
    return () => {
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
