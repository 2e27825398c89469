// Owns the rows of a message list: what each row shows, fetched for one page of the selected folder,
// with the parts of a row that never change kept per connection, so a page seen before costs the
// server only its UIDs and flags.
import 'server-only';
import type { FetchMessageObject, ImapFlow, MessageAddressObject, MessageStructureObject } from 'imapflow';
import type { Address, MessageSummary } from './types';

/** What a list row needs; flags are the only part that can change. */
const SUMMARY_QUERY = { uid: true, envelope: true, flags: true, size: true, bodyStructure: true, internalDate: true } as const;
const FLAGS_QUERY = { uid: true, flags: true } as const;

type Fixed = Omit<MessageSummary, 'seen' | 'flagged' | 'answered'>;
/** A row and the message's sequence number in this connection's view of the folder. */
export type FetchedRow = { seq: number; summary: MessageSummary };

// Envelope, size, arrival date and structure of a UID never change while the folder's UIDVALIDITY
// holds (RFC 3501 2.3.1.1); flags do, so they are fetched every time. Parsing 50 envelopes and
// body structures was most of a list page's IMAP cost; a flags-only FETCH is a fraction of it.
// Ten pages' worth per connection (~150 KB), least recently shown dropped first; the connection
// closes after IMAP_IDLE_CLOSE_SECONDS and its rows go with it.
const ROWS_KEPT = 500;
const kept = new WeakMap<ImapFlow, { folder: string; rows: Map<number, Fixed> }>();

function keptRows(client: ImapFlow): Map<number, Fixed> {
  const box = client.mailbox;
  const folder = box ? `${box.path}\u0000${box.uidValidity}` : '';
  let entry = kept.get(client);
  if (!entry || entry.folder !== folder) {
    entry = { folder, rows: new Map() };
    kept.set(client, entry);
  }
  return entry.rows;
}

const toAddresses = (list?: MessageAddressObject[]): Address[] =>
  (list ?? []).map((a) => ({ name: a.name ?? '', address: a.address ?? '' }));

function hasAttachment(node?: MessageStructureObject): boolean {
  if (!node) return false;
  if (node.childNodes?.length) return node.childNodes.some(hasAttachment);
  if (node.disposition === 'attachment') return true;
  const named = Boolean(node.dispositionParameters?.filename ?? node.parameters?.name);
  return named && node.disposition !== 'inline' && !node.type.startsWith('text/');
}

function toFixed(msg: FetchMessageObject): Fixed {
  const date = msg.envelope?.date ?? msg.internalDate;
  return {
    uid: msg.uid,
    subject: msg.envelope?.subject ?? '',
    from: toAddresses(msg.envelope?.from),
    date: date ? new Date(date).toISOString() : null,
    size: msg.size ?? 0,
    hasAttachment: hasAttachment(msg.bodyStructure),
  };
}

function withFlags(fixed: Fixed, flags = new Set<string>()): MessageSummary {
  return { ...fixed, seen: flags.has('\\Seen'), flagged: flags.has('\\Flagged'), answered: flags.has('\\Answered') };
}

function remember(rows: Map<number, Fixed>, fixed: Fixed): void {
  rows.delete(fixed.uid);
  rows.set(fixed.uid, fixed);
  if (rows.size > ROWS_KEPT) rows.delete(rows.keys().next().value!);
}

function fromFull(rows: Map<number, Fixed>, msg: FetchMessageObject): FetchedRow {
  const fixed = toFixed(msg);
  remember(rows, fixed);
  return { seq: msg.seq, summary: withFlags(fixed, msg.flags) };
}

/** Rows for the messages of `range` whose fixed part is in `known`, from a flags-only FETCH; the UIDs of the others. */
async function withFreshFlags(client: ImapFlow, rows: Map<number, Fixed>, known: Map<number, Fixed>, range: string, byUid: boolean): Promise<{ found: FetchedRow[]; unknown: number[] }> {
  const flagged = await client.fetchAll(range, FLAGS_QUERY, byUid ? { uid: true } : undefined);
  const found: FetchedRow[] = [];
  const unknown: number[] = [];
  for (const msg of flagged) {
    const fixed = known.get(msg.uid);
    if (!fixed) {
      unknown.push(msg.uid);
      continue;
    }
    remember(rows, fixed);
    found.push({ seq: msg.seq, summary: withFlags(fixed, msg.flags) });
  }
  return { found, unknown };
}

/**
 * Rows for a range of sequence numbers of the selected folder, in no particular order. Which UIDs
 * they are is only known from the server: a folder this connection has not listed yet is fetched
 * whole in one round trip; otherwise flags first, then the fixed part of rows not kept. The caller
 * holds the lock.
 */
export async function rowsBySeq(client: ImapFlow, range: string): Promise<FetchedRow[]> {
  const rows = keptRows(client);
  if (rows.size === 0) return (await client.fetchAll(range, SUMMARY_QUERY)).map((msg) => fromFull(rows, msg));
  const { found, unknown } = await withFreshFlags(client, rows, rows, range, false);
  // A message expunged between the two FETCHes is not answered: left out, as it is gone.
  if (unknown.length === 0) return found;
  return [...found, ...(await client.fetchAll(unknown.join(','), SUMMARY_QUERY, { uid: true })).map((msg) => fromFull(rows, msg))];
}

/** Rows for these UIDs of the selected folder, in no particular order: flags for the rows kept, everything for the others. */
export async function rowsByUid(client: ImapFlow, uids: number[]): Promise<FetchedRow[]> {
  const rows = keptRows(client);
  const known = new Map(uids.flatMap((uid) => (rows.has(uid) ? [[uid, rows.get(uid)!] as const] : [])));
  const unknown = uids.filter((uid) => !known.has(uid));
  const found = known.size > 0 ? (await withFreshFlags(client, rows, known, [...known.keys()].join(','), true)).found : [];
  if (unknown.length === 0) return found;
  return [...found, ...(await client.fetchAll(unknown.join(','), SUMMARY_QUERY, { uid: true })).map((msg) => fromFull(rows, msg))];
}
