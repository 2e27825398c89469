// Owns the anti-spam-cannon limits on sending (T14): recipients per message, messages per minute and
// hour, envelope recipients (To + Cc + Bcc) per hour and day, and one send per form submission.
// The limits are the sender's domain's (DOMAINS_FILE), else the deployment's.
import 'server-only';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { accountTag } from '@/lib/auth/login-throttle';
import type { SendLimits } from '@/lib/config';
import { domainOf } from '@/lib/domains';
import { audit } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { rateLimiter } from '@/lib/redis';
import { MailError } from './errors';
import { servedDomain } from './imap-client';

/** One quota: what it counts (a message = 1 point, or its recipients), its size and name for people. */
export type Quota = { name: string; limiter: RateLimiterAbstract; per: 'message' | 'recipient'; describe: string };

// Quotas per domain (their sizes differ); the keys are per account, so domains never share a count.
type Guards = { quotas: Map<string, Quota[]>; seen: Map<string, number> };
const holder = globalThis as typeof globalThis & { __satchelSendGuards?: Guards };
const SEND_ID_TTL_MS = 10 * 60_000;

function quota(name: string, per: Quota['per'], points: number, durationSeconds: number, describe: string): Quota {
  return { name, per, describe, limiter: rateLimiter({ keyPrefix: `send-${name}`, points, durationSeconds }) };
}

function guards(): Guards {
  holder.__satchelSendGuards ??= { quotas: new Map(), seen: new Map() };
  return holder.__satchelSendGuards;
}

function quotasFor(domain: string, s: SendLimits): Quota[] {
  const all = guards().quotas;
  let quotas = all.get(domain);
  if (!quotas) {
    quotas = [
      quota('messages_per_minute', 'message', s.perMinute, 60, `${s.perMinute} messages per minute`),
      quota('messages_per_hour', 'message', s.perHour, 3600, `${s.perHour} messages per hour`),
      quota('recipients_per_hour', 'recipient', s.recipientsPerHour, 3600, `${s.recipientsPerHour} recipients per hour`),
      quota('recipients_per_day', 'recipient', s.recipientsPerDay, 86_400, `${s.recipientsPerDay} recipients per day`),
    ];
    all.set(domain, quotas);
  }
  return quotas;
}

export type Refusal = { quota: Quota; msBeforeNext: number };

/**
 * Charges every quota or none: a refused message must not use up the allowance it did not get.
 * rate-limiter-flexible counts a refused consume too, so that one is given back as well.
 */
export async function chargeQuotas(quotas: Quota[], key: string, recipients: number): Promise<Refusal | null> {
  const charged: Array<[Quota, number]> = [];
  for (const q of quotas) {
    const points = q.per === 'message' ? 1 : recipients;
    charged.push([q, points]);
    try {
      await q.limiter.consume(key, points);
    } catch (err) {
      await Promise.all(charged.map(([c, p]) => c.limiter.reward(key, p)));
      if (err instanceof RateLimiterRes) return { quota: q, msBeforeNext: err.msBeforeNext };
      throw err;
    }
  }
  return null;
}

/** Throws rate_limited, naming the limit, when this message would exceed one of the admin's limits. */
export async function chargeSend(email: string, recipientCount: number): Promise<void> {
  const limits = servedDomain(email).send;
  const { maxRecipients } = limits;
  // Logged with a tag for the account and counts only: never an address.
  const fields = { account: accountTag(email), recipients: recipientCount };
  if (recipientCount > maxRecipients) {
    audit('send_limited', { ...fields, limit: 'recipients_per_message', max: maxRecipients });
    metrics().sends.inc({ outcome: 'limited' });
    throw new MailError('rate_limited', `A message can have at most ${maxRecipients} recipients; this one has ${recipientCount}`);
  }
  const refusal = await chargeQuotas(quotasFor(domainOf(email), limits), accountTag(email), recipientCount);
  if (!refusal) return;
  const minutes = Math.max(1, Math.ceil(refusal.msBeforeNext / 60_000));
  audit('send_limited', { ...fields, limit: refusal.quota.name, retryAfterSeconds: Math.ceil(refusal.msBeforeNext / 1000) });
  metrics().sends.inc({ outcome: 'limited' });
  throw new MailError(
    'rate_limited',
    `You have reached the sending limit. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at most ${refusal.quota.describe}).`,
  );
}

/**
 * True the first time a form's sendId is seen: a double click or a resubmitted form sends once.
 * Per node and synchronous (send.ts calls it without await); a double click goes to one node.
 */
export function claimSendId(email: string, sendId: string): boolean {
  const { seen } = guards();
  const now = Date.now();
  for (const [key, at] of seen) if (now - at > SEND_ID_TTL_MS) seen.delete(key);
  const key = `${email.toLowerCase()} ${sendId}`;
  if (seen.has(key)) return false;
  seen.set(key, now);
  return true;
}

/** A send that failed before the server accepted it may be retried with the same form. */
export function releaseSendId(email: string, sendId: string): void {
  guards().seen.delete(`${email.toLowerCase()} ${sendId}`);
}
