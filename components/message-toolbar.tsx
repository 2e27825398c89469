import type { Folder } from '@/lib/mail/types';
import { FolderPicker } from './folder-picker';

type Props = { folder: string; folders: Folder[]; specialUse: Folder['specialUse'] };

function Op({ op, children, className = '' }: { op: string; children: React.ReactNode; className?: string }) {
  return (
    <button type="submit" name="op" value={op} className={`tool-btn ${className}`}>
      {children}
    </button>
  );
}

/**
 * The list's actions on the ticked messages: plain submit buttons of the list's <form>, so they work
 * without JavaScript too. The rarer ones sit under "More" on phones. In Trash, Delete becomes
 * "Delete forever" behind a confirm step; in Junk, Junk becomes "Not junk".
 */
export function MessageToolbar({ folder, folders, specialUse }: Props) {
  const inTrash = specialUse === 'trash';
  const inJunk = specialUse === 'junk';
  return (
    <div role="toolbar" aria-label="Selected messages" className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 bg-white px-2 py-2">
      {specialUse !== 'archive' && <Op op="archive">Archive</Op>}
      {inTrash ? (
        <details className="tool-menu">
          <summary className="tool-btn text-red-800">Delete forever</summary>
          <div className="tool-pop w-64 p-3 text-sm">
            <p className="mb-2 text-slate-700">The selected messages will be deleted for good. This cannot be undone.</p>
            <button type="submit" name="op" value="destroy" className="min-h-11 w-full rounded-lg bg-red-700 px-3 font-semibold text-white hover:bg-red-800">
              Yes, delete forever
            </button>
          </div>
        </details>
      ) : (
        <Op op="delete">Delete</Op>
      )}
      {inJunk ? <Op op="notjunk">Not junk</Op> : <Op op="junk">Junk</Op>}
      <FolderPicker label="Move to…" name="move" folders={folders} exclude={folder} />
      <Op op="read" className="hidden md:inline-flex">Mark read</Op>
      <Op op="unread" className="hidden md:inline-flex">Mark unread</Op>
      <Op op="flag" className="hidden md:inline-flex">Flag</Op>
      <Op op="unflag" className="hidden md:inline-flex">Unflag</Op>
      <FolderPicker label="Copy to…" name="copy" folders={folders} exclude={folder} />
      <details className="tool-menu md:hidden">
        <summary className="tool-btn">More</summary>
        <div className="tool-pop right-0 left-auto">
          <button type="submit" name="op" value="read" className="tool-item">Mark read</button>
          <button type="submit" name="op" value="unread" className="tool-item">Mark unread</button>
          <button type="submit" name="op" value="flag" className="tool-item">Flag</button>
          <button type="submit" name="op" value="unflag" className="tool-item">Unflag</button>
        </div>
      </details>
    </div>
  );
}
