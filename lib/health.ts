// Owns the readiness probe: can this node reach every IMAP and SMTP server it serves (a greeting, no
// login), and Redis when configured? Not ready either while shutting down, so balancers move away.
import 'server-only';
import net from 'node:net';
import tls from 'node:tls';
import type { MailEndpoint } from '@/lib/config';
import { upstreams } from '@/lib/domains';
import { redis } from '@/lib/redis';
import { shuttingDown } from '@/lib/shutdown';

export type Readiness = { ready: boolean; checks: Record<string, { ok: boolean; ms: number; error?: string }> };

const TIMEOUT_MS = 3_000;
// Load balancers poll every few seconds; several nodes must not hammer the mail servers.
const CACHE_MS = 2_000;
let cached: { at: number; result: Promise<Readiness> } | undefined;

/** Connects (TLS when the URL says so) and waits for the server's first line: "* OK" or "220". */
function greet(endpoint: MailEndpoint, ca: string | undefined, expect: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = endpoint.implicitTls
      ? tls.connect({ host: endpoint.host, port: endpoint.port, ca, servername: net.isIP(endpoint.host) ? undefined : endpoint.host })
      : net.connect({ host: endpoint.host, port: endpoint.port });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(TIMEOUT_MS, () => fail(new Error('timeout')));
    socket.once('error', fail);
    socket.once('data', (chunk) => {
      socket.end();
      if (expect.test(chunk.toString('latin1'))) resolve();
      else fail(new Error('unexpected greeting'));
    });
  });
}

async function timed(run: () => Promise<void>) {
  const start = performance.now();
  try {
    await run();
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, ms: Math.round(performance.now() - start), error: (err as Error).message };
  }
}

// Check names: "imap" and "smtp" for the deployment's default servers, "imap host:port" for others.
async function probe(): Promise<Readiness> {
  const targets = upstreams();
  const names = targets.map(({ kind, endpoint, domains }) => (domains.includes('*') ? kind : `${kind} ${endpoint.host}:${endpoint.port}`));
  const runs = targets.map(({ kind, endpoint, tls: policy }) => timed(() => greet(endpoint, policy.ca, kind === 'imap' ? /^\* OK/ : /^220/)));
  const client = redis();
  if (client) {
    names.push('redis');
    runs.push(timed(async () => void (await client.ping())));
  }
  const results = await Promise.all(runs);
  const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return { ready: results.every((r) => r.ok), checks };
}

export async function readiness(now = Date.now()): Promise<Readiness> {
  if (shuttingDown()) return { ready: false, checks: { shutdown: { ok: false, ms: 0, error: 'shutting down' } } };
  if (!cached || now - cached.at > CACHE_MS) cached = { at: now, result: probe() };
  return cached.result;
}
