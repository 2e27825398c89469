// Owns the structured JSON log (pino): audit events and errors for the admin. Never message content,
// never a password: the redact list is a second line of defence behind not logging them at all.
import 'server-only';
import pino from 'pino';
import { currentRequestId } from './request-id';

export const log = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { app: 'satchel' },
  // Every line logged while serving a request carries its id (also sent as the X-Request-Id header).
  mixin: () => {
    const reqId = currentRequestId();
    return reqId ? { reqId } : {};
  },
  redact: { paths: ['password', 'pass', '*.password', '*.pass', 'auth.pass', 'creds'], censor: '[redacted]' },
});

/** One line per security-relevant event: sign-in, sign-out, send, limit hits. */
export function audit(event: string, fields: Record<string, unknown> = {}): void {
  log.info({ event, ...fields }, event);
}
