// Owns the size limit a compose screen enforces: the admin's ATTACHMENTS_MAX_BYTES and the SMTP
// server's advertised SIZE (EHLO, RFC 1870), asked once per server and cached.
import 'server-only';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { config } from '@/lib/config';
import { log } from '@/lib/log';
import type { ComposeLimits } from './compose-types';
import { servedDomain } from './imap-client';

const TTL_MS = 60 * 60_000;
const FAILED_TTL_MS = 60_000;
type Entry = { size: number | null; expires: number; pending?: Promise<number | null> };
const holder = globalThis as typeof globalThis & { __satchelSmtpSize?: Map<string, Entry> };
const cache = (holder.__satchelSmtpSize ??= new Map());

// Headers, the text and HTML bodies, and MIME boundaries around the files.
const MESSAGE_OVERHEAD = 256 * 1024;

/** Raw file bytes that fit a SIZE limit once base64 grows them by 4/3 and wraps at 76 + CRLF. */
export function attachmentBytesFor(smtpSize: number): number {
  return Math.max(0, Math.floor(((smtpSize - MESSAGE_OVERHEAD) * 3 * 76) / (4 * 78)));
}

function probe(host: string, port: number, secure: boolean, tls: { ca: string | undefined; minVersion: 'TLSv1.2' | 'TLSv1.3' }): Promise<number | null> {
  return new Promise((resolve) => {
    const connection = new SMTPConnection({
      host,
      port,
      secure,
      requireTLS: !secure,
      tls: { ca: tls.ca, rejectUnauthorized: true, minVersion: tls.minVersion },
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 5_000,
      logger: false,
    });
    let settled = false;
    const done = (size: number | null) => {
      if (settled) return;
      settled = true;
      connection.close();
      resolve(size);
    };
    connection.on('error', (err: Error & { code?: string }) => {
      log.warn({ event: 'smtp_size_probe_failed', code: err.code ?? err.name }, 'SMTP SIZE probe failed');
      done(null);
    });
    // connect() resolves after EHLO (and STARTTLS with a second EHLO): the extensions are known then.
    connection.connect(() => {
      const max = (connection as unknown as { _maxAllowedSize?: number })._maxAllowedSize;
      done(max && max > 0 ? max : null);
    });
  });
}

/** The server's SIZE in bytes, or null when it advertises none (or cannot be asked right now). */
export async function smtpMaxSize(email: string): Promise<number | null> {
  const { smtp, tls } = servedDomain(email);
  const key = `${smtp.host}:${smtp.port}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit?.pending) return hit.pending;
  if (hit && hit.expires > now) return hit.size;
  const pending = probe(smtp.host, smtp.port, smtp.implicitTls, tls);
  cache.set(key, { size: null, expires: 0, pending });
  const size = await pending;
  cache.set(key, { size, expires: now + (size === null ? FAILED_TTL_MS : TTL_MS) });
  return size;
}

/** The most file bytes one message may carry for this user. */
export async function composeLimits(email: string): Promise<ComposeLimits> {
  const admin = config().compose.attachmentsMaxBytes;
  const size = await smtpMaxSize(email);
  return { maxBytes: size === null ? admin : Math.min(admin, attachmentBytesFor(size)) };
}
