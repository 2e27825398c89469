// Owns reading a folder: one page of envelopes (newest first, or in a chosen order), and one message opened and marked seen.
import 'server-only';
import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { selectedMailbox, withImap } from './imap-pool';
import { folderSchema, uidSchema } from './mailbox-input';
import { neighboursAt, type Neighbours } from './neighbours';
import { emptyView, getAttachment, parseMessage } from './parse-message';
import { DEFAULT_SORT, hasServerSort, localSortWindow, serverSortWindow, type SortOrder } from './sort';
import type { Address, FolderPage, MessageSummary, MessageView } from './types';

export const PAGE_SIZE = 50;
// Larger messages are not parsed for display; the reader can still download the source.
const MAX_DISPLAY_BYTES = 40 * 1024 * 1024;

const toAddresses = (list?: MessageAddressObject[]): Address[] =>
  (list ?? []).map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));

function hasAttachment(node?: MessageStructureObject): boolean {
  if (!node) return false;
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  if (node.disposition === 'attachment') return true;
  const named = Boolean(node.dispositionParameters?.filename ?? node.parameters?.name);
  return named && node.disposition !== 'inline' && !node.type.startsWith('text/');
}

/** What a list row needs, fetched for one page only. */
export const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, size: true, bodyStructure: true, internalDate: true } as const;

export function toSummary(msg: FetchMessageObject): MessageSummary {
  const flags = msg.flags ?? new Set<string>();
  const date = msg.envelope?.date ?? msg.internalDate;
  return {
    uid: msg.uid,
    subject: msg.envelope?.subject ?? '',
    from: toAddresses(msg.envelope?.from),
    date: date ? new Date(date).toISOString() : null,
    size: msg.size ?? 0,
    seen: flags.has('\\Seen'),
    flagged: flags.has('\\Flagged'),
    answered: flags.has('\\Answered'),
    hasAttachment: hasAttachment(msg.bodyStructure),
  };
}

export async function listMessages(session: UserSession, folder: string, page: number, order: SortOrder = DEFAULT_SORT): Promise<FolderPage> {
  const path = folderSchema.parse(folder);
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      // The selection is reused across requests; NOOP collects EXISTS for mail that arrived since.
      await client.noop();
      const total = selectedMailbox(client).exists;
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      if (total === 0) return { folder: path, messages: [], page: 1, pageCount: 1, total: 0 };
      const messages = order.key === 'date' ? await datePage(client, total, current, order.dir) : await sortedPage(client, order, current);
      return { folder: path, messages, page: current, pageCount, total };
    } finally {
      lock.release();
    }
  });
}

// Date order is arrival order, which is sequence order: only this page's envelopes cross the wire,
// in either direction, with no SORT round trip.
async function datePage(client: ImapFlow, total: number, page: number, dir: SortOrder['dir']): Promise<MessageSummary[]> {
  const newest = dir === 'desc';
  const high = newest ? total - (page - 1) * PAGE_SIZE : Math.min(total, page * PAGE_SIZE);
  const low = newest ? Math.max(1, high - PAGE_SIZE + 1) : (page - 1) * PAGE_SIZE + 1;
  const fetched = await client.fetchAll(`${low}:${high}`, SUMMARY_QUERY);
  return fetched.sort((a, b) => (newest ? b.seq - a.seq : a.seq - b.seq)).map(toSummary);
}

async function sortedPage(client: ImapFlow, order: SortOrder, page: number): Promise<MessageSummary[]> {
  const offset = (page - 1) * PAGE_SIZE;
  const uids = hasServerSort(client)
    ? (await serverSortWindow(client, order, [{ type: 'ATOM', value: 'ALL' }], offset, PAGE_SIZE)).uids
    : await localSortWindow(client, order, offset, PAGE_SIZE);
  return fetchInOrder(client, uids);
}

/** Summaries of the given UIDs of the selected folder, in the order given (those still there). */
export async function fetchInOrder(client: ImapFlow, uids: number[]): Promise<MessageSummary[]> {
  if (uids.length === 0) return [];
  const fetched = await client.fetchAll(uids.join(','), SUMMARY_QUERY, { uid: true });
  const byUid = new Map(fetched.map((m) => [m.uid, m]));
  return uids.flatMap((uid) => {
    const msg = byUid.get(uid);
    return msg ? [toSummary(msg)] : [];
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
  });
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
  });
}
