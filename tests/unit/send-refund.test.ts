// Giving back an undone message's charge (lib/mail/send-guard.ts refundQuotas): only into the fixed
// window it was counted in, never below zero. Fake timers move the clock past a window's end.
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chargeQuotas, refundQuotas, type Charge, type Quota } from '@/lib/mail/send-guard';

const quota = (points: number): Quota => ({ name: 'per_minute', per: 'recipient', describe: 'per minute', limiter: new RateLimiterMemory({ points, duration: 60 }) });
const used = async (q: Quota) => (await q.limiter.get('k'))?.consumedPoints ?? 0;

async function charge(q: Quota, recipients: number): Promise<Charge> {
  const windowEnds: Charge['windowEnds'] = {};
  expect(await chargeQuotas([q], 'k', recipients, windowEnds)).toBeNull();
  return { recipients, windowEnds };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('refundQuotas', () => {
  it('gives the whole charge back within its window, so the allowance is full again', async () => {
    const q = quota(5);
    const c = await charge(q, 3);
    vi.advanceTimersByTime(20_000);
    await refundQuotas([q], 'k', c);
    expect(await used(q)).toBe(0);
    expect(await chargeQuotas([q], 'k', 5)).toBeNull();
  });

  it('gives nothing back into a later window: that one keeps its own limit', async () => {
    const q = quota(5);
    const c = await charge(q, 3);
    vi.advanceTimersByTime(61_000);
    await charge(q, 4);
    await refundQuotas([q], 'k', c);
    expect(await used(q)).toBe(4);
    expect(await chargeQuotas([q], 'k', 2)).toMatchObject({ quota: { name: 'per_minute' } });
  });

  it('leaves a window that is about to end alone, and never counts below zero', async () => {
    const q = quota(5);
    const late = await charge(q, 2);
    vi.advanceTimersByTime(59_500);
    await refundQuotas([q], 'k', late);
    expect(await used(q)).toBe(2);

    vi.advanceTimersByTime(1_000);
    const c = await charge(q, 1);
    await refundQuotas([q], 'k', { ...c, recipients: 3 });
    expect(await used(q)).toBe(0);
  });
});
