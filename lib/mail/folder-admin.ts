// Owns changing the folder tree: create (nested), rename, delete, subscribe — never a special-use
// folder (Inbox, Sent, Drafts, Trash, Junk, Archive) by accident, and names checked before IMAP sees them.
import 'server-only';
import type { ImapFlow, ListResponse } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { specialUseOf } from './folders';
import { withImap } from './imap-pool';
import { folderNameSchema, folderSchema } from './mailbox-input';

type ServerRefusal = { serverResponseCode?: string; response?: string; responseStatus?: string };

function invalid(message: string): MailError {
  return new MailError('invalid_input', message);
}

/** The server's own reason when it refuses (Dovecot: "Character not allowed in mailbox name: '.'"). */
function refusal(err: unknown, what: string): MailError {
  if (err instanceof MailError) return err;
  const e = (err ?? {}) as ServerRefusal;
  if (e.serverResponseCode === 'ALREADYEXISTS') return invalid('A folder with that name already exists');
  if (e.serverResponseCode === 'NONEXISTENT') return new MailError('not_found');
  if (e.responseStatus !== 'NO' && e.responseStatus !== 'BAD') return err as MailError;
  // "A1 NO [CANNOT] reason (0.001 + 0.000 secs)." → "reason"
  const reason = (e.response ?? '').replace(/^\S+ (NO|BAD) (\[[^\]]*\] )?/, '').replace(/ \([\d.+ ]+secs\)\.?$/, '').slice(0, 200);
  return invalid(`The mail server refused to ${what} the folder${reason ? `: ${reason}` : ''}`);
}

async function entries(client: ImapFlow): Promise<ListResponse[]> {
  return client.list();
}

function find(list: ListResponse[], path: string): ListResponse {
  const entry = list.find((e) => e.path === path);
  if (!entry) throw new MailError('not_found', 'That folder no longer exists');
  return entry;
}

function refuseSpecial(entry: ListResponse, verb: string): void {
  if (entry.path.toUpperCase() === 'INBOX' || specialUseOf(entry)) {
    throw invalid(`${entry.path === 'INBOX' ? 'Inbox' : entry.name} is a special folder and cannot be ${verb}`);
  }
}

/** `name` is already checked by folderNameSchema (outside withImap, so its message reaches the user). */
function childPath(list: ListResponse[], parent: string, name: string): string {
  const parentEntry = parent ? find(list, parent) : undefined;
  if (parentEntry?.flags.has('\\Noinferiors')) throw invalid(`${parentEntry.name} cannot hold subfolders`);
  const delimiter = parentEntry?.delimiter ?? list[0]?.delimiter ?? '/';
  if (name.includes(delimiter)) throw invalid(`Folder names cannot contain "${delimiter}": choose a parent folder instead`);
  if (!parent && name.toUpperCase() === 'INBOX') throw invalid('That folder name is reserved');
  const path = parent ? `${parent}${delimiter}${name}` : name;
  if (list.some((e) => e.path.toLowerCase() === path.toLowerCase())) throw invalid('A folder with that name already exists');
  return path;
}

/** Creates `name` under `parent` ('' for the top level), using the server's hierarchy delimiter. */
export async function createFolder(session: UserSession, parent: string, name: string): Promise<string> {
  const parentPath = parent ? folderSchema.parse(parent) : '';
  const checked = folderNameSchema.parse(name);
  return withImap(session.sid, session.creds, async (client) => {
    const path = childPath(await entries(client), parentPath, checked);
    try {
      const created = await client.mailboxCreate(path);
      if (!created.created) throw invalid('A folder with that name already exists');
      return created.path;
    } catch (err) {
      throw refusal(err, 'create');
    }
  }, { retry: false });
}

/** Gives a folder a new name in the same parent; its subfolders move with it. */
export async function renameFolder(session: UserSession, path: string, newName: string): Promise<string> {
  const from = folderSchema.parse(path);
  const checked = folderNameSchema.parse(newName);
  return withImap(session.sid, session.creds, async (client) => {
    const list = await entries(client);
    const entry = find(list, from);
    refuseSpecial(entry, 'renamed');
    const to = childPath(list, entry.parentPath ?? '', checked);
    const delimiter = entry.delimiter ?? '/';
    const subscribed = list.filter((e) => e.subscribed === true && (e.path === from || e.path.startsWith(`${from}${delimiter}`)));
    try {
      await client.mailboxRename(from, to);
    } catch (err) {
      throw refusal(err, 'rename');
    }
    // Dovecot does not carry subscriptions over a RENAME: move them, or the folder vanishes from the sidebar.
    for (const old of subscribed) {
      await client.mailboxUnsubscribe(old.path);
      await client.mailboxSubscribe(`${to}${old.path.slice(from.length)}`);
    }
    return to;
  }, { retry: false });
}

/**
 * Deletes a folder and the messages in it. One with subfolders is refused: Dovecot would delete it
 * and leave a "\Noselect" placeholder holding the children, which surprises more than it helps.
 */
export async function deleteFolder(session: UserSession, path: string): Promise<void> {
  const target = folderSchema.parse(path);
  await withImap(session.sid, session.creds, async (client) => {
    const list = await entries(client);
    const entry = find(list, target);
    refuseSpecial(entry, 'deleted');
    if (list.some((e) => e.parentPath === target)) throw invalid(`${entry.name} has subfolders: delete or move them first`);
    try {
      await client.mailboxDelete(target);
    } catch (err) {
      throw refusal(err, 'delete');
    }
  });
}

/** Subscribed folders show in the sidebar; Inbox always does. */
export async function setSubscribed(session: UserSession, path: string, subscribed: boolean): Promise<void> {
  const target = folderSchema.parse(path);
  await withImap(session.sid, session.creds, async (client) => {
    const entry = find(await entries(client), target);
    if (!subscribed && entry.path === 'INBOX') throw invalid('Inbox is always shown');
    const ok = subscribed ? await client.mailboxSubscribe(target) : await client.mailboxUnsubscribe(target);
    if (!ok) throw invalid(`The mail server refused to ${subscribed ? 'show' : 'hide'} the folder`);
  });
}
