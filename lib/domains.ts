// Owns what applies to a mail domain: its servers (for Satchel and for customers' own mail apps),
// sending limits, extra From addresses and branding, chosen by the domain of the signed-in address.
import 'server-only';
import type { SendLimits } from './config-parse';
import { config, type MailEndpoint } from './config';

export type Branding = { productName: string; logoUrl: string | null; accentColor: string | null };

export type DomainSettings = {
  domain: string;
  /** Where Satchel itself connects. */
  imap: MailEndpoint;
  smtp: MailEndpoint;
  /** What a customer's own mail app should use (public names; often the same servers). */
  clientImap: MailEndpoint;
  clientSmtp: MailEndpoint;
  send: SendLimits;
  branding: Branding;
};

export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

/** The settings for an address's domain, or null when this deployment does not serve that domain. */
export function domainSettings(email: string): DomainSettings | null {
  const c = config();
  const domain = domainOf(email);
  if (!domain) return null;
  return {
    domain,
    imap: c.imap,
    smtp: c.smtp,
    clientImap: c.imap,
    clientSmtp: c.smtp,
    send: c.send,
    branding: { productName: 'Satchel', logoUrl: null, accentColor: null },
  };
}

/** The From addresses a user may send as: their own first, then the admin's allowed aliases. */
export function allowedFromAddresses(email: string): string[] {
  const own = email.toLowerCase();
  const aliases = config()
    .fromAliases.filter((a) => a.owner === own)
    .map((a) => a.alias);
  return [own, ...aliases];
}
