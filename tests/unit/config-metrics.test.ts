// The metrics listener (METRICS_PORT): loopback by default, and behind METRICS_TOKEN when one is set.
import { afterAll, beforeAll, expect, it } from 'vitest';

let server: import('node:http').Server | null = null;
const token = 'metrics-token-for-tests';

beforeAll(async () => {
  Object.assign(process.env, { IMAP_URL: 'imaps://mail.example.com', SMTP_URL: 'smtps://mail.example.com', AUTH_SECRET: 'x'.repeat(32), METRICS_PORT: '9465', METRICS_TOKEN: token });
  const { startMetricsServer, metrics } = await import('@/lib/metrics');
  server = startMetricsServer({ imapConnections: () => 3 });
  metrics().signIns.inc({ outcome: 'ok' });
  await new Promise((resolve) => server?.once('listening', resolve));
});

afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

it('serves Prometheus text on 127.0.0.1 only to a request with the token', async () => {
  expect(server?.address()).toMatchObject({ address: '127.0.0.1', port: 9465 });
  expect((await fetch('http://127.0.0.1:9465/metrics')).status).toBe(401);
  expect((await fetch('http://127.0.0.1:9465/metrics', { headers: { Authorization: 'Bearer not-the-token' } })).status).toBe(401);
  const res = await fetch('http://127.0.0.1:9465/metrics', { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text).toContain('satchel_sign_ins_total{outcome="ok"} 1');
  expect(text).toContain('satchel_imap_connections 3');
  expect((await fetch('http://127.0.0.1:9465/other', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(404);
});
