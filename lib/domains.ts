// Owns what applies to a mail domain: its servers (for Satchel and for customers' own mail apps),
// TLS policy, sending limits, extra From addresses and branding, chosen by the domain of the
// signed-in address; and which domains may sign in at all.
import 'server-only';
import type { Branding, SendLimits } from './config-parse';
import { config, type MailEndpoint } from './config';

export type { Branding } from './config-parse';

export type DomainSettings = {
  domain: string;
  /** Where Satchel itself connects. */
  imap: MailEndpoint;
  smtp: MailEndpoint;
  /** What a customer's own mail app should use (public names; often the same servers). */
  clientImap: MailEndpoint;
  clientSmtp: MailEndpoint;
  /** How Satchel verifies those servers: the admin's extra CAs and the lowest TLS version accepted. */
  tls: { ca: string | undefined; minVersion: 'TLSv1.2' | 'TLSv1.3' };
  send: SendLimits;
  branding: Branding;
};

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).trim().toLowerCase();
}

/** The settings for an address's domain, or null when this deployment does not serve that domain. */
export function domainSettings(email: string): DomainSettings | null {
  const c = config();
  const domain = domainOf(email);
  if (!domain || !email.includes('@')) return null;
  const entry = c.domainsFile?.domains.get(domain);
  if (!entry && c.allowedDomains !== '*' && !c.allowedDomains.has(domain)) return null;
  const imap = entry?.imap ?? c.imap;
  const smtp = entry?.smtp ?? c.smtp;
  return {
    domain,
    imap,
    smtp,
    clientImap: entry?.clientImap ?? imap,
    clientSmtp: entry?.clientSmtp ?? smtp,
    tls: { ...c.tls, ...entry?.tls },
    send: { ...c.send, ...entry?.limits },
    branding: { ...c.defaultBranding, ...entry?.branding },
  };
}

/** The deployment's own branding: for pages shown before anyone has signed in. */
export function defaultBranding(): Branding {
  return config().defaultBranding;
}

/** The branding a signed-in user sees: their domain's, else the deployment's. */
export function brandingFor(email: string): Branding {
  return domainSettings(email)?.branding ?? defaultBranding();
}

/** The From addresses a user may send as: their own first, then the admin's allowed aliases. */
export function allowedFromAddresses(email: string): string[] {
  const own = email.trim().toLowerCase();
  const fromEnv = config()
    .fromAliases.filter((a) => a.owner === own)
    .map((a) => a.alias);
  const fromFile = config().domainsFile?.domains.get(domainOf(own))?.aliases.get(own) ?? [];
  return [...new Set([own, ...fromEnv, ...fromFile])];
}

/** Every distinct IMAP and SMTP server Satchel itself connects to, with how to verify it (readiness). */
export function upstreams(): Array<{ kind: 'imap' | 'smtp'; endpoint: MailEndpoint; tls: DomainSettings['tls']; domains: string[] }> {
  const c = config();
  const out = new Map<string, { kind: 'imap' | 'smtp'; endpoint: MailEndpoint; tls: DomainSettings['tls']; domains: string[] }>();
  const add = (kind: 'imap' | 'smtp', endpoint: MailEndpoint, tls: DomainSettings['tls'], domain: string) => {
    const key = `${kind} ${endpoint.host} ${endpoint.port} ${endpoint.implicitTls}`;
    const seen = out.get(key);
    if (seen) seen.domains.push(domain);
    else out.set(key, { kind, endpoint, tls, domains: [domain] });
  };
  // The deployment's default servers are used by any allowed domain not in the file.
  if (!c.domainsFile || c.allowedDomains === '*' || c.allowedDomains.size > 0) {
    add('imap', c.imap, c.tls, '*');
    add('smtp', c.smtp, c.tls, '*');
  }
  for (const domain of c.domainsFile?.domains.keys() ?? []) {
    const s = domainSettings(`x@${domain}`)!;
    add('imap', s.imap, s.tls, domain);
    add('smtp', s.smtp, s.tls, domain);
  }
  return [...out.values()];
}
