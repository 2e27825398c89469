// Owns parsing the admin's configuration from the environment, with errors that name the setting.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const mailUrl = (schemes: { tls: string; starttls: string }, example: string) =>
  z
    .string({ error: `expected a URL like ${example}` })
    .transform((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: `expected a URL like ${example}, got "${value}"` });
        return z.NEVER;
      }
      const scheme = url.protocol.replace(/:$/, '');
      if (scheme !== schemes.tls && scheme !== schemes.starttls) {
        ctx.addIssue({ code: 'custom', message: `expected ${schemes.tls}:// or ${schemes.starttls}://, got "${scheme}://"` });
        return z.NEVER;
      }
      const port = Number(url.port || defaultPorts[scheme]);
      return { host: url.hostname.replace(/^\[|\]$/g, ''), port, implicitTls: scheme === schemes.tls };
    });

const defaultPorts: Record<string, number> = { imaps: 993, imap: 143, smtps: 465, smtp: 587 };

const WHOLE = 'expected a positive whole number';
const positive = () => z.coerce.number({ error: WHOLE }).int(WHOLE).positive(WHOLE);
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
  IMAP_URL: mailUrl({ tls: 'imaps', starttls: 'imap' }, 'imaps://mail.example.com:993 or imap://mail.example.com:143'),
  SMTP_URL: mailUrl({ tls: 'smtps', starttls: 'smtp' }, 'smtps://mail.example.com:465 or smtp://mail.example.com:587'),
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
});

export type LoginLimits = { perAccount: number; perIp: number; unknownIp: number; windowMs: number };
export type SendLimits = { perMinute: number; perHour: number; recipientsPerHour: number; recipientsPerDay: number; maxRecipients: number };

export type MailEndpoint = { host: string; port: number; implicitTls: boolean };
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
  };
}
