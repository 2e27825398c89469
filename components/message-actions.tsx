'use client';

import { useRouter } from 'next/navigation';
import { organizeFormAction } from '@/app/mail/actions';
import { folderHref, messageHref } from '@/lib/mail/mailbox-input';
import type { Folder } from '@/lib/mail/types';
import { FolderPicker } from './folder-picker';
import { buttonIntent } from './message-selection';
import { runOrganize } from './organize-client';
import { advanceFrom } from './reading-pane-nav';

/** next: on the message page, where archive, delete or move go without JavaScript (the next message). */
type Props = { folder: string; uid: number; flagged: boolean; folders: Folder[]; next?: string | null };

// After these the message is no longer in this folder: the next one opens (Gmail's auto-advance).
const removes = new Set(['archive', 'delete', 'junk', 'notjunk', 'move', 'destroy']);

/** The open message's actions: a plain form (works without JavaScript) that runOrganize takes over when it can. */
export function MessageActions({ folder, uid, flagged, folders, next }: Props) {
  const router = useRouter();
  const special = folders.find((f) => f.path === folder)?.specialUse ?? null;
  const list = folderHref(folder);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const intent = buttonIntent((event.nativeEvent as SubmitEvent).submitter as HTMLElement | null);
    if (!intent) return;
    event.preventDefault();
    for (const open of event.currentTarget.querySelectorAll('details[open]')) open.removeAttribute('open');
    const run = (navigate?: string) => void runOrganize({ folder, uids: [uid], ...intent }, { confirmed: true, navigate });
    if (removes.has(intent.op)) return advanceFrom(router, { folder, uid, href: messageHref(folder, uid) }, run);
    // Reopening a message marked unread would mark it seen again: back to the list.
    run(intent.op === 'unread' ? list : undefined);
  };
  const op = (value: string, label: string) => (
    <button type="submit" name="op" value={value} className="tool-btn">{label}</button>
  );
  return (
    <form action={organizeFormAction} onSubmit={onSubmit} aria-label="Message actions" className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-4 py-2">
      <input type="hidden" name="folder" value={folder} />
      <input type="hidden" name="uid" value={uid} />
      <input type="hidden" name="returnTo" value={list} />
      <input type="hidden" name="view" value={messageHref(folder, uid)} />
      {next && <input type="hidden" name="next" value={next} />}
      {special !== 'archive' && op('archive', 'Archive')}
      {special === 'trash' ? (
        <details className="tool-menu">
          <summary className="tool-btn text-red-800">Delete forever</summary>
          <div className="tool-pop w-64 p-3 text-sm">
            <p className="mb-2 text-slate-700">This message will be deleted for good. This cannot be undone.</p>
            <button type="submit" name="op" value="destroy" className="min-h-11 w-full rounded-lg bg-red-700 px-3 font-semibold text-white hover:bg-red-800">
              Yes, delete forever
            </button>
          </div>
        </details>
      ) : (
        op('delete', 'Delete')
      )}
      {op('unread', 'Mark unread')}
      {flagged ? op('unflag', 'Unflag') : op('flag', 'Flag')}
      {special === 'junk' ? op('notjunk', 'Not junk') : op('junk', 'Junk')}
      <FolderPicker label="Move to…" name="move" folders={folders} exclude={folder} />
    </form>
  );
}
