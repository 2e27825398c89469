// Owns sign-in throttling (T13): failed sign-ins counted per account and per client, checked before the IMAP LOGIN.
//
// Design: every attempt reserves a point per account and per client *before* the IMAP LOGIN, so
// parallel attempts cannot overshoot; a success gives the client's point back and clears the
// account's count; a mail server outage gives both back. A key that runs out is blocked for the
// window, doubled with each lockout that day (at most 24 h): growing delay, fixed memory.
//
// The client: the address in X-Forwarded-For, which is trustworthy (a configured proxy appended it,
// or lib/socket-address.ts pinned it to the socket); IPv6 by /64, one host's usual share. Only a
// request without any address falls back to one shared bucket (LOGIN_FAILURES_UNKNOWN_IP).
import 'server-only';
import { createHmac } from 'node:crypto';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { rateLimiter } from '@/lib/redis';

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'account' | 'client' };
export type ThrottleLimiters = {
  account: RateLimiterAbstract;
  ip: RateLimiterAbstract;
  unknownIp: RateLimiterAbstract;
  lockouts: RateLimiterAbstract;
  windowSeconds: number;
};

const MAX_BLOCK_SECONDS = 24 * 3600;
const UNKNOWN = 'unknown-client';

export class LoginThrottle {
  constructor(private readonly l: ThrottleLimiters) {}

  /** Reserves one attempt for the account and the client, or says how long to wait. */
  async reserve(account: string, ip: string | undefined): Promise<Verdict> {
    const accountRes = await consume(this.l.account, account);
    if (accountRes) return { ok: false, scope: 'account', retryAfterSeconds: await this.blockFor(this.l.account, `a:${account}`, account, accountRes, true) };
    const [limiter, key] = this.client(ip);
    const clientRes = await consume(limiter, key);
    if (!clientRes) return { ok: true };
    await this.l.account.reward(account, 1);
    // Growing blocks for one address; the shared bucket of unknown clients only waits out its window.
    return { ok: false, scope: 'client', retryAfterSeconds: await this.blockFor(limiter, `c:${key}`, key, clientRes, ip !== undefined) };
  }

  /** Seconds left of a lockout of the account or the client, without counting an attempt; null when none. */
  async lockedFor(account: string, ip: string | undefined): Promise<number | null> {
    const [limiter, key] = this.client(ip);
    const [a, c] = await Promise.all([this.l.account.get(account), limiter.get(key)]);
    const left = [a && a.consumedPoints > this.l.account.points ? a.msBeforeNext : 0, c && c.consumedPoints > limiter.points ? c.msBeforeNext : 0];
    const ms = Math.max(...left);
    return ms > 0 ? Math.ceil(ms / 1000) : null;
  }

  async succeeded(account: string, ip: string | undefined): Promise<void> {
    const [limiter, key] = this.client(ip);
    await Promise.all([this.l.account.delete(account), this.l.lockouts.delete(`a:${account}`), limiter.reward(key, 1)]);
  }

  /** The mail server could not say yes or no (unreachable): the attempt does not count. */
  async inconclusive(account: string, ip: string | undefined): Promise<void> {
    const [limiter, key] = this.client(ip);
    await Promise.all([this.l.account.reward(account, 1), limiter.reward(key, 1)]);
  }

  private client(ip: string | undefined): [RateLimiterAbstract, string] {
    return ip === undefined ? [this.l.unknownIp, UNKNOWN] : [this.l.ip, ipBucket(ip)];
  }

  // The first attempt over the limit starts a lockout; later ones are told what remains of it.
  private async blockFor(limiter: RateLimiterAbstract, lockoutKey: string, key: string, res: RateLimiterRes, grow: boolean): Promise<number> {
    if (res.consumedPoints !== limiter.points + 1) return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
    const lockouts = grow ? (await this.l.lockouts.penalty(lockoutKey, 1)).consumedPoints : 1;
    const seconds = Math.min(this.l.windowSeconds * 2 ** Math.min(lockouts - 1, 16), MAX_BLOCK_SECONDS);
    await limiter.block(key, seconds);
    return seconds;
  }
}

/** Null when the point was taken, else the limiter's refusal. */
async function consume(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
  try {
    await limiter.consume(key, 1);
    return null;
  } catch (err) {
    if (err instanceof RateLimiterRes) return err;
    throw err;
  }
}

/** IPv4 as is; IPv6 by its /64, since one host usually gets a whole /64 to pick addresses from. */
export function ipBucket(ip: string): string {
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = [...h, ...Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t].slice(0, 4);
  const parsed = groups.map((g) => parseInt(g, 16));
  return parsed.some((n) => Number.isNaN(n)) ? ip : `${parsed.map((n) => n.toString(16)).join(':')}::/64`;
}

/**
 * A stable tag for an address, for rate-limit keys and logs of failed sign-ins: an HMAC under
 * AUTH_SECRET, so neither Redis nor the log holds addresses people mistyped or attackers tried,
 * yet an admin who knows an address can compute its tag to find its entries.
 */
export function accountTag(email: string): string {
  return createHmac('sha256', config().authSecret).update(email.trim().toLowerCase()).digest('hex').slice(0, 24);
}

/** Who a failed or throttled sign-in was for, as the log may show it: tag and domain, never the address. */
export function failedSignInFields(email: string): { account: string; domain: string | undefined } {
  return { account: accountTag(email), domain: email.split('@').pop()?.trim().toLowerCase() };
}

const holder = globalThis as typeof globalThis & { __satchelLoginThrottle?: LoginThrottle };

export function loginThrottle(): LoginThrottle {
  const { perAccount, perIp, unknownIp, windowMs } = config().login;
  const windowSeconds = Math.ceil(windowMs / 1000);
  holder.__satchelLoginThrottle ??= new LoginThrottle({
    account: rateLimiter({ keyPrefix: 'login-account', points: perAccount, durationSeconds: windowSeconds }),
    ip: rateLimiter({ keyPrefix: 'login-ip', points: perIp, durationSeconds: windowSeconds }),
    unknownIp: rateLimiter({ keyPrefix: 'login-unknown-ip', points: unknownIp, durationSeconds: windowSeconds }),
    lockouts: rateLimiter({ keyPrefix: 'login-lockouts', points: 1_000_000, durationSeconds: MAX_BLOCK_SECONDS }),
    windowSeconds,
  });
  return holder.__satchelLoginThrottle;
}
