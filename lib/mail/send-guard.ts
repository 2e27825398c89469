// Owns the anti-spam-cannon limits on sending (T14): recipients per message, messages per minute and
// hour, envelope recipients (To + Cc + Bcc) per hour and day, and one send per form submission.
// An undone message gets back what it was charged.
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

/** What one message took: its recipients, and when each quota's window it was counted in ends (epoch ms). */
export type Charge = { recipients: number; windowEnds: Record<string, number> };

// A window ending this soon is left alone: the reward could land in the next one (and so exceed its limit).
const REFUND_MARGIN_MS = 1_000;

const pointsOf = (q: Quota, recipients: number) => (q.per === 'message' ? 1 : recipients);

/**
 * Charges every quota or none: a refused message must not use up the allowance it did not get.
 * rate-limiter-flexible counts a refused consume too, so that one is given back as well.
 * windowEnds receives, per quota charged, when its current window ends.
 */
export async function chargeQuotas(quotas: Quota[], key: string, recipients: number, windowEnds: Charge['windowEnds'] = {}): Promise<Refusal | null> {
  const charged: Array<[Quota, number]> = [];
  for (const q of quotas) {
    const points = pointsOf(q, recipients);
    charged.push([q, points]);
    try {
      const res = await q.limiter.consume(key, points);
      windowEnds[q.name] = Date.now() + res.msBeforeNext;
    } catch (err) {
      await Promise.all(charged.map(([c, p]) => c.limiter.reward(key, p)));
      if (err instanceof RateLimiterRes) return { quota: q, msBeforeNext: err.msBeforeNext };
      throw err;
    }
  }
  return null;
}

/**
 * Gives back what a message took, but only in the windows it was counted in: these are fixed windows,
 * and one that has ended since took the charge with it. Rewarding its successor would let the user
 * exceed that window's limit. A successor ends a whole duration later, so a few seconds' tolerance
 * (clocks of other nodes, Redis latency) cannot mistake one for the other.
 */
export async function refundQuotas(quotas: Quota[], key: string, charge: Charge): Promise<void> {
  await Promise.all(
    quotas.map(async (q) => {
      const chargedEnd = charge.windowEnds[q.name];
      const now = await q.limiter.get(key);
      if (chargedEnd === undefined || !now || now.msBeforeNext < REFUND_MARGIN_MS) return;
      const tolerance = Math.min(5_000, (q.limiter.duration * 1000) / 2);
      if (Math.abs(Date.now() + now.msBeforeNext - chargedEnd) > tolerance) return;
      await q.limiter.reward(key, Math.min(pointsOf(q, charge.recipients), now.consumedPoints));
    }),
  );
}

/** Throws rate_limited, naming the limit, when this message would exceed one of the admin's limits; else returns what it took. */
export async function chargeSend(email: string, recipientCount: number): Promise<Charge> {
  const limits = servedDomain(email).send;
  const { maxRecipients } = limits;
  // Logged with a tag for the account and counts only: never an address.
  const fields = { account: accountTag(email), recipients: recipientCount };
  if (recipientCount > maxRecipients) {
    audit('send_limited', { ...fields, limit: 'recipients_per_message', max: maxRecipients });
    metrics().sends.inc({ outcome: 'limited' });
    throw new MailError('rate_limited', `A message can have at most ${maxRecipients} recipients; this one has ${recipientCount}`);
  }
  const windowEnds: Charge['windowEnds'] = {};
  const refusal = await chargeQuotas(quotasFor(domainOf(email), limits), accountTag(email), recipientCount, windowEnds);
  if (!refusal) return { recipients: recipientCount, windowEnds };
  const minutes = Math.max(1, Math.ceil(refusal.msBeforeNext / 60_000));
  audit('send_limited', { ...fields, limit: refusal.quota.name, retryAfterSeconds: Math.ceil(refusal.msBeforeNext / 1000) });
  metrics().sends.inc({ outcome: 'limited' });
  throw new MailError(
    'rate_limited',
    `You have reached the sending limit. Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at most ${refusal.quota.describe}).`,
  );
}

/** An undone message's charge back to the sender's allowance (lib/mail/pending-send.ts calls it once per undo). */
export async function refundSend(email: string, charge: Charge): Promise<void> {
  await refundQuotas(quotasFor(domainOf(email), servedDomain(email).send), accountTag(email), charge);
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
