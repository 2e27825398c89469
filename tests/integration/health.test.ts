import { beforeAll, describe, expect, it } from 'vitest';
import { configureDal } from '../support/dal-session';

let readiness: typeof import('@/lib/health').readiness;

beforeAll(async () => {
  configureDal();
  ({ readiness } = await import('@/lib/health'));
});

describe('readiness', () => {
  it('reports both mail servers reachable, from their greetings alone', async () => {
    const result = await readiness(Date.now());
    expect(result.ready).toBe(true);
    expect(result.checks.imap?.ok).toBe(true);
    expect(result.checks.smtp?.ok).toBe(true);
  });
});
