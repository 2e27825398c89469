// A second loopback mail server whose Dovecot has no IMAP METADATA (its own default, common at hosting
// providers), for domain nometa.test; a DOMAINS_FILE that sends that domain's users there; test-side IMAP.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { mailServerInstance, type Instance } from './admin-mailserver';
import { mailEnv } from './mail-env';

export const NOMETA_DOMAIN = 'nometa.test';

/**
 * Named and numbered after this run's test server (500 ports above its base), so test runs started
 * with another MAILSERVER_DIR and MAILSERVER_PORT_BASE each get their own.
 */
export function noMetadataServer(): Instance {
  const main = mailEnv();
  const base = Number(new URL(main.imapUrl).port) - 143 + 500;
  return mailServerInstance(`${path.basename(main.stateDir)}-nometa`, base, NOMETA_DOMAIN, { metadata: false });
}

/** A DOMAINS_FILE: satchel.test on the test server as before, nometa.test on the server without METADATA. */
export function writeDomainsFile(server: Instance): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'satchel-nometa-')), 'domains.json');
  const nometa = { imap: server.env.imapUrl, smtp: server.env.smtpUrl, tls: { caFile: server.env.caFile } };
  writeFileSync(file, JSON.stringify({ domains: { 'satchel.test': {}, [NOMETA_DOMAIN]: nometa } }));
  return file;
}

export function nometaUser(name: string): { email: string; password: string } {
  return { email: `${name}@${NOMETA_DOMAIN}`, password: `${name}-pass-1` };
}

/** Runs fn on a fresh, separate IMAP connection to that server as the user. */
export async function withNometaImap<T>(server: Instance, name: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const { hostname, port } = new URL(server.env.imapUrl);
  const { email, password } = nometaUser(name);
  const client = new ImapFlow({
    host: hostname,
    port: Number(port),
    secure: false,
    doSTARTTLS: true,
    tls: { ca: readFileSync(server.env.caFile) },
    auth: { user: email, pass: password },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}
