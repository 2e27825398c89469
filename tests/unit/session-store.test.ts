import { describe, expect, it } from 'vitest';
import { newSessionKey, seal } from '@/lib/auth/secret-box';
import { MemorySessionStore, remainingMs, type StoredSession } from '@/lib/auth/session-store';

const sealed = seal('pw', newSessionKey(), 's');
const session = (email: string, at = 0): StoredSession => ({ email, sealedPassword: sealed, createdAt: at, lastSeenAt: at });

describe('remainingMs', () => {
  it('is the sooner of the idle and the absolute deadline', () => {
    const limits = { idleMs: 1000, maxMs: 5000 };
    expect(remainingMs(session('a@x.test'), limits, 200)).toBe(800);
    expect(remainingMs({ ...session('a@x.test'), lastSeenAt: 4500 }, limits, 4600)).toBe(400);
    expect(remainingMs(session('a@x.test'), limits, 1001)).toBeLessThan(0);
  });
});

describe('memory session store: sign out everywhere', () => {
  it('deletes every session of the address, whatever its case, and no one else’s', async () => {
    const store = new MemorySessionStore({ idleMs: 10_000, maxMs: 100_000 });
    await store.create('s1', session('dave@satchel.test'));
    await store.create('s2', session('Dave@Satchel.test'));
    await store.create('s3', session('erin@satchel.test'));
    expect((await store.deleteAllFor('DAVE@satchel.test')).sort()).toEqual(['s1', 's2']);
    expect(await store.touch('s1', 1)).toBeNull();
    expect(await store.touch('s2', 1)).toBeNull();
    expect(await store.touch('s3', 1)).not.toBeNull();
    expect(await store.deleteAllFor('dave@satchel.test')).toEqual([]);
  });

  it('forgets a signed-out or expired session in the index too', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 100_000 });
    await store.create('s1', session('dave@satchel.test'));
    await store.create('s2', session('dave@satchel.test'));
    await store.delete('s1');
    expect(await store.touch('s2', 2000)).toBeNull();
    expect(await store.deleteAllFor('dave@satchel.test')).toEqual([]);
  });

  it('sweeps expired sessions when someone signs in', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 100_000 });
    await store.create('old', session('dave@satchel.test', 0));
    await store.create('new', session('erin@satchel.test', 5000));
    expect(await store.deleteAllFor('dave@satchel.test')).toEqual([]);
  });
});
