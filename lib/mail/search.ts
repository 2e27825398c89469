// Owns running a search on the server: UID SEARCH in one folder (its matches kept while the folder is
// unchanged), or in every folder merged newest first, paged like a folder with envelopes fetched for
// the shown page only.
import 'server-only';
import type { ImapFlow, SearchObject } from 'imapflow';
import { z } from 'zod';
import type { UserSession } from '@/lib/auth/current-session';
import { compileCriteria } from './imap-exec';
import { folderStamp } from './imap-client';
import { ACROSS_FOLDERS, syncSelected, withImap } from './imap-pool';
import { folderSchema, pageSchema } from './mailbox-input';
import { PAGE_SIZE, fetchInOrder } from './messages';
import { isSettingsFolder } from './settings-message';
import { ALL_FOLDERS, parseSearchQuery } from './search-query';

export { ALL_FOLDERS };
import { serverSortWindow } from './sort';
import type { FoundMessage, SearchPage } from './types';

/** An all-folder search pages through at most this many of the newest matches. */
export const ALL_FOLDERS_CAP = 1000;

export const searchParamsSchema = z.object({
  q: z.string().max(10_000).catch(''),
  in: z.union([z.literal(ALL_FOLDERS), folderSchema]).catch(ALL_FOLDERS),
  page: pageSchema,
});

export type SearchOutcome = { ok: true; result: SearchPage } | { ok: false; empty: boolean; error: string };

const REFUSED = 'The mail server could not run this search. Try fewer or simpler words.';

class Refused extends Error {}

/** UIDs matching in the selected folder, ascending; a NO/BAD from the server becomes a user message. */
async function uidsMatching(client: ImapFlow, search: SearchObject): Promise<number[]> {
  const found = await client.search(search, { uid: true });
  if (!found) throw new Refused();
  return found;
}

function paging(total: number, page: number) {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { pageCount, current: Math.min(Math.max(1, page), pageCount) };
}

// A search that names no flag (is:unread, is:read, is:flagged) matches on what never changes in a
// message, so its UIDs hold while the folder holds the same messages (folderStamp). Kept per
// connection, the last few (up to 20,000 matches each): paging through results or coming back to them
// from a message does not make the server search the folder again, ~0.2 s for 100,000 messages.
type Kept = { stamp: string; uids: number[] };
const keptSearches = new WeakMap<ImapFlow, Map<string, Kept>>();
const SEARCHES_KEPT = 2;
const MATCHES_KEPT = 20_000;

async function uidsMatchingKept(client: ImapFlow, search: SearchObject, namesFlags: boolean): Promise<number[]> {
  // Dovecot searches this connection's view of the folder: without a sync (shared with the folder
  // list's) it misses new mail and flags set elsewhere since, and the stamp would not be current.
  await syncSelected(client);
  if (namesFlags) return uidsMatching(client, search);
  const stamp = folderStamp(client);
  const key = JSON.stringify(search);
  const perClient = keptSearches.get(client) ?? new Map<string, Kept>();
  keptSearches.set(client, perClient);
  const hit = perClient.get(key);
  if (hit?.stamp === stamp) return hit.uids;
  const uids = await uidsMatching(client, search);
  perClient.delete(key);
  if (uids.length <= MATCHES_KEPT) perClient.set(key, { stamp, uids });
  while (perClient.size > SEARCHES_KEPT) perClient.delete(perClient.keys().next().value!);
  return uids;
}

async function searchFolder(client: ImapFlow, path: string, search: SearchObject, namesFlags: boolean, page: number): Promise<SearchPage> {
  const lock = await client.getMailboxLock(path);
  try {
    const uids = await uidsMatchingKept(client, search, namesFlags);
    const { pageCount, current } = paging(uids.length, page);
    // Newest first, as a folder lists: the highest UIDs arrived last.
    const end = uids.length - (current - 1) * PAGE_SIZE;
    const pageUids = uids.slice(Math.max(0, end - PAGE_SIZE), Math.max(0, end)).reverse();
    const messages = (await fetchInOrder(client, pageUids)).map((m) => ({ ...m, folder: path }));
    return { messages, page: current, pageCount, total: uids.length, shown: null };
  } finally {
    lock.release();
  }
}

type Hit = { folder: string; uid: number; time: number };

/** The newest `want` matches of one folder by INTERNALDATE, and how many match in all. */
async function folderHits(client: ImapFlow, path: string, search: SearchObject, want: number): Promise<{ hits: Hit[]; total: number }> {
  const lock = await client.getMailboxLock(path);
  try {
    let uids: number[];
    let total: number;
    if (client.capabilities.has('ESORT') && client.capabilities.has('CONTEXT=SEARCH')) {
      // SORT (REVERSE ARRIVAL) with RETURN (PARTIAL): the newest matches by INTERNALDATE, and the count.
      const sorted = await serverSortWindow(client, { key: 'date', dir: 'desc' }, compileCriteria(client, search), 0, want);
      uids = sorted.uids;
      total = sorted.total ?? uids.length;
    } else {
      // Without ESORT the highest UIDs stand in for the newest (exact unless old mail was copied in).
      const all = await uidsMatching(client, search);
      uids = all.slice(-want);
      total = all.length;
    }
    if (uids.length === 0) return { hits: [], total };
    const dated = await client.fetchAll(uids.join(','), { uid: true, internalDate: true }, { uid: true });
    return { hits: dated.map((m) => ({ folder: path, uid: m.uid, time: m.internalDate ? new Date(m.internalDate).getTime() : 0 })), total };
  } finally {
    lock.release();
  }
}

async function searchAllFolders(client: ImapFlow, search: SearchObject, page: number): Promise<SearchPage> {
  const folders = (await client.list()).filter((f) => !f.flags.has('\\Noselect') && !f.flags.has('\\NonExistent') && !isSettingsFolder(client, f.path));
  const want = Math.min(ALL_FOLDERS_CAP, Math.max(1, page) * PAGE_SIZE);
  let total = 0;
  const hits: Hit[] = [];
  for (const folder of folders) {
    const found = await folderHits(client, folder.path, search, want);
    total += found.total;
    hits.push(...found.hits);
  }
  hits.sort((a, b) => b.time - a.time || b.uid - a.uid);
  const reachable = Math.min(total, ALL_FOLDERS_CAP);
  const { pageCount, current } = paging(reachable, page);
  const pageHits = hits.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
  // Envelopes for the shown page only, one FETCH per folder it touches.
  const byKey = new Map<string, FoundMessage>();
  for (const path of new Set(pageHits.map((h) => h.folder))) {
    const lock = await client.getMailboxLock(path);
    try {
      const summaries = await fetchInOrder(client, pageHits.filter((h) => h.folder === path).map((h) => h.uid));
      for (const m of summaries) byKey.set(`${path}\u0000${m.uid}`, { ...m, folder: path });
    } finally {
      lock.release();
    }
  }
  const messages = pageHits.flatMap((h) => byKey.get(`${h.folder}\u0000${h.uid}`) ?? []);
  return { messages, page: current, pageCount, total, shown: total > ALL_FOLDERS_CAP ? ALL_FOLDERS_CAP : null };
}

/** Runs the search box's query in one folder or (scope "all") every selectable folder. */
export async function searchMail(session: UserSession, query: string, scope: string, page: number): Promise<SearchOutcome> {
  const parsed = parseSearchQuery(query);
  if (!parsed.ok) return parsed;
  const inFolder = scope === ALL_FOLDERS ? null : folderSchema.parse(scope);
  try {
    const result = await withImap(session.sid, session.creds, (client) =>
      inFolder
        ? searchFolder(client, inFolder, parsed.search, parsed.terms.some((t) => t.kind === 'flag'), page)
        : searchAllFolders(client, parsed.search, page),
      { folder: inFolder ?? ACROSS_FOLDERS },
    );
    return { ok: true, result };
  } catch (err) {
    if (err instanceof Refused || (err as { cause?: unknown })?.cause instanceof Refused) return { ok: false, empty: false, error: REFUSED };
    throw err;
  }
}
