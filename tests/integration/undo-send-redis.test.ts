// Undo send with REDIS_URL set: the "sending"/"undone" claim lives in Redis (several app nodes), so it
// survives a restart of this process and two claimers still decide once.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeDraft } from '../support/compose';
import { closeDalSessions, configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage } from '../support/imap';

const REDIS_URL = `${process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:16379'}/5`;
process.env.REDIS_URL = REDIS_URL;
process.env.UNDO_SEND_SECONDS = '2';
configureDal();
const { bob } = serverUsers();
const { deliverPending, forgetTimers, queueSend, undoSend } = await import('@/lib/mail/pending-send');
const { forgetLocalClaims } = await import('@/lib/mail/send-claims');
const { redis } = await import('@/lib/redis');

beforeAll(async () => {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  const up = await probe.connect().then(() => probe.ping(), () => null);
  probe.disconnect();
  if (up !== 'PONG') execFileSync('bash', [path.resolve(__dirname, '../../scripts/redis.sh'), 'start'], { stdio: 'inherit' });
});

afterAll(async () => {
  forgetTimers();
  redis()?.disconnect();
  await closeDalSessions();
});

async function queued(subject: string) {
  const result = await queueSend(dalSession('writer'), composeDraft({ to: bob.email, subject }));
  if (result.status !== 'queued') throw new Error(JSON.stringify(result));
  return result.sendId;
}

describe('undo send across nodes (Redis)', () => {
  it('two claimers on different "nodes" send once', async () => {
    const subject = uniqueSubject('Redis claimers');
    const sendId = await queued(subject);
    forgetTimers();
    const outcomes = await Promise.all([deliverPending(dalSession('writer'), sendId), deliverPending(dalSession('writer'), sendId)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['pending', 'sent']);
    await waitForMessage('bob', 'INBOX', subject);
    await sleep(1500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(1);
  });

  it('an undo recorded in Redis holds after a restart: the message is never sent', async () => {
    const subject = uniqueSubject('Redis undo');
    const sendId = await queued(subject);
    expect((await undoSend(dalSession('writer'), sendId)).status).toBe('undone');
    forgetTimers();
    forgetLocalClaims();
    expect((await deliverPending(dalSession('writer'), sendId)).status).not.toBe('sent');
    await sleep(2500);
    expect(await findMessages('bob', 'INBOX', subject)).toHaveLength(0);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(1);
  });
});
