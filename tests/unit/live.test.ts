// The pure parts of live updates: the tab title's count, state tokens, reconnect backoff, and the
// session re-check that must not count as activity.
import { describe, expect, it } from 'vitest';
import { newSessionKey, seal } from '@/lib/auth/secret-box';
import { MemorySessionStore } from '@/lib/auth/session-store';
import { folderTitle, withUnreadCount } from '@/lib/mail/live-title';
import { backoffMs, stateToken } from '@/lib/mail/live-watcher';

describe('tab title', () => {
  it('prefixes the inbox unread count, replaces an old one, and drops it at zero', () => {
    expect(withUnreadCount(folderTitle('INBOX'), 3)).toBe('(3) Inbox · Satchel');
    expect(withUnreadCount('(3) Inbox · Satchel', 12)).toBe('(12) Inbox · Satchel');
    expect(withUnreadCount('(3) Archive/2025 · Satchel', 0)).toBe('Archive/2025 · Satchel');
    // A subject that merely starts with a parenthesis keeps it.
    expect(withUnreadCount('(draft) notes · Satchel', 1)).toBe('(1) (draft) notes · Satchel');
  });
});

describe('state token', () => {
  const base = { uidValidity: '7', uidNext: 10, messages: 9, unseen: 2, highestModseq: '40' };
  it('changes with new mail, expunges and flag changes (HIGHESTMODSEQ), not otherwise', () => {
    expect(stateToken({ ...base })).toBe(stateToken(base));
    expect(stateToken({ ...base, uidNext: 11, messages: 10 })).not.toBe(stateToken(base));
    expect(stateToken({ ...base, highestModseq: '41' })).not.toBe(stateToken(base));
    expect(stateToken({ ...base, uidValidity: '8' })).not.toBe(stateToken(base));
  });
  it('falls back to the unread count on a server without CONDSTORE', () => {
    const plain = { ...base, highestModseq: null };
    expect(stateToken({ ...plain, unseen: 1 })).not.toBe(stateToken(plain));
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    expect(backoffMs(0, () => 0)).toBe(250);
    expect(backoffMs(0, () => 1)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(3000);
    expect(backoffMs(50, () => 1)).toBe(10_000);
    expect(backoffMs(50, () => 0)).toBe(5_000);
  });
});

describe('session re-check of a live stream', () => {
  it('peek sees the session without extending its idle time, and misses it once expired', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 100_000 });
    await store.create('s1', { email: 'live@satchel.test', sealedPassword: seal('pw', newSessionKey(), 's1'), createdAt: 0, lastSeenAt: 0 });
    expect(await store.peek('s1', 900)).not.toBeNull();
    // A touch at 900 would have kept it until 1900; peeking did not.
    expect(await store.peek('s1', 1001)).toBeNull();
    expect(await store.touch('s1', 1001)).toBeNull();
  });
});
