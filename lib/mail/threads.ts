// Owns grouping a folder into conversations: IMAP THREAD=REFERENCES (RFC 5256) where the server has
// it, else a local grouping by References / In-Reply-To / base subject; and one page of thread rows.
import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { displayName } from '@/lib/format';
import { atom, execCollect, type ImapToken } from './imap-exec';
import { selectedMailbox, withImap } from './imap-pool';
import { folderSchema } from './mailbox-input';
import { PAGE_SIZE, fetchInOrder } from './messages';
import { baseSubject } from './sort';
import type { MessageSummary, ThreadPage, ThreadSummary } from './types';

/** Only the newest messages of a big folder are grouped: THREAD over 100,000 messages takes ~1.5 s. */
export const THREAD_WINDOW = 10_000;
/** Rows show counts for the whole thread but fetch envelopes for its newest messages only. */
const ROW_MESSAGES = 20;

export type ThreadItem = { uid: number; messageId: string | null; inReplyTo: string | null; references: string[]; subject: string };

/** Every number in one top-level THREAD answer list: its messages, whatever the tree inside. */
function flatten(token: ImapToken, into: number[], depth = 0): void {
  if (depth > 200) return; // a hostile nesting depth costs nothing
  if (Array.isArray(token)) for (const t of token) flatten(t, into, depth + 1);
  else if (/^\d{1,10}$/.test(token.value)) into.push(Number(token.value));
}

/** The answer of UID THREAD: one UID list (ascending) per thread. */
export function threadsFromResponse(responses: ImapToken[][]): number[][] {
  return responses.flat().map((thread) => {
    const uids: number[] = [];
    flatten(thread, uids);
    return uids.sort((a, b) => a - b);
  }).filter((t) => t.length > 0);
}

/** Message-IDs in a References / In-Reply-To value, in order: `<a@b> <c@d>` → ['<a@b>', '<c@d>']. */
export function messageIds(header: string | null | undefined): string[] {
  return (header ?? '').match(/<[^<>\s]{1,250}>/g)?.slice(0, 100) ?? [];
}

/**
 * Without THREAD: messages that reference each other (or share a referenced ancestor, even one not
 * in this folder) form a thread, and so do messages with the same base subject ("Re: x" and "x").
 */
export function groupThreads(items: ThreadItem[]): number[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const item of items) {
    const self = `uid:${item.uid}`;
    find(self);
    const ids = [item.messageId, item.inReplyTo, ...item.references].filter((x): x is string => Boolean(x));
    for (const id of ids) union(self, `id:${id}`);
    const subject = baseSubject(item.subject);
    if (subject) union(self, `subject:${subject}`);
  }
  const groups = new Map<string, number[]>();
  for (const item of items) {
    const root = find(`uid:${item.uid}`);
    groups.set(root, [...(groups.get(root) ?? []), item.uid]);
  }
  return [...groups.values()].map((uids) => uids.sort((a, b) => a - b));
}

/** Newest thread first: UIDs grow with arrival, so a thread's largest UID is its latest message. */
const newestFirst = (threads: number[][]) => threads.sort((a, b) => (b.at(-1) ?? 0) - (a.at(-1) ?? 0));

/** Threads of the selected folder's newest THREAD_WINDOW messages (the caller holds the lock). */
export async function folderThreads(client: ImapFlow, opts: { serverThread?: boolean } = {}): Promise<number[][]> {
  const exists = selectedMailbox(client).exists;
  if (exists === 0) return [];
  const range = `${Math.max(1, exists - THREAD_WINDOW + 1)}:*`;
  if ((opts.serverThread ?? true) && client.capabilities.has('THREAD=REFERENCES')) {
    const answer = await execCollect(client, 'UID THREAD', [atom('REFERENCES'), atom('UTF-8'), { type: 'SEQUENCE', value: range }], ['THREAD']);
    return newestFirst(threadsFromResponse(answer));
  }
  const items: ThreadItem[] = [];
  for await (const msg of client.fetch(range, { uid: true, envelope: true, headers: ['references'] })) {
    const refs = msg.headers?.toString('utf8').replace(/\r?\n[ \t]+/g, ' ').replace(/^references:\s*/i, '');
    items.push({ uid: msg.uid, messageId: msg.envelope?.messageId ?? null, inReplyTo: msg.envelope?.inReplyTo ?? null, references: messageIds(refs), subject: msg.envelope?.subject ?? '' });
  }
  return newestFirst(groupThreads(items));
}

function toRow(uids: number[], summaries: MessageSummary[]): ThreadSummary | null {
  const newest = summaries[0];
  if (!newest) return null;
  const oldest = summaries.at(-1)!;
  const names = [...new Set(summaries.slice().reverse().map((m) => displayName(m.from[0])))];
  return {
    uids,
    newest,
    subject: oldest.subject || newest.subject,
    participants: names.slice(0, 4),
    unread: summaries.filter((m) => !m.seen).length,
    flagged: summaries.some((m) => m.flagged),
    hasAttachment: summaries.some((m) => m.hasAttachment),
  };
}

export async function listThreads(session: UserSession, folder: string, page: number): Promise<ThreadPage> {
  const path = folderSchema.parse(folder);
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      await client.noop();
      const exists = selectedMailbox(client).exists;
      const threads = await folderThreads(client);
      const pageCount = Math.max(1, Math.ceil(threads.length / PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      const slice = threads.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);
      // One FETCH for the whole page: the newest ROW_MESSAGES of each thread, newest first.
      const wanted = slice.flatMap((t) => t.slice(-ROW_MESSAGES).reverse());
      const byUid = new Map((await fetchInOrder(client, wanted)).map((m) => [m.uid, m]));
      const rows = slice.map((t) => toRow(t, t.slice(-ROW_MESSAGES).reverse().flatMap((uid) => byUid.get(uid) ?? [])));
      return {
        folder: path,
        threads: rows.filter((r): r is ThreadSummary => r !== null),
        page: current,
        pageCount,
        total: threads.length,
        window: exists > THREAD_WINDOW ? THREAD_WINDOW : null,
      };
    } finally {
      lock.release();
    }
  }, { folder: path });
}
