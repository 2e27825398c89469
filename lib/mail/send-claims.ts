// Owns the one decision per queued message, "sending" or "undone", made atomically in the shared
// store (Redis when REDIS_URL is set, else this process), the status the editor polls, and what the
// message was charged against the sending limits (so an undo on any node can give it back).
import 'server-only';
import { accountTag } from '@/lib/auth/login-throttle';
import { redis } from '@/lib/redis';
import type { SendStatus } from './compose-types';
import type { Charge } from './send-guard';

export type Claim = 'sending' | 'undone';
type Record_ = { claim: Claim; status: SendStatus };

// Long enough that no pending message outlives its claim (a pending draft is due within seconds).
const TTL_SECONDS = 7 * 86_400;
// The longest quota window (recipients per day): after it, a charge has expired by itself.
const CHARGE_TTL_SECONDS = 86_400;
const MAX_LOCAL = 10_000;
type Local<T> = Map<string, T & { expires: number }>;
const holder = globalThis as typeof globalThis & { __satchelSendClaims?: Local<{ record: Record_ }>; __satchelSendCharges?: Local<{ charge: Charge }> };
const local = (holder.__satchelSendClaims ??= new Map());
const localCharges = (holder.__satchelSendCharges ??= new Map());

const keyOf = (email: string, sendId: string) => `satchel:send:${accountTag(email)}:${sendId}`;
const chargeKeyOf = (email: string, sendId: string) => `satchel:send-charge:${accountTag(email)}:${sendId}`;

function sweepLocal<T>(map: Local<T>, now: number): void {
  for (const [key, entry] of map) if (entry.expires <= now) map.delete(key);
  // Bounded: the oldest entries go first (Map keeps insertion order).
  for (const key of map.keys()) {
    if (map.size <= MAX_LOCAL) break;
    map.delete(key);
  }
}

/** True for exactly one caller per (user, sendId), across nodes when Redis is configured. */
export async function claimSend(email: string, sendId: string, claim: Claim): Promise<boolean> {
  const key = keyOf(email, sendId);
  const record: Record_ = { claim, status: { status: claim === 'sending' ? 'pending' : 'unknown' } };
  const client = redis();
  if (client) return (await client.set(key, JSON.stringify(record), 'EX', TTL_SECONDS, 'NX')) === 'OK';
  const now = Date.now();
  sweepLocal(local, now);
  const existing = local.get(key);
  if (existing && existing.expires > now) return false;
  local.set(key, { record, expires: now + TTL_SECONDS * 1000 });
  return true;
}

/** Who won the claim, if anyone, and what came of it. */
export async function readClaim(email: string, sendId: string): Promise<Record_ | null> {
  const key = keyOf(email, sendId);
  const client = redis();
  if (client) {
    const raw = await client.get(key);
    return raw ? (JSON.parse(raw) as Record_) : null;
  }
  const entry = local.get(key);
  return entry && entry.expires > Date.now() ? entry.record : null;
}

/** Records the outcome of a claimed send (only the claim's holder calls this). */
export async function setSendStatus(email: string, sendId: string, status: SendStatus): Promise<void> {
  const key = keyOf(email, sendId);
  const record: Record_ = { claim: 'sending', status };
  const client = redis();
  if (client) {
    await client.set(key, JSON.stringify(record), 'EX', TTL_SECONDS, 'XX');
    return;
  }
  const entry = local.get(key);
  if (entry) entry.record = record;
}

/** Keeps what queueing this message charged, until an undo takes it or the longest window has passed. */
export async function recordCharge(email: string, sendId: string, charge: Charge): Promise<void> {
  const client = redis();
  if (client) {
    await client.set(chargeKeyOf(email, sendId), JSON.stringify(charge), 'EX', CHARGE_TTL_SECONDS);
    return;
  }
  const now = Date.now();
  sweepLocal(localCharges, now);
  localCharges.set(chargeKeyOf(email, sendId), { charge, expires: now + CHARGE_TTL_SECONDS * 1000 });
}

/** The recorded charge, removed as it is read: whoever takes it gives it back, once. */
export async function takeCharge(email: string, sendId: string): Promise<Charge | null> {
  const key = chargeKeyOf(email, sendId);
  const client = redis();
  if (client) {
    const raw = await client.getdel(key);
    return raw ? (JSON.parse(raw) as Charge) : null;
  }
  const entry = localCharges.get(key);
  localCharges.delete(key);
  return entry && entry.expires > Date.now() ? entry.charge : null;
}

/** Forgets the in-process claims: a test's stand-in for an app restart (Redis ones stay, as they would). */
export function forgetLocalClaims(): void {
  local.clear();
  localCharges.clear();
}
