// Owns the Prometheus metrics (prom-client): what is counted, and the separate listener that serves
// them (METRICS_PORT, loopback by default, optionally behind METRICS_TOKEN). Counts only: no address.
import 'server-only';
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { config } from '@/lib/config';
import { log } from '@/lib/log';
import { redis } from '@/lib/redis';

type Sources = { imapConnections: () => number };

function create() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'satchel_' });
  const sources: Partial<Sources> = {};
  const latencyBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  return {
    registry,
    sources,
    signIns: new Counter({ name: 'satchel_sign_ins_total', help: 'Sign-in attempts by outcome', labelNames: ['outcome'] as const, registers: [registry] }),
    sends: new Counter({ name: 'satchel_sends_total', help: 'Messages by outcome: ok, refused (by the SMTP server or an error), limited (by Satchel)', labelNames: ['outcome'] as const, registers: [registry] }),
    imapLatency: new Histogram({ name: 'satchel_imap_connect_seconds', help: 'IMAP connect + TLS + LOGIN time per upstream server', labelNames: ['upstream', 'outcome'] as const, buckets: latencyBuckets, registers: [registry] }),
    smtpLatency: new Histogram({ name: 'satchel_smtp_send_seconds', help: 'SMTP connect + AUTH + submission time per upstream server', labelNames: ['upstream', 'outcome'] as const, buckets: latencyBuckets, registers: [registry] }),
    imapConnections: new Gauge({ name: 'satchel_imap_connections', help: 'Open pooled IMAP connections on this node', registers: [registry], collect() { this.set(sources.imapConnections?.() ?? 0); } }),
    activeSessions: new Gauge({
      name: 'satchel_active_sessions',
      help: 'Signed-in sessions: all nodes when REDIS_URL is set, else the sessions with an open IMAP connection on this node',
      registers: [registry],
      async collect() { this.set(await countSessions(sources)); },
    }),
  };
}

type Metrics = ReturnType<typeof create>;
// On globalThis: instrumentation, route handlers and pages are bundled apart but run in one process.
const holder = globalThis as typeof globalThis & { __satchelMetrics?: Metrics };
export const metrics = (): Metrics => (holder.__satchelMetrics ??= create());

// Bounded: at most 100 SCAN rounds of 1,000 keys per scrape.
async function countSessions(sources: Partial<Sources>): Promise<number> {
  const client = redis();
  if (!client) return sources.imapConnections?.() ?? 0;
  let cursor = '0';
  let count = 0;
  for (let round = 0; round < 100; round++) {
    const [next, keys] = await client.scan(cursor, 'MATCH', 'satchel:session:*', 'COUNT', 1000);
    count += keys.length;
    cursor = next;
    if (cursor === '0') break;
  }
  return count;
}

export type Upstream = { host: string; port: number };
const label = (u: Upstream) => `${u.host}:${u.port}`;

/** Times fn against an upstream server into a latency histogram, labelled ok/error. */
export async function observe<T>(histogram: 'imapLatency' | 'smtpLatency', upstream: Upstream, fn: () => Promise<T>): Promise<T> {
  const end = metrics()[histogram].startTimer({ upstream: label(upstream) });
  try {
    const result = await fn();
    end({ outcome: 'ok' });
    return result;
  } catch (err) {
    end({ outcome: 'error' });
    throw err;
  }
}

function authorized(req: http.IncomingMessage, token: string | undefined): boolean {
  if (!token) return true;
  const given = Buffer.from(req.headers.authorization ?? '');
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** Starts the metrics listener when METRICS_PORT is set; returns it so shutdown can close it. */
export function startMetricsServer(sources: Sources): http.Server | null {
  const { port, host, token } = config().metrics;
  Object.assign(metrics().sources, sources);
  if (port === undefined) return null;
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') return void res.writeHead(404).end();
    if (!authorized(req, token)) return void res.writeHead(401, { 'WWW-Authenticate': 'Bearer' }).end();
    const { registry } = metrics();
    registry.metrics().then(
      (body) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(body),
      (err: Error) => {
        log.error({ event: 'metrics_error', detail: err.message }, 'metrics error');
        res.writeHead(500).end();
      },
    );
  });
  server.on('error', (err) => log.error({ event: 'metrics_listen_error', detail: err.message }, 'metrics listener failed'));
  server.listen(port, host, () => log.info({ event: 'metrics_listening', host, port }, 'metrics listening'));
  return server;
}
