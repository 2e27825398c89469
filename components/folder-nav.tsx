'use client';
import Link from 'next/link';
import { folderHref } from '@/lib/mail/mailbox-input';
import type { Folder } from '@/lib/mail/types';
import { Icon } from './icons';

function FolderItem({ folder, current, depth }: { folder: Folder; current: string | null; depth: number }) {
  const active = folder.path === current;
  const indent = { paddingLeft: `${0.75 + depth}rem` };
  const row = 'flex min-h-11 items-center gap-2 rounded-lg pr-3 text-sm md:min-h-9';
  const content = (
    <>
      <Icon name={folder.specialUse ?? 'folder'} className="size-4 shrink-0 opacity-70" />
      <span className="truncate">{folder.name}</span>
      {folder.unread > 0 && (
        <span className="ml-auto text-xs font-semibold tabular-nums" aria-label={`${folder.unread} unread`}>
          {folder.unread}
        </span>
      )}
    </>
  );
  return (
    <li>
      {folder.selectable ? (
        <Link
          href={folderHref(folder.path)}
          // Never prefetch: each folder link would cost the server a page render and IMAP work per list view.
          prefetch={false}
          aria-current={active ? 'page' : undefined}
          data-folder-path={folder.path}
          style={indent}
          className={`${row} ${active ? 'bg-accent-soft font-semibold text-accent' : 'text-slate-700 hover:bg-slate-100'}`}
        >
          {content}
        </Link>
      ) : (
        <span style={indent} className={`${row} text-slate-500`}>{content}</span>
      )}
      {folder.children.length > 0 && (
        <ul>
          {folder.children.map((child) => (
            <FolderItem key={child.path} folder={child} current={current} depth={depth + 1} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * The folder list (rendered twice by MailShell: the phone drawer and the sidebar). A client component
 * although it has no state: the page's payload then carries the folders once, as data shared with the
 * Move to…/Copy to… menus (FolderPicker), instead of two rendered copies.
 */
export function FolderNav({ folders, current }: { folders: Folder[]; current: string | null }) {
  return (
    <>
      <ul className="mt-1 space-y-0.5">
        {folders.map((folder) => (
          <FolderItem key={folder.path} folder={folder} current={current} depth={0} />
        ))}
      </ul>
      <Link prefetch={false} href="/settings/folders" className="mt-2 flex min-h-11 items-center rounded-lg px-3 text-sm text-slate-600 hover:bg-slate-100 md:min-h-9">
        Manage folders
      </Link>
    </>
  );
}
