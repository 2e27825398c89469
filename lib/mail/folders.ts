// Owns the folder list: special-use folders first (by RFC 6154 flags, not names), then the rest as a tree.
import 'server-only';
import type { ImapFlow, ListResponse } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { syncSelected, withImap } from './imap-pool';
import { isSettingsFolder } from './settings-message';
import type { Folder } from './types';

export type SpecialUse = NonNullable<Folder['specialUse']>;
const specialOrder: SpecialUse[] = ['inbox', 'drafts', 'sent', 'archive', 'junk', 'trash'];
const specialFlags: Record<string, SpecialUse> = {
  '\\Inbox': 'inbox',
  '\\Drafts': 'drafts',
  '\\Sent': 'sent',
  '\\Archive': 'archive',
  '\\Junk': 'junk',
  '\\Trash': 'trash',
};

/** The folder's special use from its LIST entry (imapflow also recognises the conventional names). */
export function specialUseOf(entry: ListResponse): SpecialUse | null {
  return entry.specialUse ? (specialFlags[entry.specialUse] ?? null) : null;
}

function toFolder(entry: ListResponse): Folder {
  const specialUse = specialUseOf(entry);
  return {
    path: entry.path,
    name: specialUse === 'inbox' ? 'Inbox' : entry.name,
    delimiter: entry.delimiter ?? '/',
    specialUse,
    unread: entry.status?.unseen ?? 0,
    total: entry.status?.messages ?? 0,
    selectable: !entry.flags.has('\\Noselect') && !entry.flags.has('\\NonExistent'),
    subscribed: entry.subscribed === true || specialUse === 'inbox',
    children: [],
  };
}

/** Pure: orders special-use folders first and nests the others under their parents. */
export function arrangeFolders(entries: ListResponse[]): Folder[] {
  const usable = entries.filter((e) => !e.flags.has('\\Noselect') || entries.some((c) => c.parentPath === e.path));
  const special = usable
    .filter((e) => specialUseOf(e))
    .map(toFolder)
    .sort((a, b) => specialOrder.indexOf(a.specialUse!) - specialOrder.indexOf(b.specialUse!));
  const others = usable.filter((e) => !specialUseOf(e));
  const byPath = new Map(others.map((e) => [e.path, toFolder(e)]));
  const roots: Folder[] = [];
  for (const entry of others) {
    const folder = byPath.get(entry.path)!;
    const parent = entry.parentPath ? byPath.get(entry.parentPath) : undefined;
    (parent ? parent.children : roots).push(folder);
  }
  const byName = (a: Folder, b: Folder) => a.name.localeCompare(b.name);
  const sortTree = (list: Folder[]): Folder[] => list.sort(byName).map((f) => ({ ...f, children: sortTree(f.children) }));
  return [...special, ...sortTree(roots)];
}

/** Pure: keeps subscribed folders, and the parents a subscribed folder needs to stay in its place. */
export function subscribedOnly(folders: Folder[]): Folder[] {
  return folders.flatMap((f) => {
    const children = subscribedOnly(f.children);
    return f.subscribed || children.length > 0 ? [{ ...f, children }] : [];
  });
}

/** The sidebar's folders (subscribed only); `{ all: true }` for the folder management page. */
export async function listFolders(session: UserSession, { all = false }: { all?: boolean } = {}): Promise<Folder[]> {
  return withImap(session.sid, session.creds, async (client) => {
    // Dovecot answers STATUS for the selected mailbox from this connection's view, which lags
    // behind new mail until the connection syncs: without this NOOP its count is one refresh late.
    if (client.mailbox) await syncSelected(client);
    // LIST-STATUS where the server has it: one round trip for names, flags and counts.
    const entries = await client.list({ statusQuery: { messages: true, unseen: true } });
    // Satchel's own settings folder (servers without METADATA) is not the user's mail.
    const folders = arrangeFolders(entries.filter((e) => !isSettingsFolder(client, e.path)));
    return all ? folders : subscribedOnly(folders);
  });
}

/** The path of a special-use folder on an open connection: a plain LIST, no counts needed. */
export async function specialFolderPath(client: ImapFlow, use: SpecialUse): Promise<string | null> {
  const entries = await client.list();
  return entries.find((e) => specialUseOf(e) === use)?.path ?? null;
}

/** The path of a special-use folder (by its RFC 6154 flag), from a plain LIST: no counts needed. */
export async function findSpecialFolder(session: UserSession, use: SpecialUse): Promise<string | null> {
  return withImap(session.sid, session.creds, (client) => specialFolderPath(client, use));
}
