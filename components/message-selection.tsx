'use client';

import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ORGANIZE_EVENT, runOrganize, type OrganizeEventDetail } from './organize-client';
import type { OrganizeInput } from '@/app/mail/actions';

type Props = {
  folder: string;
  total: number;
  /** Rows on this page. */
  pageSize: number;
  returnTo: string;
  action: (data: FormData) => Promise<void>;
  children: React.ReactNode;
};

const boxesOf = (form: HTMLFormElement | null) => [...(form?.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="uid"]') ?? [])];

/** Pure: what a toolbar button asks for (name="op" value=…, or name="move"/"copy" value=<folder>). */
export function buttonIntent(submitter: HTMLElement | null): Pick<OrganizeInput, 'op' | 'target'> | null {
  if (!(submitter instanceof HTMLButtonElement)) return null;
  if (submitter.name === 'move' || submitter.name === 'copy') return { op: submitter.name, target: submitter.value };
  return submitter.name === 'op' ? { op: submitter.value as OrganizeInput['op'] } : null;
}

/**
 * The list's one client component: selection by event delegation over server-rendered rows (ticks,
 * shift-click ranges, select the page, then all of the folder) and toolbar buttons through
 * runOrganize. Without JavaScript the same <form> posts to `action` and everything still works,
 * except selecting more than one row at a time.
 */
const noSubscription = () => () => {};

export function MessageSelection({ folder, total, pageSize, returnTo, action, children }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const last = useRef<number | null>(null);
  // The page-selection controls need JavaScript. They are in the server's HTML all the same, so the
  // list does not jump down when the page hydrates (seconds later on a slow phone): inert until then,
  // and hidden where scripting is off.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  const [count, setCount] = useState(0);
  const [all, setAll] = useState(false);

  const sync = () => setCount(boxesOf(form.current).filter((b) => b.checked).length);

  useEffect(() => {
    const clear = (event: Event) => {
      if ((event as CustomEvent<OrganizeEventDetail>).detail.result.status !== 'done') return;
      for (const box of boxesOf(form.current)) box.checked = false;
      setAll(false);
      sync();
    };
    window.addEventListener(ORGANIZE_EVENT, clear);
    return () => window.removeEventListener(ORGANIZE_EVENT, clear);
  }, []);

  const onClick = (event: React.MouseEvent<HTMLFormElement>) => {
    const box = event.target;
    if (!(box instanceof HTMLInputElement) || box.name !== 'uid') return;
    const boxes = boxesOf(form.current);
    const index = boxes.indexOf(box);
    if (event.shiftKey && last.current !== null) {
      const [from, to] = [Math.min(last.current, index), Math.max(last.current, index)];
      for (const other of boxes.slice(from, to + 1)) other.checked = box.checked;
    }
    last.current = index;
    setAll(false);
    sync();
  };

  const selectPage = (checked: boolean) => {
    for (const box of boxesOf(form.current)) box.checked = checked;
    setAll(false);
    sync();
  };

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const intent = buttonIntent((event.nativeEvent as SubmitEvent).submitter as HTMLElement | null);
    if (!intent) return;
    event.preventDefault();
    for (const open of form.current?.querySelectorAll('details[open]') ?? []) open.removeAttribute('open');
    const uids = all ? 'all' : boxesOf(form.current).filter((b) => b.checked).map((b) => Number(b.value));
    // The toolbar's "Delete forever" already asked (its own confirm step), so no second dialog.
    void runOrganize({ folder, uids, ...intent }, { confirmed: true });
  };

  const pageAll = pageSize > 0 && count === pageSize;
  const link = 'min-h-10 rounded-lg px-2 font-semibold text-accent hover:bg-accent-soft';
  return (
    <form ref={form} action={action} onSubmit={onSubmit} onClick={onClick} data-message-list data-folder={folder} data-selected={all ? total : count}>
      <input type="hidden" name="folder" value={folder} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <input type="hidden" name="all" value={all ? '1' : '0'} />
      {pageSize > 0 && (
        <div className="flex min-h-12 flex-wrap items-center gap-x-3 border-b border-slate-200 bg-white px-2 text-sm text-slate-700 noscript:hidden">
          <label className="msg-check">
            <input type="checkbox" checked={pageAll} disabled={!hydrated} onChange={(e) => selectPage(e.target.checked)} aria-label="Select all messages on this page"
              ref={(el) => { if (el) el.indeterminate = count > 0 && !pageAll; }} />
          </label>
          <span aria-live="polite">{all ? `All ${total.toLocaleString('en-GB')} messages in this folder are selected` : count > 0 ? `${count} selected` : 'Select messages to act on them'}</span>
          {pageAll && !all && total > pageSize && (
            <button type="button" className={link} onClick={() => setAll(true)}>Select all {total.toLocaleString('en-GB')} in this folder</button>
          )}
          {(all || count > 0) && <button type="button" className={link} onClick={() => selectPage(false)}>Clear selection</button>}
        </div>
      )}
      {children}
    </form>
  );
}
