// Lets integration tests call lib/mail/* directly, as a signed-in user would through the app:
// sets lib/config's environment for the loopback mail server and builds UserSessions without next-auth.
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import type { UserSession } from '@/lib/auth/current-session';
import { config } from '@/lib/config';
import { composeSchema, type ComposeInput } from '@/lib/mail/compose-input';
import { closeImap } from '@/lib/mail/imap-pool';
import { withUserImap } from './imap';
import { hostPort, mailEnv, type MailUserName } from './mail-env';

// Read before process.env changes: mailEnv() lets process.env values of the same names win.
const server = mailEnv();

export type DalEnv = {
  IMAP_URL?: string;
  SMTP_URL?: string;
  IMAP_IDLE_CLOSE_SECONDS?: string;
  SEND_LIMIT_PER_HOUR?: string;
  MAX_RECIPIENTS?: string;
};

const TUNABLES = ['IMAP_IDLE_CLOSE_SECONDS', 'SEND_LIMIT_PER_HOUR', 'MAX_RECIPIENTS'] as const;

/**
 * Points lib/config at the test mail server (plus any overrides). Call it at the top of a test
 * file: config() is parsed once per module graph, and vitest gives each file its own graph.
 */
export function configureDal(overrides: DalEnv = {}): void {
  const wanted: Record<string, string | undefined> = {
    IMAP_URL: server.imapUrl,
    SMTP_URL: server.smtpUrl,
    MAIL_CA_FILE: server.caFile,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    ...Object.fromEntries(TUNABLES.map((k) => [k, undefined])),
    ...overrides,
  };
  for (const [key, value] of Object.entries(wanted)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  // An override set after something already read config() would be silently ignored: fail loudly.
  const { imap, smtp } = config();
  const expected = { imap: hostPort(wanted.IMAP_URL!), smtp: hostPort(wanted.SMTP_URL!) };
  if (imap.port !== expected.imap.port || smtp.port !== expected.smtp.port) {
    throw new Error('lib/config was read before configureDal(): call configureDal() at the top of the test file');
  }
}

const opened = new Set<string>();

/** A session as currentSession() would return it; each call gets its own pool key (sid). */
export function dalSession(user: MailUserName, opts: { password?: string; clientIp?: string } = {}): UserSession {
  const { email, password } = server.users[user];
  const sid = `test-${user}-${randomUUID()}`;
  opened.add(sid);
  return { sid, email, creds: { email, password: opts.password ?? password, clientIp: opts.clientIp } };
}

/** Logs out every pooled connection the file's sessions opened (afterEach/afterAll). */
export async function closeDalSessions(): Promise<void> {
  await Promise.all([...opened].map((sid) => closeImap(sid)));
  opened.clear();
}

export function serverUsers() {
  return server.users;
}

/** Appends many messages over one connection (appendMessage logs in once per message). */
export async function appendMany(user: MailUserName, folder: string, messages: Array<{ raw: Buffer; flags?: string[] }>): Promise<number[]> {
  return withUserImap(user, async (client) => {
    const uids: number[] = [];
    for (const { raw, flags } of messages) {
      const res = await client.append(folder, raw, flags ?? []);
      uids.push(res && typeof res === 'object' && res.uid ? res.uid : 0);
    }
    return uids;
  });
}

/** Creates the folders (parents first) unless they exist. */
export async function ensureFolders(user: MailUserName, paths: string[]): Promise<void> {
  await withUserImap(user, async (client) => {
    const existing = new Set((await client.list()).map((f) => f.path));
    for (const path of paths) if (!existing.has(path)) await client.mailboxCreate(path);
  });
}

/** The form as the compose Server Action would hand it to sendMessage (a fresh sendId each time). */
export function composeInput(fields: { to?: string; cc?: string; bcc?: string; subject: string; body?: string; sendId?: string }): ComposeInput {
  return composeSchema.parse({ body: 'Hello from the integration tests.', sendId: randomUUID(), ...fields });
}

/** A subject no other test run shares, so server-side searches find only this test's mail. */
export function uniqueSubject(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

/** The unfolded value of the first header with this name in a raw message, or null. */
export function headerOf(source: Buffer, name: string): string | null {
  const head = source.toString('utf8').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const re = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im');
  return re.exec(unfolded)?.[1]?.trim() ?? null;
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
