// Owns the server side of sessions: session id -> address + sealed password, with idle and absolute expiry.
// In-process on one node; the interface is async so a Redis store can replace it for several nodes.
import 'server-only';
import type { Sealed } from './secret-box';

export type StoredSession = { email: string; sealedPassword: Sealed; createdAt: number; lastSeenAt: number };

export interface SessionStore {
  create(id: string, session: StoredSession): Promise<void>;
  /** Returns the session and refreshes its idle timer, or null when unknown or expired. */
  touch(id: string, now?: number): Promise<StoredSession | null>;
  delete(id: string): Promise<void>;
}

export type Limits = { idleMs: number; maxMs: number };

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(private readonly limits: Limits) {}

  async create(id: string, session: StoredSession): Promise<void> {
    this.sweep(session.createdAt);
    this.sessions.set(id, session);
  }

  async touch(id: string, now = Date.now()): Promise<StoredSession | null> {
    const session = this.sessions.get(id);
    if (!session) return null;
    if (this.expired(session, now)) {
      this.sessions.delete(id);
      return null;
    }
    session.lastSeenAt = now;
    return session;
  }

  async delete(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  private expired(session: StoredSession, now: number): boolean {
    return now - session.lastSeenAt > this.limits.idleMs || now - session.createdAt > this.limits.maxMs;
  }

  // Bounded memory: expired sessions go on each sign-in rather than on a timer.
  private sweep(now: number): void {
    for (const [id, session] of this.sessions) if (this.expired(session, now)) this.sessions.delete(id);
  }
}
