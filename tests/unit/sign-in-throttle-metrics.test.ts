// A sign-in refused early (the 429 before next-auth and IMAP see it, app/api/auth/[...nextauth]/route.ts)
// is counted in satchel_sign_ins_total{outcome="throttled"}, as the refusals authorize() makes are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PORT = 9466;
const email = 'locked-out@satchel.test';
let server: import('node:http').Server | null = null;

beforeAll(async () => {
  Object.assign(process.env, {
    IMAP_URL: 'imap://127.0.0.1:9',
    SMTP_URL: 'smtp://127.0.0.1:9',
    AUTH_SECRET: 'x'.repeat(32),
    METRICS_PORT: String(PORT),
    LOGIN_FAILURES_PER_ACCOUNT: '2',
  });
  delete process.env.REDIS_URL;
  delete process.env.METRICS_TOKEN;
  const { startMetricsServer } = await import('@/lib/metrics');
  server = startMetricsServer({ imapConnections: () => 0 });
  await new Promise((resolve) => server?.once('listening', resolve));
  // Two failed attempts and a third refused: the account is locked out.
  const { accountTag, loginThrottle } = await import('@/lib/auth/login-throttle');
  for (let i = 0; i < 3; i++) await loginThrottle().reserve(accountTag(email), '192.0.2.7');
});

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function throttledCount(): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${PORT}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('satchel_sign_ins_total{outcome="throttled"} '));
  return line ? Number(line.split(' ')[1]) : 0;
}

describe('sign-in 429 before the mail server', () => {
  it('counts each refused attempt once in the Prometheus metrics', async () => {
    const { POST } = await import('@/app/api/auth/[...nextauth]/route');
    const before = await throttledCount();
    for (let i = 0; i < 2; i++) {
      const req = new Request('http://127.0.0.1/api/auth/callback/credentials', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': '192.0.2.8' },
        body: new URLSearchParams({ email, password: 'any-guess', csrfToken: 'x' }),
      });
      const res = await POST(req, { params: Promise.resolve({ nextauth: ['callback', 'credentials'] }) });
      expect(res.status).toBe(429);
    }
    expect(await throttledCount()).toBe(before + 2);
  });
});
