// Sending limits (T14) with small limits; the quotas are in memory here (no REDIS_URL).
import { randomBytes } from 'node:crypto';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { beforeAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { chargeQuotas, chargeSend, type Quota } from '@/lib/mail/send-guard';

beforeAll(() => {
  Object.assign(process.env, {
    IMAP_URL: 'imap://127.0.0.1:9',
    SMTP_URL: 'smtp://127.0.0.1:9',
    AUTH_SECRET: randomBytes(32).toString('base64'),
    MAX_RECIPIENTS: '4',
    SEND_LIMIT_PER_MINUTE: '3',
    SEND_LIMIT_PER_HOUR: '100',
    SEND_RECIPIENTS_PER_HOUR: '6',
    SEND_RECIPIENTS_PER_DAY: '1000',
  });
  delete process.env.REDIS_URL;
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as MailError);

describe('chargeSend', () => {
  it('refuses a message with more than MAX_RECIPIENTS (To + Cc + Bcc) and charges nothing', async () => {
    const err = await refusal(chargeSend('a@satchel.test', 5));
    expect(err).toBeInstanceOf(MailError);
    expect(err?.code).toBe('rate_limited');
    expect(err?.userMessage).toBe('A message can have at most 4 recipients; this one has 5');
    // Nothing was charged: the full per-minute allowance is still there.
    for (let i = 0; i < 3; i++) await chargeSend('a@satchel.test', 1);
  });

  it('refuses the message after the per-minute count, naming the limit', async () => {
    for (let i = 0; i < 3; i++) await chargeSend('b@satchel.test', 1);
    const err = await refusal(chargeSend('b@satchel.test', 1));
    expect(err?.userMessage).toMatch(/^You have reached the sending limit\. Try again in 1 minute \(at most 3 messages per minute\)\.$/);
    // Per sender: someone else may still send.
    await chargeSend('c@satchel.test', 1);
  });

  it('counts recipients per hour and gives back what a refused message took', async () => {
    await chargeSend('d@satchel.test', 4);
    const err = await refusal(chargeSend('d@satchel.test', 3));
    expect(err?.userMessage).toMatch(/at most 6 recipients per hour/);
    // The refused message took neither a per-minute slot nor recipients: 2 more still fit.
    await chargeSend('d@satchel.test', 2);
    await chargeSend('e@satchel.test', 1);
  });
});

describe('chargeQuotas', () => {
  const q = (name: string, per: Quota['per'], points: number): Quota => ({ name, per, describe: name, limiter: new RateLimiterMemory({ points, duration: 60 }) });

  it('charges all quotas or none', async () => {
    const messages = q('messages', 'message', 10);
    const recipients = q('recipients', 'recipient', 5);
    expect(await chargeQuotas([messages, recipients], 'k', 4)).toBeNull();
    expect(await chargeQuotas([messages, recipients], 'k', 2)).toMatchObject({ quota: { name: 'recipients' } });
    expect((await messages.limiter.get('k'))?.consumedPoints).toBe(1);
    expect((await recipients.limiter.get('k'))?.consumedPoints).toBe(4);
  });
});
