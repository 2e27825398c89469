// A second loopback mail server for another domain (scripts/mailserver.sh with MAILSERVER_DOMAIN), started
// and stopped by the admin tests themselves, and a way to wait for a message in one of its mailboxes.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { readMailServerEnv, type MailServerEnv } from '../../scripts/mailserver/env';

const root = path.resolve(__dirname, '../..');
const run = promisify(execFile);

export type Instance = { env: MailServerEnv; dir: string; start: () => Promise<void>; stop: () => Promise<void> };

/**
 * Same user names as the test server, @domain, password "<name>-pass-1". `metadata: false` runs its
 * Dovecot without IMAP METADATA, as many hosting providers do.
 */
export function mailServerInstance(name: string, base: number, domain: string, { metadata = true } = {}): Instance {
  const dir = path.join(root, '.mailserver', name);
  const env = { ...process.env, MAILSERVER_DIR: dir, MAILSERVER_PORT_BASE: String(base), MAILSERVER_DOMAIN: domain, MAILSERVER_METADATA: metadata ? 'yes' : 'no' };
  const script = path.join(root, 'scripts/mailserver.sh');
  const instance: Instance = {
    dir,
    env: undefined as unknown as MailServerEnv,
    start: async () => {
      await run('bash', [script, 'start'], { env, timeout: 120_000 });
      instance.env = readMailServerEnv(dir);
    },
    stop: async () => void (await run('bash', [script, 'stop'], { env, timeout: 60_000 })),
  };
  return instance;
}

/** Waits (bounded) until a message with this subject is in the user's INBOX on that server. */
export async function waitForSubject(env: MailServerEnv, email: string, subject: string, timeoutMs = 15_000): Promise<boolean> {
  const { hostname, port } = new URL(env.imapUrl);
  const client = new ImapFlow({
    host: hostname,
    port: Number(port),
    secure: false,
    doSTARTTLS: true,
    tls: { ca: readFileSync(env.caFile) },
    auth: { user: email, pass: `${email.split('@')[0]}-pass-1` },
    logger: false,
  });
  client.on('error', () => {});
  await client.connect();
  try {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
      const lock = await client.getMailboxLock('INBOX');
      try {
        const found = await client.search({ subject }, { uid: true });
        if (found && found.length > 0) return true;
      } finally {
        lock.release();
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    return false;
  } finally {
    await client.logout().catch(() => client.close());
  }
}
