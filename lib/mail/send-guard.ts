// Owns the anti-spam-cannon limits on sending: messages per hour per user, and one send per form submission.
import 'server-only';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { MailError } from './errors';

type Guards = { perHour: RateLimiterMemory; seen: Map<string, number> };
const holder = globalThis as typeof globalThis & { __satchelSendGuards?: Guards };
const SEND_ID_TTL_MS = 10 * 60_000;

function guards(): Guards {
  holder.__satchelSendGuards ??= {
    perHour: new RateLimiterMemory({ points: config().sendLimitPerHour, duration: 3600 }),
    seen: new Map(),
  };
  return holder.__satchelSendGuards;
}

/** Throws rate_limited when the user has used up the admin's hourly sending allowance. */
export async function chargeSend(email: string, recipients: number): Promise<void> {
  if (recipients > config().maxRecipients) {
    throw new MailError('rate_limited', `A message can have at most ${config().maxRecipients} recipients`);
  }
  try {
    await guards().perHour.consume(email.toLowerCase(), 1);
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const minutes = Math.ceil(err.msBeforeNext / 60_000);
      throw new MailError('rate_limited', `You have reached the sending limit. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}`);
    }
    throw err;
  }
}

/** True the first time a form's sendId is seen: a double click or a resubmitted form sends once. */
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
