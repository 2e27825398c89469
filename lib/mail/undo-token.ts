// Owns the "Undo" token of a move: what to move back, sealed with an HMAC bound to the session that moved it.
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from '@/lib/config';
import { folderSchema } from './mailbox-input';

const UNDO_LIFETIME_MS = 10 * 60_000;

/** Where the messages are now (`to`, UID set there) and where undo puts them back (`from`). */
export type UndoMove = { from: string; to: string; set: string };

const uidSetSchema = z.string().max(20_000).regex(/^\d+(:\d+)?(,\d+(:\d+)?)*$/);
const payloadSchema = z.object({ from: folderSchema, to: folderSchema, set: uidSetSchema, exp: z.number().int() });

/** Pure: UIDs as a compact IMAP set ("4:9,12"): a move's new UIDs are usually one run. */
export function toUidSet(uids: number[]): string {
  const sorted = [...new Set(uids)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? `${sorted[i]}` : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(',');
}

function mac(sid: string, body: string): Buffer {
  return createHmac('sha256', config().authSecret).update(`undo\n${sid}\n${body}`).digest();
}

export function sealUndo(sid: string, move: UndoMove, now = Date.now()): string {
  const body = Buffer.from(JSON.stringify({ ...move, exp: now + UNDO_LIFETIME_MS })).toString('base64url');
  return `${body}.${mac(sid, body).toString('base64url')}`;
}

/** The move to undo, or null for a token that is forged, from another session, expired or malformed. */
export function openUndo(sid: string, token: string, now = Date.now()): UndoMove | null {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) return null;
  const expected = mac(sid, body);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp < now) return null;
  const { from, to, set } = parsed.data;
  return { from, to, set };
}
