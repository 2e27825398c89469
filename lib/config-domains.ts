// Owns reading the admin's per-domain file (DOMAINS_FILE, JSON): servers, TLS policy, limits, aliases
// and branding per mail domain, with errors that name the file and the setting.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export type MailEndpoint = { host: string; port: number; implicitTls: boolean };
export type SendLimits = { perMinute: number; perHour: number; recipientsPerHour: number; recipientsPerDay: number; maxRecipients: number };
export type Branding = { productName: string; logoUrl: string | null; accentColor: string | null };
export type TlsPolicy = { ca: string | undefined; minVersion: 'TLSv1.2' | 'TLSv1.3' };

/** One domain as the file states it: anything left out falls back to the deployment's settings. */
export type DomainEntry = {
  imap?: MailEndpoint;
  smtp?: MailEndpoint;
  clientImap?: MailEndpoint;
  clientSmtp?: MailEndpoint;
  tls?: Partial<TlsPolicy>;
  limits: Partial<SendLimits>;
  /** owner address -> the extra From addresses that user may send as */
  aliases: Map<string, string[]>;
  branding: Partial<Branding>;
};

export type DomainsFile = { defaultBranding: Partial<Branding>; domains: Map<string, DomainEntry> };

const defaultPorts: Record<string, number> = { imaps: 993, imap: 143, smtps: 465, smtp: 587 };

export const mailUrl = (schemes: { tls: string; starttls: string }, example: string) =>
  z
    .string({ error: `expected a URL like ${example}` })
    .transform((value, ctx): MailEndpoint => {
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

export const imapUrl = mailUrl({ tls: 'imaps', starttls: 'imap' }, 'imaps://mail.example.com:993 or imap://mail.example.com:143');
export const smtpUrl = mailUrl({ tls: 'smtps', starttls: 'smtp' }, 'smtps://mail.example.com:465 or smtp://mail.example.com:587');

const WHOLE = 'expected a positive whole number';
export const positive = () => z.coerce.number({ error: WHOLE }).int(WHOLE).positive(WHOLE);

const domainName = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/.test(s), 'expected a domain name like example.com');
const address = z
  .string()
  .transform((s) => s.trim().toLowerCase())
  .refine((s) => /^[^\s@,<>"]+@[^\s@,<>"]+$/.test(s), 'expected an address like name@example.com');

const brandingSchema = z
  .object({
    productName: z.string().trim().min(1).max(40, 'expected at most 40 characters'),
    // Same-origin only: the pages' CSP allows images from 'self' and data: (a file in public/).
    logoUrl: z.string().regex(/^\/(?!\/)[A-Za-z0-9._~\/-]+$/, 'expected a path on this site like /brand/logo.svg (put the file in public/)'),
    accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1d4ed8'),
  })
  .partial()
  .strict();

const limitsSchema = z
  .object({ perMinute: positive(), perHour: positive(), recipientsPerHour: positive(), recipientsPerDay: positive(), maxRecipients: positive() })
  .partial()
  .strict();

const entrySchema = z
  .object({
    imap: imapUrl.optional(),
    smtp: smtpUrl.optional(),
    clientImap: imapUrl.optional(),
    clientSmtp: smtpUrl.optional(),
    tls: z
      .object({ caFile: z.string().min(1), minVersion: z.enum(['TLSv1.2', 'TLSv1.3'], { error: 'expected TLSv1.2 or TLSv1.3' }) })
      .partial()
      .strict()
      .optional(),
    limits: limitsSchema.optional(),
    aliases: z.record(address, z.array(address).max(100)).optional(),
    branding: brandingSchema.optional(),
  })
  .strict();

const fileSchema = z
  .object({ branding: brandingSchema.optional(), domains: z.record(domainName, entrySchema) })
  .strict();

export class DomainsFileError extends Error {}

function readCa(file: string, where: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new DomainsFileError(`${where}: cannot read "${file}" (${(err as Error).message}); expected a PEM file of CA certificates`);
  }
}

/** Reads and checks the file; every problem is reported as "DOMAINS_FILE <path>: <setting>: <what is wrong>". */
export function readDomainsFile(file: string): DomainsFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DomainsFileError(`DOMAINS_FILE: cannot read "${file}" as JSON (${(err as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    // A bad record key (a domain, an alias owner) carries the key's own complaint inside.
    const why = (i: z.core.$ZodIssue) => (i.code === 'invalid_key' ? (i.issues[0]?.message ?? i.message) : i.message);
    const lines = parsed.error.issues.map((i) => `DOMAINS_FILE ${file}: ${i.path.join('.') || '(file)'}: ${why(i)}`);
    throw new DomainsFileError(lines.join('\n  '));
  }
  const domains = new Map<string, DomainEntry>();
  for (const [domain, e] of Object.entries(parsed.data.domains)) {
    const where = `DOMAINS_FILE ${file}: domains.${domain}`;
    const aliases = new Map<string, string[]>();
    for (const [owner, list] of Object.entries(e.aliases ?? {})) {
      // An owner of another domain would be looked up under that domain and never match here.
      if (!owner.endsWith(`@${domain}`)) throw new DomainsFileError(`${where}.aliases: "${owner}" is not an address @${domain}`);
      aliases.set(owner, list);
    }
    const tls = e.tls ? { ca: e.tls.caFile ? readCa(e.tls.caFile, `${where}.tls.caFile`) : undefined, minVersion: e.tls.minVersion } : undefined;
    domains.set(domain, {
      imap: e.imap,
      smtp: e.smtp,
      clientImap: e.clientImap,
      clientSmtp: e.clientSmtp,
      tls: tls && Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)),
      limits: e.limits ?? {},
      aliases,
      branding: e.branding ?? {},
    });
  }
  return { defaultBranding: parsed.data.branding ?? {}, domains };
}
