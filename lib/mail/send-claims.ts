// Owns the one decision per queued message, "sending" or "undone", made atomically in the shared
// store (Redis when REDIS_URL is set, else this process), and the status the editor polls.
import 'server-only';
import { accountTag } from '@/lib/auth/login-throttle';
import { redis } from '@/lib/redis';
import type { SendStatus } from './compose-types';

export type Claim = 'sending' | 'undone';
type Record_ = { claim: Claim; status: SendStatus };

// Long enough that no pending message outlives its claim (a pending draft is due within seconds).
const TTL_SECONDS = 7 * 86_400;
const MAX_LOCAL = 10_000;
const holder = globalThis as typeof globalThis & { __satchelSendClaims?: Map<string, { record: Record_; expires: number }> };
const local = (holder.__satchelSendClaims ??= new Map());

const keyOf = (email: string, sendId: string) => `satchel:send:${accountTag(email)}:${sendId}`;

function sweepLocal(now: number): void {
  for (const [key, entry] of local) if (entry.expires <= now) local.delete(key);
  // Bounded: the oldest entries go first (Map keeps insertion order).
  for (const key of local.keys()) {
    if (local.size <= MAX_LOCAL) break;
    local.delete(key);
  }
}

/** True for exactly one caller per (user, sendId), across nodes when Redis is configured. */
export async function claimSend(email: string, sendId: string, claim: Claim): Promise<boolean> {
  const key = keyOf(email, sendId);
  const record: Record_ = { claim, status: { status: claim === 'sending' ? 'pending' : 'unknown' } };
  const client = redis();
  if (client) return (await client.set(key, JSON.stringify(record), 'EX', TTL_SECONDS, 'NX')) === 'OK';
  const now = Date.now();
  sweepLocal(now);
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

/** Forgets the in-process claims: a test's stand-in for an app restart (Redis ones stay, as they would). */
export function forgetLocalClaims(): void {
  local.clear();
}
