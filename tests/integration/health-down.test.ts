import { beforeAll, expect, it } from 'vitest';
import { configureDal } from '../support/dal-session';

let readiness: typeof import('@/lib/health').readiness;

beforeAll(async () => {
  // Loopback port 9: nothing listens, the IMAP check must fail fast.
  configureDal({ IMAP_URL: 'imap://127.0.0.1:9' });
  ({ readiness } = await import('@/lib/health'));
});

it('is not ready when the IMAP server is down, and says which check failed', async () => {
  const result = await readiness(Date.now());
  expect(result.ready).toBe(false);
  expect(result.checks.imap).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
  expect(result.checks.smtp?.ok).toBe(true);
});
