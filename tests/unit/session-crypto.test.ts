import { describe, expect, it } from 'vitest';
import { newSessionKey, open, seal } from '@/lib/auth/secret-box';
import { MemorySessionStore } from '@/lib/auth/session-store';

describe('secret box', () => {
  it('opens only with the same key and session id', () => {
    const key = newSessionKey();
    const sealed = seal('hunter2 ünïcode', key, 'sid-1');
    expect(JSON.stringify(sealed)).not.toContain('hunter2');
    expect(open(sealed, key, 'sid-1')).toBe('hunter2 ünïcode');
    expect(open(sealed, newSessionKey(), 'sid-1')).toBeNull();
    expect(open(sealed, key, 'sid-2')).toBeNull();
    expect(open({ ...sealed, data: sealed.data.slice(0, -2) + 'AA' }, key, 'sid-1')).toBeNull();
  });
});

describe('memory session store', () => {
  const sealed = seal('pw', newSessionKey(), 's');
  const session = (at: number) => ({ email: 'a@x.test', sealedPassword: sealed, createdAt: at, lastSeenAt: at });

  it('expires after the idle timeout, and touching keeps it alive', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 10_000 });
    await store.create('s', session(0));
    expect(await store.touch('s', 900)).not.toBeNull();
    expect(await store.touch('s', 1800)).not.toBeNull();
    expect(await store.touch('s', 2900)).toBeNull();
  });

  it('expires after the absolute timeout even when active', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 2500 });
    await store.create('s', session(0));
    for (const t of [800, 1600, 2400]) expect(await store.touch('s', t)).not.toBeNull();
    expect(await store.touch('s', 2600)).toBeNull();
  });

  it('forgets a deleted session', async () => {
    const store = new MemorySessionStore({ idleMs: 1000, maxMs: 2500 });
    await store.create('s', session(0));
    await store.delete('s');
    expect(await store.touch('s', 1)).toBeNull();
  });
});
