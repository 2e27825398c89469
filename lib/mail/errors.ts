// Owns the mail layer's typed errors: internal causes are logged for the admin, users see words.
import { log } from '@/lib/log';

export type MailErrorCode =
  | 'auth_failed'
  | 'unreachable'
  | 'not_found'
  | 'invalid_input'
  | 'send_refused'
  | 'recipient_refused'
  | 'too_large'
  | 'rate_limited'
  | 'unknown';

const userMessages: Record<MailErrorCode, string> = {
  auth_failed: 'Wrong email or password',
  unreachable: 'Mail server unreachable',
  not_found: 'That message or folder no longer exists',
  invalid_input: 'Some of what you entered is not valid',
  send_refused: 'The mail server refused to send this message',
  recipient_refused: 'The mail server refused a recipient',
  too_large: 'The message is too large for the mail server',
  rate_limited: 'You have sent too many messages. Please wait a while and try again',
  unknown: 'Something went wrong talking to the mail server',
};

export class MailError extends Error {
  constructor(
    readonly code: MailErrorCode,
    readonly userMessage: string = userMessages[code],
    options?: { cause?: unknown },
  ) {
    super(userMessage, options);
    this.name = 'MailError';
  }
}

type ImapLikeError = { authenticationFailed?: boolean; code?: string; mailboxMissing?: boolean; responseStatus?: string };

/** Maps an imapflow or socket error to a MailError; the cause is kept for the log. */
export function imapError(err: unknown): MailError {
  if (err instanceof MailError) return err;
  const e = (err ?? {}) as ImapLikeError;
  if (e.authenticationFailed) return new MailError('auth_failed', undefined, { cause: err });
  if (e.mailboxMissing) return new MailError('not_found', undefined, { cause: err });
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'NoConnection', 'ClosedAfterConnectTLS', 'ClosedAfterConnectText', 'UPGRADE_TIMEOUT', 'CONNECT_TIMEOUT', 'GREETING_TIMEOUT'];
  if (e.code && (network.includes(e.code) || e.code.startsWith('ERR_TLS') || e.code.includes('CERT'))) {
    return new MailError('unreachable', undefined, { cause: err });
  }
  return new MailError('unknown', undefined, { cause: err });
}

type Loggable = { code?: string; message?: string; responseText?: string; response?: string; cause?: unknown };

export function logMailError(context: string, err: unknown): void {
  const outer = (err ?? {}) as Loggable;
  const cause = (outer.cause ?? outer) as Loggable;
  // Only codes and server texts: never message content or credentials.
  const parts = [outer.code, cause.code, cause.message, cause.responseText ?? cause.response].filter(Boolean);
  log.error({ event: 'mail_error', context, detail: parts.join(' ') }, `${context}: ${parts.join(' ')}`);
}
