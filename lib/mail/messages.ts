// Owns reading a folder: one page of envelopes (newest first, or in a chosen order), and one message opened and marked seen.
import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { selectedMailbox, syncSelected, withImap } from './imap-pool';
import { folderSchema, uidSchema } from './mailbox-input';
import { neighboursAt, type Neighbours } from './neighbours';
import { emptyView, getAttachment, parseMessage } from './parse-message';
import { DEFAULT_SORT, folderSortWindow, type SortOrder } from './sort';
import { rowsBySeq, rowsByUid } from './summaries';
import type { FolderPage, MessageSummary, MessageView } from './types';

export const PAGE_SIZE = 50;
// Larger messages are not parsed for display; the reader can still download the source.
const MAX_DISPLAY_BYTES = 40 * 1024 * 1024;

export async function listMessages(session: UserSession, folder: string, page: number, order: SortOrder = DEFAULT_SORT): Promise<FolderPage> {
  const path = folderSchema.parse(folder);
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      // The selection is reused across requests; NOOP collects EXISTS for mail that arrived since.
      await syncSelected(client);
      const total = selectedMailbox(client).exists;
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      if (total === 0) return { folder: path, messages: [], page: 1, pageCount: 1, total: 0 };
      const messages = order.key === 'date' ? await datePage(client, total, current, order.dir) : await sortedPage(client, order, current);
      return { folder: path, messages, page: current, pageCount, total };
    } finally {
      lock.release();
    }
  }, { folder: path });
}

// Date order is arrival order, which is sequence order: only this page's rows cross the wire,
// in either direction, with no SORT round trip.
async function datePage(client: ImapFlow, total: number, page: number, dir: SortOrder['dir']): Promise<MessageSummary[]> {
  const newest = dir === 'desc';
  const high = newest ? total - (page - 1) * PAGE_SIZE : Math.min(total, page * PAGE_SIZE);
  const low = newest ? Math.max(1, high - PAGE_SIZE + 1) : (page - 1) * PAGE_SIZE + 1;
  const rows = await rowsBySeq(client, `${low}:${high}`);
  return rows.sort((a, b) => (newest ? b.seq - a.seq : a.seq - b.seq)).map((r) => r.summary);
}

async function sortedPage(client: ImapFlow, order: SortOrder, page: number): Promise<MessageSummary[]> {
  const offset = (page - 1) * PAGE_SIZE;
  return fetchInOrder(client, await folderSortWindow(client, order, offset, PAGE_SIZE));
}

/** Summaries of the given UIDs of the selected folder, in the order given (those still there). */
export async function fetchInOrder(client: ImapFlow, uids: number[]): Promise<MessageSummary[]> {
  if (uids.length === 0) return [];
  const rows = await rowsByUid(client, uids);
  const byUid = new Map(rows.map((r) => [r.summary.uid, r.summary]));
  return uids.flatMap((uid) => {
    const summary = byUid.get(uid);
    return summary ? [summary] : [];
  });
}

type OpenOptions = { allowRemote: boolean };

async function fetchSource(session: UserSession, path: string, uid: number, markSeen: boolean, withNeighbours = false) {
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      // One round trip: flags, size and the source capped at the display limit.
      const query = { uid: true, flags: true, size: true, source: { maxLength: MAX_DISPLAY_BYTES + 1 } };
      let msg = await client.fetchOne(String(uid), query, { uid: true });
      // A message that arrived since this connection last looked (a link from a notification, a
      // reload) is not in its view of the folder yet: NOOP catches up, then one more try.
      if (!msg && selectedMailbox(client)) {
        await client.noop();
        msg = await client.fetchOne(String(uid), query, { uid: true });
      }
      const box = selectedMailbox(client);
      if (!msg) throw new MailError('not_found');
      const flags = msg.flags ?? new Set<string>();
      if (markSeen && !flags.has('\\Seen')) await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
      const tooLarge = (msg.size ?? 0) > MAX_DISPLAY_BYTES;
      const neighbours = withNeighbours ? await neighboursAt(client, uid, msg.seq, box.exists) : null;
      return { source: tooLarge ? null : (msg.source ?? null), flagged: flags.has('\\Flagged'), neighbours };
    } finally {
      lock.release();
    }
  }, { folder: path });
}

async function openForReading(session: UserSession, folder: string, uid: number, opts: OpenOptions, withNeighbours: boolean) {
  const path = folderSchema.parse(folder);
  const id = uidSchema.parse(uid);
  const { source, flagged, neighbours } = await fetchSource(session, path, id, true, withNeighbours);
  const meta = { uid: id, folder: path, seen: true, flagged };
  const message = source ? await parseMessage(source, meta, { allowRemote: opts.allowRemote }) : { ...emptyView(meta), renderError: 'This message is too large to display' };
  return { message, neighbours };
}

/** Opens a message for reading; opening marks it seen, as every mail app does. */
export async function getMessage(session: UserSession, folder: string, uid: number, opts: OpenOptions): Promise<MessageView> {
  return (await openForReading(session, folder, uid, opts, false)).message;
}

/** The message page: the message, and the ones above and below it in the list (newest first) for Newer/Older. */
export async function getMessageWithNeighbours(session: UserSession, folder: string, uid: number, opts: OpenOptions): Promise<{ message: MessageView; neighbours: Neighbours }> {
  const { message, neighbours } = await openForReading(session, folder, uid, opts, true);
  return { message, neighbours: neighbours ?? { newer: null, older: null } };
}

export async function getMessageAttachment(session: UserSession, folder: string, uid: number, partId: string) {
  const { source } = await fetchSource(session, folderSchema.parse(folder), uidSchema.parse(uid), false);
  return source ? getAttachment(source, partId) : null;
}

/** The raw RFC 822 bytes, for "download source" and for messages that cannot be displayed. */
export async function getMessageSource(session: UserSession, folder: string, uid: number): Promise<Buffer | null> {
  const path = folderSchema.parse(folder);
  const id = uidSchema.parse(uid);
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      const msg = await client.fetchOne(String(id), { uid: true, source: true }, { uid: true });
      selectedMailbox(client);
      return msg ? (msg.source ?? null) : null;
    } finally {
      lock.release();
    }
  }, { folder: path });
}
