// Undo gives back the sending-limit charge across app nodes sharing Redis: the limiter counts and the
// record of what the message was charged both live there, so an undo handled after this process
// forgot everything it held (as another node, or a restart, would) still refunds exactly once.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../support/compose';
import { closeDalSessions, configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { waitForMessage } from '../support/imap';

const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:16379'}/6`;
process.env.REDIS_URL = REDIS_URL;
process.env.UNDO_SEND_SECONDS = '2';
configureDal({ SEND_LIMIT_PER_HOUR: '2' });
const { bob } = serverUsers();
const { forgetTimers, queueSend, sendStatus, undoSend } = await import('@/lib/mail/pending-send');
const { forgetLocalClaims } = await import('@/lib/mail/send-claims');
const { redis } = await import('@/lib/redis');
let db: Redis;

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const up = await probe.connect().then(() => probe.ping(), () => null);
  probe.disconnect();
  if (up !== 'PONG') execFileSync('bash', [path.resolve(__dirname, '../../scripts/redis.sh'), 'start'], { stdio: 'inherit' });
  // The hourly counts of an earlier run would still be there.
  db = new Redis(REDIS_URL);
  await db.flushdb();
});

afterAll(async () => {
  forgetTimers();
  db?.disconnect();
  redis()?.disconnect();
  await closeDalSessions();
});

const queue = (subject: string) => queueSend(dalSession('writer'), composeDraft({ to: bob.email, subject }));

describe('undo refunds across nodes (Redis)', () => {
  it('undos handled by "another node" give the allowance back once; a real send then goes out', async () => {
    for (let n = 1; n <= 3; n++) {
      const queued = await queue(uniqueSubject(`Redis undone ${n}`));
      if (queued.status !== 'queued') throw new Error(JSON.stringify(queued));
      forgetTimers();
      forgetLocalClaims();
      expect((await undoSend(dalSession('writer'), queued.sendId)).status).toBe('undone');
      // A second undo (a double click, another tab) neither wins nor refunds again.
      expect((await undoSend(dalSession('writer'), queued.sendId)).status).toBe('too_late');
    }
    expect(await db.keys('satchel:send-charge:*')).toEqual([]);
    const [perHour] = await db.keys('satchel:rl:send-messages_per_hour*');
    expect(await db.get(perHour!)).toBe('0');

    const subject = uniqueSubject('Redis sent after undos');
    const queued = await queue(subject);
    if (queued.status !== 'queued') throw new Error(JSON.stringify(queued));
    await sleep(2500);
    for (let i = 0; i < 50 && (await sendStatus(dalSession('writer'), queued.sendId)).status === 'pending'; i++) await sleep(200);
    expect(await sendStatus(dalSession('writer'), queued.sendId)).toEqual({ status: 'sent', message: 'Message sent' });
    await waitForMessage('bob', 'INBOX', subject);
    expect(await db.get(perHour!)).toBe('1');
  });
});
