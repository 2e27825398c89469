// Owns how an ImapFlow connection is made: the user's domain's server and TLS policy, the admin's CA,
// Dovecot's originating-IP hint.
import 'server-only';
import { ImapFlow } from 'imapflow';
import { domainSettings, type DomainSettings } from '@/lib/domains';
import { observe } from '@/lib/metrics';
import { MailError, imapError } from './errors';

export type MailCredentials = { email: string; password: string; clientIp?: string };

/** The user's domain's settings; a domain this deployment no longer serves ends the session. */
export function servedDomain(email: string): DomainSettings {
  const settings = domainSettings(email);
  if (!settings) throw new MailError('auth_failed', 'This webmail does not serve your address’s domain');
  return settings;
}

export function createImapClient(creds: MailCredentials): ImapFlow {
  const { imap, tls } = servedDomain(creds.email);
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.implicitTls,
    // imap:// means STARTTLS is required: never send a password over a plain connection.
    doSTARTTLS: imap.implicitTls ? undefined : true,
    tls: { ca: tls.ca, rejectUnauthorized: true, minVersion: tls.minVersion },
    auth: { user: creds.email, pass: creds.password },
    // Dovecot applies its failed-login penalty to this IP instead of the webmail's own address.
    clientInfo: { name: 'Satchel', ...(creds.clientIp ? { 'x-originating-ip': creds.clientIp } : {}) },
    logger: false,
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
  });
  // imapflow: an unhandled 'error' event kills the process; close/reconnect is handled by the owner.
  client.on('error', () => {});
  return client;
}

/** Connects and logs in, mapping failures to MailError (auth_failed / unreachable). */
export async function connectImap(creds: MailCredentials): Promise<ImapFlow> {
  const client = createImapClient(creds);
  try {
    await observe('imapLatency', servedDomain(creds.email).imap, () => client.connect());
    return client;
  } catch (err) {
    client.close();
    throw imapError(err);
  }
}
