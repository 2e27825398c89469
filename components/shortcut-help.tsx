'use client';
import { useEffect, useRef } from 'react';

export const SHORTCUTS: [keys: string[], what: string][] = [
  [['j'], 'Next message'],
  [['k'], 'Previous message'],
  [['o', 'Enter'], 'Open message'],
  [['u'], 'Back to the list'],
  [['e'], 'Archive'],
  [['#'], 'Delete'],
  [['s'], 'Flag or unflag'],
  [['Shift', 'i'], 'Mark as read'],
  [['Shift', 'u'], 'Mark as unread'],
  [['/'], 'Search'],
  [['c'], 'Compose'],
  [['?'], 'This list'],
];

/** The `?` dialog: a modal <dialog>, so Escape, focus trapping and the backdrop come from the browser. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    dialog.showModal();
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, [onClose]);
  return (
    <dialog ref={ref} aria-labelledby="shortcut-help-title" className="m-auto w-[min(24rem,calc(100%-2rem))] rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40">
      <div className="flex items-center border-b border-slate-200 px-4 py-3">
        <h2 id="shortcut-help-title" className="font-semibold">Keyboard shortcuts</h2>
        <form method="dialog" className="ml-auto">
          <button className="inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-100" aria-label="Close">✕</button>
        </form>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 px-4 py-3 text-sm">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={what} className="contents">
            <dt className="flex gap-1">
              {keys.map((k, i) => (
                <span key={k} className="flex items-center gap-1">
                  {i > 0 && <span className="text-slate-400">{k === 'Enter' ? 'or' : '+'}</span>}
                  <kbd className="min-w-6 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-xs">{k}</kbd>
                </span>
              ))}
            </dt>
            <dd className="text-slate-700">{what}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
