// Owns how an ImapFlow connection is made: the user's domain's server and TLS policy, the admin's CA,
// Dovecot's originating-IP hint; and the count of changes to its selected folder.
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

// Counts the events after which the selected folder may hold other messages than before: new mail
// (EXISTS), removed mail (EXPUNGE/VANISHED), another folder selected.
const folderChanges = new WeakMap<ImapFlow, number>();
const changesOf = (client: ImapFlow) => folderChanges.get(client) ?? 0;

/**
 * Which messages the selected folder holds, as far as this connection knows: while the stamp is the
 * same, so is the set of messages, and an answer that depends on nothing else (a SORT by subject, a
 * SEARCH by sender; message contents never change) still holds. Flags are not covered. The
 * connection learns of other clients' changes when it syncs (NOOP): take the stamp after that.
 */
export function folderStamp(client: ImapFlow): string {
  const box = client.mailbox;
  return box ? `${box.path}\u0000${box.uidValidity}\u0000${box.exists}\u0000${changesOf(client)}` : '';
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
  const changed = () => folderChanges.set(client, changesOf(client) + 1);
  for (const event of ['exists', 'expunge', 'mailboxOpen', 'mailboxClose'] as const) client.on(event, changed);
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
