// Owns the SMTP side: a transport to the user's domain's server authenticated as the user (timed and
// counted per server), and SMTP failures turned into words.
import 'server-only';
import nodemailer from 'nodemailer';
import { metrics, observe } from '@/lib/metrics';
import { MailError } from './errors';
import { servedDomain, type MailCredentials } from './imap-client';

export function createSmtpTransport(creds: MailCredentials) {
  const { smtp, tls } = servedDomain(creds.email);
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.implicitTls,
    // smtp:// means STARTTLS is required: AUTH never crosses a plain connection.
    requireTLS: !smtp.implicitTls,
    tls: { ca: tls.ca, rejectUnauthorized: true, minVersion: tls.minVersion },
    auth: { user: creds.email, pass: creds.password },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });
  type Options = Parameters<typeof transport.sendMail>[0];
  const send = transport.sendMail.bind(transport) as (mail: Options) => Promise<unknown>;
  transport.sendMail = ((mail: Options) =>
    observe('smtpLatency', smtp, () => send(mail)).then(
      (info) => (metrics().sends.inc({ outcome: 'ok' }), info),
      (err: unknown) => {
        metrics().sends.inc({ outcome: 'refused' });
        throw err;
      },
    )) as typeof transport.sendMail;
  return transport;
}

type SmtpError = { code?: string; responseCode?: number; command?: string; response?: string; rejected?: string[] };

export function smtpError(err: unknown): MailError {
  const e = (err ?? {}) as SmtpError;
  if (e.code === 'EAUTH') return new MailError('send_refused', 'The mail server did not accept your password for sending', { cause: err });
  if (e.responseCode === 552 || /size|too (large|big)/i.test(e.response ?? '')) return new MailError('too_large', undefined, { cause: err });
  if (e.code === 'EENVELOPE' || /RCPT/i.test(e.command ?? '')) {
    const who = e.rejected?.length ? `: ${e.rejected.join(', ')}` : '';
    return new MailError('recipient_refused', `The mail server refused a recipient${who}`, { cause: err });
  }
  if (['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'ECONNREFUSED'].includes(e.code ?? '')) {
    return new MailError('unreachable', 'Mail server unreachable. Your message was not sent', { cause: err });
  }
  if (e.responseCode && e.responseCode >= 500) return new MailError('send_refused', undefined, { cause: err });
  return new MailError('unknown', 'Sending failed. Your message was not sent', { cause: err });
}
