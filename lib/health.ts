// Owns the readiness probe: can this node reach its IMAP and SMTP servers? A greeting, no login.
import 'server-only';
import net from 'node:net';
import tls from 'node:tls';
import { config, type MailEndpoint } from '@/lib/config';

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

async function probe(): Promise<Readiness> {
  const { imap, smtp, ca } = config();
  const [imapCheck, smtpCheck] = await Promise.all([timed(() => greet(imap, ca, /^\* OK/)), timed(() => greet(smtp, ca, /^220/))]);
  return { ready: imapCheck.ok && smtpCheck.ok, checks: { imap: imapCheck, smtp: smtpCheck } };
}

export function readiness(now = Date.now()): Promise<Readiness> {
  if (!cached || now - cached.at > CACHE_MS) cached = { at: now, result: probe() };
  return cached.result;
}
