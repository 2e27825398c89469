import { createFolderAction, deleteFolderAction, renameFolderAction, subscribeFolderAction } from '@/app/settings/folders/actions';
import type { Folder } from '@/lib/mail/types';
import { Icon } from './icons';

const input = 'block w-full min-w-0 rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft';
const primary = 'min-h-11 shrink-0 rounded-lg bg-accent px-4 text-sm font-semibold text-white hover:bg-blue-800';

function flatten(folders: Folder[], depth = 0): Array<{ folder: Folder; depth: number }> {
  return folders.flatMap((folder) => [{ folder, depth }, ...flatten(folder.children, depth + 1)]);
}

function CreateForm({ folders }: { folders: Folder[] }) {
  return (
    <form action={createFolderAction} className="grid gap-3 border-b border-slate-200 bg-white p-4 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
      <div>
        <label htmlFor="new-folder-name" className="mb-1 block text-sm font-medium text-slate-600">New folder</label>
        <input id="new-folder-name" name="name" required maxLength={200} className={input} placeholder="Folder name" autoComplete="off" />
      </div>
      <div>
        <label htmlFor="new-folder-parent" className="mb-1 block text-sm font-medium text-slate-600">Inside</label>
        <select id="new-folder-parent" name="parent" className={input} defaultValue="">
          <option value="">Top level</option>
          {flatten(folders).map(({ folder, depth }) => (
            <option key={folder.path} value={folder.path}>{`${'  '.repeat(depth)}${folder.name}`}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={primary}>Create folder</button>
    </form>
  );
}

function Row({ folder, depth }: { folder: Folder; depth: number }) {
  const special = folder.specialUse !== null;
  const small = 'tool-btn';
  return (
    <li data-folder={folder.path} className="flex flex-wrap items-center gap-2 border-b border-slate-100 bg-white py-2 pr-3" style={{ paddingLeft: `${1 + depth * 1.25}rem` }}>
      <Icon name={folder.specialUse ?? 'folder'} className="size-4 shrink-0 text-slate-500" />
      <span className="min-w-0 flex-1">
        <span className="block truncate font-medium">{folder.name}</span>
        <span className="text-xs text-slate-500">
          {folder.selectable ? `${folder.total.toLocaleString('en-GB')} message${folder.total === 1 ? '' : 's'}` : 'Holds folders only'}
          {!folder.subscribed && ' · hidden from the folder list'}
        </span>
      </span>
      {folder.specialUse !== 'inbox' && (
        <form action={subscribeFolderAction}>
          <input type="hidden" name="path" value={folder.path} />
          <input type="hidden" name="subscribe" value={folder.subscribed ? '0' : '1'} />
          <button type="submit" className={small} aria-label={`${folder.subscribed ? 'Hide' : 'Show'} ${folder.name} in the folder list`}>
            {folder.subscribed ? 'Hide' : 'Show'}
          </button>
        </form>
      )}
      {!special && (
        <details className="tool-menu">
          <summary className={small} aria-label={`Rename ${folder.name}`}>Rename</summary>
          <form action={renameFolderAction} className="tool-pop right-0 left-auto w-72 space-y-2 p-3">
            <input type="hidden" name="path" value={folder.path} />
            <label className="block text-sm font-medium text-slate-600" htmlFor={`rename-${folder.path}`}>New name</label>
            <input id={`rename-${folder.path}`} name="name" defaultValue={folder.name} required maxLength={200} className={input} autoComplete="off" />
            <button type="submit" className={`${primary} w-full`}>Save name</button>
          </form>
        </details>
      )}
      {!special && (
        <details className="tool-menu">
          <summary className={`${small} text-red-800`} aria-label={`Delete ${folder.name}`}>Delete</summary>
          <form action={deleteFolderAction} className="tool-pop right-0 left-auto w-72 p-3 text-sm">
            <input type="hidden" name="path" value={folder.path} />
            <p className="mb-2 text-slate-700">
              Delete “{folder.name}”{folder.total > 0 ? ` and its ${folder.total.toLocaleString('en-GB')} message${folder.total === 1 ? '' : 's'}` : ''} for good?
            </p>
            <button type="submit" className="min-h-11 w-full rounded-lg bg-red-700 px-3 font-semibold text-white hover:bg-red-800">Yes, delete folder</button>
          </form>
        </details>
      )}
    </li>
  );
}

/** Every folder, subscribed or not; special-use folders can be hidden but never renamed or deleted. */
export function FolderAdminList({ folders }: { folders: Folder[] }) {
  return (
    <>
      <CreateForm folders={folders.filter((f) => f.selectable || f.children.length > 0)} />
      <ul aria-label="All folders">
        {flatten(folders).map(({ folder, depth }) => (
          <Row key={folder.path} folder={folder} depth={depth} />
        ))}
      </ul>
    </>
  );
}
