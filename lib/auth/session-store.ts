// Owns the server side of sessions: session id -> address + sealed password, with idle and absolute
// expiry, and an index address -> session ids for "sign out everywhere". In process on one node
// (MemorySessionStore) or in Redis for several (RedisSessionStore); the password is sealed either way.
import 'server-only';
import type Redis from 'ioredis';
import type { Sealed } from './secret-box';

export type StoredSession = { email: string; sealedPassword: Sealed; createdAt: number; lastSeenAt: number };

export interface SessionStore {
  create(id: string, session: StoredSession): Promise<void>;
  /** Returns the session and refreshes its idle timer, or null when unknown or expired. */
  touch(id: string, now?: number): Promise<StoredSession | null>;
  /** Like touch, without refreshing the idle timer: a background re-check is not user activity. */
  peek(id: string, now?: number): Promise<StoredSession | null>;
  delete(id: string): Promise<void>;
  /** Deletes every session of this address and returns their ids (to close their IMAP connections). */
  deleteAllFor(email: string): Promise<string[]>;
}

export type Limits = { idleMs: number; maxMs: number };

// IMAP logins are case-insensitive (Dovecot %Lu): Alice@ and alice@ are the same user's sessions.
const userKey = (email: string) => email.trim().toLowerCase();

/** Milliseconds this session may still live, or <= 0 when it has expired. */
export function remainingMs(session: StoredSession, limits: Limits, now: number): number {
  return Math.min(session.lastSeenAt + limits.idleMs, session.createdAt + limits.maxMs) - now;
}

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();
  private readonly byUser = new Map<string, Set<string>>();

  constructor(private readonly limits: Limits) {}

  async create(id: string, session: StoredSession): Promise<void> {
    this.sweep(session.createdAt);
    this.sessions.set(id, session);
    const ids = this.byUser.get(userKey(session.email)) ?? new Set<string>();
    this.byUser.set(userKey(session.email), ids.add(id));
  }

  async touch(id: string, now = Date.now()): Promise<StoredSession | null> {
    const session = this.sessions.get(id);
    if (!session) return null;
    if (remainingMs(session, this.limits, now) <= 0) {
      this.forget(id);
      return null;
    }
    session.lastSeenAt = now;
    return session;
  }

  async peek(id: string, now = Date.now()): Promise<StoredSession | null> {
    const session = this.sessions.get(id);
    return session && remainingMs(session, this.limits, now) > 0 ? session : null;
  }

  async delete(id: string): Promise<void> {
    this.forget(id);
  }

  async deleteAllFor(email: string): Promise<string[]> {
    const ids = [...(this.byUser.get(userKey(email)) ?? [])];
    for (const id of ids) this.forget(id);
    return ids;
  }

  private forget(id: string): void {
    const session = this.sessions.get(id);
    this.sessions.delete(id);
    if (!session) return;
    const ids = this.byUser.get(userKey(session.email));
    ids?.delete(id);
    if (ids?.size === 0) this.byUser.delete(userKey(session.email));
  }

  // Bounded memory: expired sessions go on each sign-in rather than on a timer.
  private sweep(now: number): void {
    for (const [id, session] of this.sessions) if (remainingMs(session, this.limits, now) <= 0) this.forget(id);
  }
}

const SESSION = 'satchel:session:';
const USER = 'satchel:user-sessions:';

/**
 * Sessions as JSON under satchel:session:<id> with a TTL of min(idle, absolute remaining), so Redis
 * itself forgets them; a set satchel:user-sessions:<address> lists each user's ids. Nothing in
 * either opens the password: its key is only in the user's cookie.
 */
export class RedisSessionStore implements SessionStore {
  constructor(
    private readonly redis: Redis,
    private readonly limits: Limits,
  ) {}

  async create(id: string, session: StoredSession): Promise<void> {
    const ttl = Math.max(1, remainingMs(session, this.limits, session.createdAt));
    const user = USER + userKey(session.email);
    await this.redis
      .multi()
      .set(SESSION + id, JSON.stringify(session), 'PX', ttl)
      .sadd(user, id)
      // The index lives as long as the newest session can; stale ids in it point at nothing.
      .pexpire(user, this.limits.maxMs)
      .exec();
  }

  async touch(id: string, now = Date.now()): Promise<StoredSession | null> {
    const raw = await this.redis.get(SESSION + id);
    if (!raw) return null;
    const session = JSON.parse(raw) as StoredSession;
    const ttl = remainingMs(session, this.limits, now);
    if (ttl <= 0) {
      await this.delete(id);
      return null;
    }
    session.lastSeenAt = now;
    const ttlAfter = Math.max(1, remainingMs(session, this.limits, now));
    // XX: only if it still exists, so a sign-out racing this request is not undone by it.
    const ok = await this.redis.set(SESSION + id, JSON.stringify(session), 'PX', ttlAfter, 'XX');
    return ok === 'OK' ? session : null;
  }

  async peek(id: string, now = Date.now()): Promise<StoredSession | null> {
    const raw = await this.redis.get(SESSION + id);
    const session = raw ? (JSON.parse(raw) as StoredSession) : null;
    return session && remainingMs(session, this.limits, now) > 0 ? session : null;
  }

  async delete(id: string): Promise<void> {
    const raw = await this.redis.get(SESSION + id);
    await this.redis.del(SESSION + id);
    if (raw) await this.redis.srem(USER + userKey((JSON.parse(raw) as StoredSession).email), id);
  }

  async deleteAllFor(email: string): Promise<string[]> {
    const user = USER + userKey(email);
    const ids = await this.redis.smembers(user);
    // SREM just these ids, not DEL the set: a sign-in that lands meanwhile stays indexed.
    if (ids.length > 0) await this.redis.multi().del(...ids.map((id) => SESSION + id)).srem(user, ...ids).exec();
    return ids;
  }
}
