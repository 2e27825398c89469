// Reads the loopback mail server's connection settings (STATE/env, written by scripts/mailserver.sh).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const MAIL_DOMAIN = 'satchel.test';

/** The accounts scripts/mailserver.sh creates; keep in sync with its USERS list. */
export const MAIL_USERS = {
  alice: { email: 'alice@satchel.test', password: 'alice-pass-1' },
  bob: { email: 'bob@satchel.test', password: 'bob-pass-1' },
  carol: { email: 'carol@satchel.test', password: 'carol-pass-1' },
  // Separate accounts so test files that empty mailboxes never race each other.
  dave: { email: 'dave@satchel.test', password: 'dave-pass-1' },
  erin: { email: 'erin@satchel.test', password: 'erin-pass-1' },
  frank: { email: 'frank@satchel.test', password: 'frank-pass-1' },
  bulk: { email: 'bulk@satchel.test', password: 'bulk-pass-1' },
  /** Capture mailbox: every message for a domain other than satchel.test lands here. */
  outside: { email: 'outside@satchel.test', password: 'outside-pass-1' },
  // One account per feature area, so test files of different features never share a mailbox.
  org: { email: 'org@satchel.test', password: 'org-pass-1' },
  find: { email: 'find@satchel.test', password: 'find-pass-1' },
  live: { email: 'live@satchel.test', password: 'live-pass-1' },
  keys: { email: 'keys@satchel.test', password: 'keys-pass-1' },
  writer: { email: 'writer@satchel.test', password: 'writer-pass-1' },
  drafter: { email: 'drafter@satchel.test', password: 'drafter-pass-1' },
  admin: { email: 'admin@satchel.test', password: 'admin-pass-1' },
  setup: { email: 'setup@satchel.test', password: 'setup-pass-1' },
  grace: { email: 'grace@satchel.test', password: 'grace-pass-1' },
} as const;

/** Extra From addresses Postfix accepts from a user (scripts/mailserver.sh SENDER_ALIASES). */
export const SENDER_ALIASES = { 'sales@satchel.test': 'writer@satchel.test', 'info@satchel.test': 'drafter@satchel.test' } as const;

export type MailUserName = keyof typeof MAIL_USERS;
export type MailUser = { email: string; password: string };

export type MailServerEnv = {
  /** imap://127.0.0.1:PORT — STARTTLS */
  imapUrl: string;
  /** imaps://127.0.0.1:PORT — implicit TLS */
  imapsUrl: string;
  /** smtp://127.0.0.1:PORT — submission, STARTTLS required, AUTH */
  smtpUrl: string;
  /** smtps://127.0.0.1:PORT — submissions, implicit TLS, AUTH */
  smtpsUrl: string;
  /** smtp://127.0.0.1:PORT — unauthenticated inbound MX, only for the local domain */
  inboundSmtpUrl: string;
  /** The self-signed server certificate; clients trust it as their CA. */
  caFile: string;
  domain: string;
  stateDir: string;
  mailRoot: string;
  dovecotConf: string;
  users: Record<MailUserName, MailUser>;
};

export function defaultStateDir(): string {
  const fromEnv = process.env.MAILSERVER_DIR;
  return path.resolve(fromEnv && fromEnv.length > 0 ? fromEnv : path.join(process.cwd(), '.mailserver/test'));
}

/** Parses the KEY=value lines (optionally single-quoted) of a shell env file. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    let value = m[2] ?? '';
    if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1).replaceAll("'\\''", "'");
    out[m[1] ?? ''] = value;
  }
  return out;
}

/** Settings from STATE/env; process.env values of the same names win. */
export function readMailServerEnv(stateDir = defaultStateDir()): MailServerEnv {
  let file: Record<string, string> = {};
  try {
    file = parseEnvFile(readFileSync(path.join(stateDir, 'env'), 'utf8'));
  } catch (err) {
    if (!process.env.IMAP_URL) {
      throw new Error(`No mail server env at ${stateDir}/env — run: bash scripts/mailserver.sh start`, { cause: err });
    }
  }
  const get = (key: string): string => {
    const value = process.env[key] || file[key];
    if (!value) throw new Error(`${key} missing from ${stateDir}/env and the environment`);
    return value;
  };
  return {
    imapUrl: get('IMAP_URL'),
    imapsUrl: get('IMAPS_URL'),
    smtpUrl: get('SMTP_URL'),
    smtpsUrl: get('SMTPS_URL'),
    inboundSmtpUrl: get('SMTP_INBOUND_URL'),
    caFile: get('MAIL_CA_FILE'),
    domain: get('MAIL_DOMAIN'),
    stateDir: file.MAILSERVER_DIR ?? stateDir,
    mailRoot: file.MAILSERVER_MAIL_ROOT ?? path.join(stateDir, 'mail'),
    dovecotConf: file.MAILSERVER_DOVECOT_CONF ?? path.join(stateDir, 'dovecot.conf'),
    users: MAIL_USERS,
  };
}

/** host and port of an imap://, imaps://, smtp:// or smtps:// URL. */
export function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) };
}
