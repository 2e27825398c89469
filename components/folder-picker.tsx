'use client';
import type { Folder } from '@/lib/mail/types';
import { Icon } from './icons';

type Props = { label: string; name: 'move' | 'copy'; folders: Folder[]; exclude: string };

function flatten(folders: Folder[], depth = 0): Array<{ folder: Folder; depth: number }> {
  return folders.flatMap((folder) => [{ folder, depth }, ...flatten(folder.children, depth + 1)]);
}

/**
 * "Move to…"/"Copy to…": a <details> menu of submit buttons (name="move"|"copy", value=<path>), so
 * choosing a folder is one tap and works without JavaScript. Lives inside the list's or message's form.
 * A client component although it has no state: the page's payload then carries the folder list once, as
 * data shared with the sidebar (FolderNav), instead of a rendered copy per menu.
 */
export function FolderPicker({ label, name, folders, exclude }: Props) {
  const choices = flatten(folders).filter(({ folder }) => folder.selectable && folder.path !== exclude);
  if (choices.length === 0) return null;
  return (
    <details className="tool-menu">
      <summary className="tool-btn">{label}</summary>
      <div className="tool-pop" role="group" aria-label={label}>
        {choices.map(({ folder, depth }) => (
          <button key={folder.path} type="submit" name={name} value={folder.path} className="tool-item" style={{ paddingLeft: `${0.75 + depth}rem` }}>
            <Icon name={folder.specialUse ?? 'folder'} className="size-4 shrink-0 opacity-70" />
            <span className="truncate">{folder.name}</span>
          </button>
        ))}
      </div>
    </details>
  );
}
