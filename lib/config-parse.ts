// Owns parsing the admin's configuration from the environment, with errors that name the setting.
import { readFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import {
  DomainsFileError,
  imapUrl,
  positive,
  readDomainsFile,
  smtpUrl,
  type Branding,
  type DomainsFile,
  type MailEndpoint,
  type SendLimits,
} from './config-domains';

export type { Branding, MailEndpoint, SendLimits } from './config-domains';

const positiveInt = (fallback: number) => positive().default(fallback);

// Optional: a shared Redis for sessions and rate limits when several app nodes serve one site.
const redisUrl = z
  .string()
  .refine((value) => {
    try {
      return ['redis:', 'rediss:'].includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, 'expected a URL like redis://127.0.0.1:6379 or rediss://user:pass@redis.example.com:6380/0')
  .optional();

const envSchema = z.object({
  IMAP_URL: imapUrl,
  SMTP_URL: smtpUrl,
  MAIL_CA_FILE: z.string().min(1).optional(),
  AUTH_SECRET: z.string({ error: 'expected a random secret of at least 32 characters (openssl rand -base64 32)' }).min(32, 'expected at least 32 characters'),
  IMAP_IDLE_CLOSE_SECONDS: positiveInt(300),
  SESSION_IDLE_MINUTES: positiveInt(30),
  // Seconds-level override of SESSION_IDLE_MINUTES, for tests and for sites that want it short.
  SESSION_IDLE_SECONDS: positive().optional(),
  SESSION_MAX_HOURS: positiveInt(12),
  REDIS_URL: redisUrl,
  TRUST_PROXY_HEADERS: z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'),
  LOGIN_FAILURES_PER_ACCOUNT: positiveInt(5),
  LOGIN_FAILURES_PER_IP: positiveInt(20),
  LOGIN_FAILURES_UNKNOWN_IP: positiveInt(100),
  LOGIN_WINDOW_MINUTES: positiveInt(15),
  SEND_LIMIT_PER_MINUTE: positiveInt(10),
  SEND_LIMIT_PER_HOUR: positiveInt(100),
  SEND_RECIPIENTS_PER_HOUR: positiveInt(200),
  SEND_RECIPIENTS_PER_DAY: positiveInt(1000),
  MAX_RECIPIENTS: positiveInt(50),
  // Extra From addresses: "alias@example.com=owner@example.com,…" (the mail server must allow them too).
  FROM_ALIASES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const pairs = value.split(',').map((p) => p.trim()).filter(Boolean);
      const out: { alias: string; owner: string }[] = [];
      for (const pair of pairs) {
        const [alias, owner, extra] = pair.split('=').map((s) => s.trim().toLowerCase());
        const address = /^[^\s@,=]+@[^\s@,=]+$/;
        if (!alias || !owner || extra !== undefined || !address.test(alias) || !address.test(owner)) {
          ctx.addIssue({ code: 'custom', message: `expected alias@domain=owner@domain, got "${pair}"` });
          return z.NEVER;
        }
        out.push({ alias, owner });
      }
      return out;
    }),
  DOMAINS_FILE: z.string().min(1).optional(),
  // Comma-separated domains whose addresses may sign in (besides DOMAINS_FILE's), or * for any.
  ALLOWED_DOMAINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const list = value.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
      if (list.length === 1 && list[0] === '*') return '*' as const;
      const bad = list.find((d) => !/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(d));
      if (bad !== undefined) {
        ctx.addIssue({ code: 'custom', message: `expected * or domain names separated by commas, got "${bad}"` });
        return z.NEVER;
      }
      return new Set(list);
    }),
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const list = value.split(',').map((p) => p.trim()).filter(Boolean);
      for (const entry of list) {
        if (!cidr(entry)) {
          ctx.addIssue({ code: 'custom', message: `expected IP addresses or CIDR ranges like 10.0.0.0/8, ::1, separated by commas; got "${entry}"` });
          return z.NEVER;
        }
      }
      return list;
    }),
  BASE_PATH: z
    .string()
    .default('')
    .refine((v) => v === '' || /^(\/[A-Za-z0-9._~-]+)+$/.test(v), 'expected a path like /webmail (no trailing slash), or empty'),
  METRICS_PORT: z.coerce.number({ error: 'expected a port number' }).int().min(1, 'expected a port number').max(65535, 'expected a port number').optional(),
  METRICS_HOST: z.string().refine((v) => isIP(v) !== 0, 'expected an IP address to bind to, like 127.0.0.1').default('127.0.0.1'),
  METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(25),
  // Compose: attachments per message (also capped by the SMTP server's SIZE) and the undo-send window.
  ATTACHMENTS_MAX_BYTES: positiveInt(25 * 1024 * 1024),
  UNDO_SEND_SECONDS: z.coerce.number({ error: 'expected a whole number of seconds from 0 to 60' }).int('expected a whole number of seconds from 0 to 60').min(0, 'expected a whole number of seconds from 0 to 60').max(60, 'expected a whole number of seconds from 0 to 60').default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'expected fatal, error, warn, info, debug, trace or silent' }).default('info'),
});

/** "10.0.0.0/8", "192.0.2.7", "::1", "fd00::/8": the parts for BlockList, or null when malformed. */
function cidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefixText, extra] = entry.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : Number(prefixText);
  if (!/^\d+$/.test(prefixText ?? String(max)) || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** TRUSTED_PROXIES as a BlockList, to test a connection's address against. */
export function trustedProxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const c = cidr(entry);
    if (c) list.addSubnet(c.address, c.prefix, c.family);
  }
  return list;
}

export type LoginLimits = { perAccount: number; perIp: number; unknownIp: number; windowMs: number };

export type Config = {
  imap: MailEndpoint;
  smtp: MailEndpoint;
  ca: string | undefined;
  authSecret: string;
  imapIdleCloseMs: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  sendLimitPerHour: number;
  maxRecipients: number;
  redisUrl: string | undefined;
  trustProxyHeaders: boolean;
  login: LoginLimits;
  send: SendLimits;
  fromAliases: { alias: string; owner: string }[];
  tls: { ca: string | undefined; minVersion: 'TLSv1.2' | 'TLSv1.3' };
  /** The per-domain file (DOMAINS_FILE), or null when every domain uses the settings above. */
  domainsFile: DomainsFile | null;
  /** Who may sign in besides the file's domains: '*' for any address, else these domains. */
  allowedDomains: '*' | Set<string>;
  defaultBranding: Branding;
  /** IPs/CIDRs of reverse proxies whose X-Forwarded-* headers are believed (with trustProxyHeaders: all). */
  trustedProxies: string[];
  basePath: string;
  metrics: { port: number | undefined; host: string; token: string | undefined };
  shutdownTimeoutMs: number;
  compose: { attachmentsMaxBytes: number; undoSendSeconds: number };
  logLevel: string;
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const input = { ...env, AUTH_SECRET: env.AUTH_SECRET ?? env.NEXTAUTH_SECRET };
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new ConfigError(`Satchel is misconfigured:\n${lines.join('\n')}\nSee .env.example for every setting.`);
  }
  const e = parsed.data;
  let domainsFile: DomainsFile | null = null;
  if (e.DOMAINS_FILE) {
    try {
      domainsFile = readDomainsFile(e.DOMAINS_FILE);
    } catch (err) {
      if (err instanceof DomainsFileError) throw new ConfigError(`Satchel is misconfigured:\n  ${err.message}\nSee docs/deploy.md for the file's format.`);
      throw err;
    }
  }
  let ca: string | undefined;
  if (e.MAIL_CA_FILE) {
    try {
      ca = readFileSync(e.MAIL_CA_FILE, 'utf8');
    } catch (err) {
      throw new ConfigError(`Satchel is misconfigured:\n  MAIL_CA_FILE: cannot read "${e.MAIL_CA_FILE}" (${(err as Error).message}); expected a PEM file of CA certificates`);
    }
  }
  return {
    imap: e.IMAP_URL,
    smtp: e.SMTP_URL,
    ca,
    authSecret: e.AUTH_SECRET,
    imapIdleCloseMs: e.IMAP_IDLE_CLOSE_SECONDS * 1000,
    sessionIdleMs: e.SESSION_IDLE_SECONDS !== undefined ? e.SESSION_IDLE_SECONDS * 1000 : e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: e.SESSION_MAX_HOURS * 3_600_000,
    sendLimitPerHour: e.SEND_LIMIT_PER_HOUR,
    maxRecipients: e.MAX_RECIPIENTS,
    redisUrl: e.REDIS_URL,
    trustProxyHeaders: e.TRUST_PROXY_HEADERS === 'true',
    login: {
      perAccount: e.LOGIN_FAILURES_PER_ACCOUNT,
      perIp: e.LOGIN_FAILURES_PER_IP,
      unknownIp: e.LOGIN_FAILURES_UNKNOWN_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
    },
    send: {
      perMinute: e.SEND_LIMIT_PER_MINUTE,
      perHour: e.SEND_LIMIT_PER_HOUR,
      recipientsPerHour: e.SEND_RECIPIENTS_PER_HOUR,
      recipientsPerDay: e.SEND_RECIPIENTS_PER_DAY,
      maxRecipients: e.MAX_RECIPIENTS,
    },
    fromAliases: e.FROM_ALIASES,
    tls: { ca, minVersion: 'TLSv1.2' },
    domainsFile,
    // Safe default: with a domains file only its domains (and ALLOWED_DOMAINS) may sign in. Without one,
    // every address goes to IMAP_URL, the one server the admin named: never a server the user picks.
    allowedDomains: e.ALLOWED_DOMAINS ?? (domainsFile ? new Set<string>() : '*'),
    defaultBranding: { productName: 'Satchel', logoUrl: null, accentColor: null, ...domainsFile?.defaultBranding },
    trustedProxies: e.TRUSTED_PROXIES,
    basePath: e.BASE_PATH,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    compose: { attachmentsMaxBytes: e.ATTACHMENTS_MAX_BYTES, undoSendSeconds: e.UNDO_SEND_SECONDS },
    logLevel: e.LOG_LEVEL,
  };
}
