// Owns creating, resolving and ending sessions: the store keeps only a sealed password; its key rides in the cookie.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { config } from '@/lib/config';
import { closeImap } from '@/lib/mail/imap-pool';
import { closeLive } from '@/lib/mail/live';
import { audit } from '@/lib/log';
import { redis } from '@/lib/redis';
import { newSessionKey, open, seal } from './secret-box';
import { MemorySessionStore, RedisSessionStore, type SessionStore, type StoredSession } from './session-store';

export type SessionTicket = { sid: string; key: string };
export type ActiveSession = { sid: string; email: string; password: string };

const stores = globalThis as typeof globalThis & { __satchelSessions?: SessionStore };

function store(): SessionStore {
  const { sessionIdleMs, sessionMaxMs } = config();
  const limits = { idleMs: sessionIdleMs, maxMs: sessionMaxMs };
  const client = redis();
  stores.__satchelSessions ??= client ? new RedisSessionStore(client, limits) : new MemorySessionStore(limits);
  return stores.__satchelSessions;
}

export async function createSession(email: string, password: string): Promise<SessionTicket> {
  const sid = randomBytes(24).toString('base64url');
  const key = newSessionKey();
  const now = Date.now();
  await store().create(sid, { email, sealedPassword: seal(password, key, sid), createdAt: now, lastSeenAt: now });
  return { sid, key };
}

/** Null when the session was signed out, expired, or the key does not open the password. */
export async function resolveSession(ticket: SessionTicket): Promise<ActiveSession | null> {
  return unsealed(ticket, await store().touch(ticket.sid));
}

/** Like resolveSession, but does not count as activity: for long-lived streams re-checking their session. */
export async function peekSession(ticket: SessionTicket): Promise<ActiveSession | null> {
  return unsealed(ticket, await store().peek(ticket.sid));
}

function unsealed(ticket: SessionTicket, stored: StoredSession | null): ActiveSession | null {
  if (!stored) return null;
  const password = open(stored.sealedPassword, ticket.key, ticket.sid);
  return password === null ? null : { sid: ticket.sid, email: stored.email, password };
}

export async function endSession(sid: string): Promise<void> {
  await store().delete(sid);
  await Promise.all([closeImap(sid), closeLive(sid)]);
}

/** The IMAP server refused the stored password (changed elsewhere, account locked): end the session now. */
export async function endRejectedSession(sid: string, email: string): Promise<void> {
  await endSession(sid);
  audit('session_ended', { reason: 'password_rejected', email });
}

/**
 * "Sign out everywhere": every session of the address ends at its next request on any node. Their
 * pooled and live IMAP connections are closed here only on this node; other nodes' pooled ones close
 * on their idle timer (IMAP_IDLE_CLOSE_SECONDS), their live streams at their next session re-check.
 */
export async function endAllSessions(email: string): Promise<number> {
  const sids = await store().deleteAllFor(email);
  await Promise.all(sids.flatMap((sid) => [closeImap(sid), closeLive(sid)]));
  return sids.length;
}
