// Owns who is watching: at most one live IMAP connection per session on this node, shared by the
// session's tabs, kept apart from the pooled command connection so IDLE never blocks a page. The
// connection closes a little after the last tab goes, at sign-out, and when the session ends.
import 'server-only';
import type { UserSession } from '@/lib/auth/current-session';
import { Watcher, type LiveEvent, type Subscriber } from './live-watcher';

export type { LiveEvent } from './live-watcher';

// Tabs of one session on this node; beyond this a tab gets no live updates (and a 429).
export const MAX_TABS_PER_SESSION = 8;
// A tab moving to another folder reconnects its stream: keep the IMAP connection across that gap.
const LINGER_MS = 10_000;

type Entry = { watcher: Watcher; linger?: NodeJS.Timeout };

// On globalThis so every route bundle of this process shares one registry.
const registries = globalThis as typeof globalThis & { __satchelLive?: Map<string, Entry> };
const registry = (registries.__satchelLive ??= new Map<string, Entry>());

function entryFor(session: UserSession): Entry {
  const existing = registry.get(session.sid);
  if (existing) return existing;
  const entry: Entry = {
    watcher: new Watcher(session.creds, (reason) => {
      if (registry.get(session.sid) === entry) registry.delete(session.sid);
      for (const sub of entry.watcher.subscribers) sub.send({ type: 'ended', data: { reason } });
    }),
  };
  registry.set(session.sid, entry);
  return entry;
}

/**
 * Streams the folder's changes and the unread counts to send(). `seen` is the state token the tab
 * last received (SSE Last-Event-ID), so a reconnecting tab hears only whether anything changed since.
 * Returns the unsubscribe function, or null when the session already has MAX_TABS_PER_SESSION tabs.
 */
export function watchFolder(session: UserSession, folder: string, seen: string | null, send: (event: LiveEvent) => void): (() => void) | null {
  const entry = entryFor(session);
  if (entry.watcher.subscribers.size >= MAX_TABS_PER_SESSION) return null;
  clearTimeout(entry.linger);
  const sub: Subscriber = { folder, seen, send };
  entry.watcher.add(sub);
  return () => {
    entry.watcher.remove(sub);
    if (entry.watcher.subscribers.size > 0 || registry.get(session.sid) !== entry) return;
    clearTimeout(entry.linger);
    entry.linger = setTimeout(() => {
      if (entry.watcher.subscribers.size > 0 || registry.get(session.sid) !== entry) return;
      registry.delete(session.sid);
      void entry.watcher.stop();
    }, LINGER_MS);
    entry.linger.unref();
  };
}

/** Sign-out: tells the session's tabs and closes its live connection on this node. */
export async function closeLive(sid: string): Promise<void> {
  const entry = registry.get(sid);
  if (!entry) return;
  registry.delete(sid);
  clearTimeout(entry.linger);
  for (const sub of entry.watcher.subscribers) sub.send({ type: 'ended', data: { reason: 'signed-out' } });
  await entry.watcher.stop();
}

/** Shutdown: ends every stream without a word, so browsers reconnect (to another node, or this one restarted). */
export async function closeAllLive(): Promise<void> {
  const entries = [...registry.values()];
  registry.clear();
  for (const entry of entries) {
    clearTimeout(entry.linger);
    for (const sub of entry.watcher.subscribers) sub.send({ type: 'ended', data: { reason: 'shutdown' } });
  }
  await Promise.all(entries.map((e) => e.watcher.stop()));
}

/** Open live IMAP connections and watching tabs on this node (for the connection-cost figures). */
export function liveStats(): { sessions: number; connections: number; tabs: number } {
  const entries = [...registry.values()];
  return {
    sessions: entries.length,
    connections: entries.filter((e) => e.watcher.connected).length,
    tabs: entries.reduce((n, e) => n + e.watcher.subscribers.size, 0),
  };
}
