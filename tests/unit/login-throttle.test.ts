import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { LoginThrottle, ipBucket } from '@/lib/auth/login-throttle';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function throttle({ perAccount = 3, perIp = 5, unknownIp = 4, windowSeconds = 60 } = {}) {
  const mem = (points: number, duration = windowSeconds) => new RateLimiterMemory({ points, duration });
  return new LoginThrottle({
    account: mem(perAccount),
    ip: mem(perIp),
    unknownIp: mem(unknownIp),
    lockouts: mem(1_000_000, 86_400),
    windowSeconds,
  });
}

async function attempts(t: LoginThrottle, n: number, account: string, ip: string | undefined) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(await t.reserve(account, ip));
  return out;
}

describe('login throttle', () => {
  it('lets N attempts for an account through, then locks it for the window', async () => {
    const t = throttle();
    const verdicts = await attempts(t, 10, 'acct-a', '192.0.2.1');
    expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
    expect(verdicts.slice(0, 3).every((v) => v.ok)).toBe(true);
    expect(verdicts[3]).toEqual({ ok: false, scope: 'account', retryAfterSeconds: 60 });
    expect(await t.lockedFor('acct-a', '192.0.2.1')).toBeGreaterThan(55);
  });

  it('never lets more than N parallel attempts through', async () => {
    const t = throttle();
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => t.reserve('acct-p', '192.0.2.2')));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
  });

  it('a success clears the account count; a mail server outage does not count', async () => {
    const t = throttle();
    await attempts(t, 2, 'acct-b', '192.0.2.3');
    await t.succeeded('acct-b', '192.0.2.3');
    expect((await attempts(t, 3, 'acct-b', '192.0.2.3')).every((v) => v.ok)).toBe(true);
    await t.inconclusive('acct-b', '192.0.2.3');
    expect((await t.reserve('acct-b', '192.0.2.3')).ok).toBe(true);
    expect((await t.reserve('acct-b', '192.0.2.3')).ok).toBe(false);
    expect(await t.lockedFor('acct-b', '192.0.2.3')).not.toBeNull();
  });

  it('limits one client across accounts, and only that client', async () => {
    const t = throttle();
    const verdicts = await Promise.all(['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7'].map((a) => t.reserve(a, '192.0.2.9')));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(5);
    expect(verdicts.find((v) => !v.ok)).toMatchObject({ scope: 'client' });
    // The refused attempts did not use up those accounts' own allowance.
    expect((await t.reserve('u6', '192.0.2.10')).ok).toBe(true);
    expect(await t.lockedFor('someone-else', '192.0.2.10')).toBeNull();
  });

  it('puts clients without a trusted address in one shared bucket', async () => {
    const t = throttle();
    const verdicts = await attempts(t, 6, 'x', undefined).then(async (first) => [...first, ...(await attempts(t, 2, 'y', undefined))]);
    expect(verdicts.filter((v) => v.ok)).toHaveLength(4);
    expect((await t.reserve('z', '192.0.2.20')).ok).toBe(true);
  });

  it('doubles the lockout each time it comes back the same day', async () => {
    const t = throttle({ perAccount: 1, windowSeconds: 1 });
    expect((await t.reserve('acct-g', '192.0.2.30')).ok).toBe(true);
    expect(await t.reserve('acct-g', '192.0.2.30')).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    await sleep(1100);
    expect((await t.reserve('acct-g', '192.0.2.30')).ok).toBe(true);
    expect(await t.reserve('acct-g', '192.0.2.30')).toMatchObject({ ok: false, retryAfterSeconds: 2 });
    expect(await t.reserve('acct-g', '192.0.2.30')).toMatchObject({ ok: false, retryAfterSeconds: 2 });
    await sleep(1100);
    expect((await t.reserve('acct-g', '192.0.2.30')).ok).toBe(false);
  });
});

describe('ipBucket', () => {
  it('keeps IPv4 and groups IPv6 by /64', () => {
    expect(ipBucket('192.0.2.1')).toBe('192.0.2.1');
    expect(ipBucket('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8:1:2::99')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:DB8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
  });
});
