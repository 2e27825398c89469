// Owns address suggestions from the user's own correspondence (whom they wrote to, who wrote to
// them): envelopes of the newest messages only, ranked once and kept in memory per session briefly.
import 'server-only';
import type { ImapFlow, MessageAddressObject } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { allowedFromAddresses } from '@/lib/domains';
import { isPlainAddress } from './address-parse';
import { specialFolderPath } from './folders';
import { ACROSS_FOLDERS, withImap } from './imap-pool';

export type RecipientSuggestion = { name: string; address: string };

/** Newest messages read per folder: bounds the work of the first suggestion of a session. */
export const SCAN_PER_FOLDER = 500;
const CACHE_TTL_MS = 5 * 60_000;
const MAX_CACHED_SESSIONS = 500;
const MAX_RESULTS = 10;
// Writing to someone says more about who matters to the user than receiving from them.
const SENT_WEIGHT = 3;
const RECEIVED_WEIGHT = 1;

export type Correspondent = { name: string; address: string; score: number; last: number };
type Occurrence = { name: string; address: string; weight: number; date: number };

// On globalThis so route handlers share one cache even if bundled apart; per node, which is enough
// for a cache (another node just computes its own).
const store = globalThis as typeof globalThis & { __satchelRecipients?: Map<string, { at: number; list: Promise<Correspondent[]> }> };
const cache = (store.__satchelRecipients ??= new Map());

const CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/** A display name safe to show and to put back in an address field: no controls, no other address. */
function cleanName(name: string | undefined, address: string): string {
  const clean = (name ?? '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim().slice(0, 100);
  if (clean.includes('@') && clean.toLowerCase() !== address.toLowerCase()) return '';
  return clean.toLowerCase() === address.toLowerCase() ? '' : clean;
}

/** Pure: ranks occurrences by a recency-weighted count; the user's own addresses are left out. */
export function rankCorrespondents(occurrences: Occurrence[], own: string[], now = Date.now()): Correspondent[] {
  const mine = new Set(own.map((a) => a.toLowerCase()));
  const byAddress = new Map<string, Correspondent>();
  for (const o of occurrences) {
    const key = o.address.toLowerCase();
    if (mine.has(key) || !isPlainAddress(o.address)) continue;
    const ageDays = Math.max(0, (now - o.date) / 86_400_000);
    const score = o.weight / (1 + ageDays / 30);
    const entry = byAddress.get(key) ?? { name: '', address: o.address, score: 0, last: 0 };
    entry.score += score;
    const name = cleanName(o.name, o.address);
    // The most recent non-empty name wins: people fix how their name is shown.
    if (name && (o.date >= entry.last || !entry.name)) entry.name = name;
    entry.last = Math.max(entry.last, o.date);
    byAddress.set(key, entry);
  }
  return [...byAddress.values()].sort((a, b) => b.score - a.score || b.last - a.last);
}

/** Pure: the best matches for what was typed, by address or by the start of any word of the name. */
export function matchCorrespondents(list: Correspondent[], query: string, limit = MAX_RESULTS): RecipientSuggestion[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const out: RecipientSuggestion[] = [];
  for (const c of list) {
    const name = c.name.toLowerCase();
    const hit = c.address.toLowerCase().includes(q) || name.startsWith(q) || name.split(/[\s.,'-]+/).some((w) => w.startsWith(q));
    if (hit) out.push({ name: c.name, address: c.address });
    if (out.length >= limit) break;
  }
  return out;
}

async function scan(client: ImapFlow, path: string, fields: Array<'to' | 'cc' | 'from'>, weight: number): Promise<Occurrence[]> {
  const lock = await client.getMailboxLock(path);
  try {
    const exists = client.mailbox ? client.mailbox.exists : 0;
    if (!exists) return [];
    const range = `${Math.max(1, exists - SCAN_PER_FOLDER + 1)}:${exists}`;
    const messages = await client.fetchAll(range, { envelope: true, internalDate: true });
    return messages.flatMap((m) => {
      const when = m.envelope?.date ?? m.internalDate;
      const date = when ? new Date(when).getTime() : 0;
      return fields.flatMap((f) => (m.envelope?.[f] ?? []) as MessageAddressObject[]).flatMap((a) =>
        a.address ? [{ name: a.name ?? '', address: a.address, weight, date: Number.isFinite(date) ? date : 0 }] : [],
      );
    });
  } finally {
    lock.release();
  }
}

async function collect(session: UserSession): Promise<Correspondent[]> {
  const occurrences = await withImap(session.sid, session.creds, async (client) => {
    const sent = await specialFolderPath(client, 'sent');
    const wrote = sent ? await scan(client, sent, ['to', 'cc'], SENT_WEIGHT) : [];
    const received = await scan(client, 'INBOX', ['from'], RECEIVED_WEIGHT);
    return [...wrote, ...received];
  }, { folder: ACROSS_FOLDERS });
  return rankCorrespondents(occurrences, allowedFromAddresses(session.email));
}

function correspondents(session: UserSession): Promise<Correspondent[]> {
  const now = Date.now();
  const hit = cache.get(session.sid);
  if (hit && now - hit.at < CACHE_TTL_MS) return hit.list;
  if (cache.size >= MAX_CACHED_SESSIONS) {
    // Map keeps insertion order: the first key is the oldest entry.
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  cache.delete(session.sid);
  const list = collect(session);
  cache.set(session.sid, { at: now, list });
  // A failed scan is not cached: the next keystroke tries again.
  list.catch(() => cache.get(session.sid)?.list === list && cache.delete(session.sid));
  return list;
}

/** Suggestions for a partly typed recipient; the first call of a session scans, later ones are memory lookups. */
export async function suggestRecipients(session: UserSession, query: string): Promise<RecipientSuggestion[]> {
  return matchCorrespondents(await correspondents(session), query);
}

