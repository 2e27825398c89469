// The shared session store and limits against the real loopback Redis (scripts/redis.sh, 127.0.0.1:16379):
// expiry by Redis TTL, "sign out everywhere", and a dump of every key holding no password (T12).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySessionStore, RedisSessionStore } from '@/lib/auth/session-store';
import { newSessionKey, seal } from '@/lib/auth/secret-box';
import { configureDal, serverUsers, sleep } from '../support/dal-session';

// Database 2 of the test Redis is this file's alone: it is emptied first and dumped at the end.
const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:16379'}/2`;
process.env.REDIS_URL = REDIS_URL;
process.env.SESSION_IDLE_SECONDS = '1';
configureDal();

const { dave, erin } = serverUsers();
const { createSession, endAllSessions, endSession, resolveSession } = await import('@/lib/auth/sessions');
const { redis } = await import('@/lib/redis');
let db: Redis;

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const up = await probe.connect().then(() => probe.ping(), () => null);
  probe.disconnect();
  if (up !== 'PONG') execFileSync('bash', [path.resolve(__dirname, '../../scripts/redis.sh'), 'start'], { stdio: 'inherit' });
  db = new Redis(REDIS_URL);
  await db.flushdb();
});

afterAll(async () => {
  delete process.env.SESSION_IDLE_SECONDS;
  db?.disconnect();
  redis()?.disconnect();
});

describe('redis session store', () => {
  it('creates and resolves a session with a TTL of the idle timeout', async () => {
    const ticket = await createSession(dave.email, dave.password);
    expect(await resolveSession(ticket)).toEqual({ sid: ticket.sid, email: dave.email, password: dave.password });
    const ttl = await db.pttl(`satchel:session:${ticket.sid}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(1000);
    // The wrong key opens nothing.
    expect(await resolveSession({ sid: ticket.sid, key: newSessionKey() })).toBeNull();
  });

  it('keeps an active session alive and lets an idle one expire in Redis itself', async () => {
    const ticket = await createSession(dave.email, dave.password);
    for (let i = 0; i < 3; i++) {
      await sleep(600);
      expect(await resolveSession(ticket)).not.toBeNull();
    }
    await sleep(1300);
    expect(await db.exists(`satchel:session:${ticket.sid}`)).toBe(0);
    expect(await resolveSession(ticket)).toBeNull();
  });

  it('stops at the absolute limit even when active', async () => {
    const store = new RedisSessionStore(db, { idleMs: 10_000, maxMs: 1200 });
    const now = Date.now();
    await store.create('abs', { email: dave.email, sealedPassword: seal('x', newSessionKey(), 'abs'), createdAt: now, lastSeenAt: now });
    await sleep(700);
    expect(await store.touch('abs')).not.toBeNull();
    expect(await db.pttl('satchel:session:abs')).toBeLessThanOrEqual(500);
    await sleep(700);
    expect(await store.touch('abs')).toBeNull();
  });

  it('deletes one session on sign-out, and a touch racing it does not bring it back', async () => {
    const ticket = await createSession(erin.email, erin.password);
    await Promise.all([endSession(ticket.sid), resolveSession(ticket)]);
    expect(await resolveSession(ticket)).toBeNull();
    expect(await db.exists(`satchel:session:${ticket.sid}`)).toBe(0);
  });

  it('signs a user out everywhere, and only that user', async () => {
    const daves = await Promise.all([1, 2, 3].map(() => createSession(dave.email.toUpperCase(), dave.password)));
    const erins = await createSession(erin.email, erin.password);
    expect(await endAllSessions(dave.email)).toBeGreaterThanOrEqual(3);
    for (const t of daves) expect(await resolveSession(t)).toBeNull();
    expect(await resolveSession(erins)).not.toBeNull();
    expect(await db.smembers(`satchel:user-sessions:${dave.email}`)).toEqual([]);
  });

  it('behaves like the memory store for the same calls', async () => {
    const limits = { idleMs: 10_000, maxMs: 100_000 };
    for (const store of [new MemorySessionStore(limits), new RedisSessionStore(db, limits)]) {
      const now = Date.now();
      const s = { email: 'X@satchel.test', sealedPassword: seal('x', newSessionKey(), 'm'), createdAt: now, lastSeenAt: now };
      await store.create('m1', s);
      await store.create('m2', { ...s });
      expect((await store.touch('m1', now + 5))?.lastSeenAt).toBe(now + 5);
      await store.delete('m1');
      expect(await store.deleteAllFor('x@satchel.test')).toEqual(['m2']);
      expect(await store.touch('m2')).toBeNull();
    }
  });
});

describe('sign-in throttle in redis', () => {
  it('keeps its counts in Redis, keyed by tag, not by address', async () => {
    const { accountTag, loginThrottle } = await import('@/lib/auth/login-throttle');
    const verdicts = [];
    for (let i = 0; i < 7; i++) verdicts.push(await loginThrottle().reserve(accountTag(erin.email), '192.0.2.200'));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    const keys = await db.keys('satchel:rl:*');
    expect(keys.some((k) => k.includes(accountTag(erin.email)))).toBe(true);
    expect(keys.join(' ')).not.toContain('erin');
  });
});

it('holds no password anywhere: a dump of every key and value (T12)', async () => {
  await createSession(dave.email, dave.password);
  await createSession(erin.email, erin.password);
  const dump: string[] = [];
  for (const key of await db.keys('*')) {
    const type = await db.type(key);
    const value = type === 'string' ? await db.get(key) : type === 'set' ? (await db.smembers(key)).join(',') : type === 'hash' ? JSON.stringify(await db.hgetall(key)) : type;
    dump.push(`${key} ${value}`);
  }
  expect(dump.some((line) => line.startsWith('satchel:session:'))).toBe(true);
  const text = dump.join('\n');
  for (const password of [dave.password, erin.password]) {
    expect(text).not.toContain(password);
    expect(text).not.toContain(Buffer.from(password).toString('base64'));
    expect(text).not.toContain(Buffer.from(password).toString('base64url'));
  }
});
