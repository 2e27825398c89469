// Owns the one description of how a customer's own mail app connects, made from a domain's settings:
// autoconfig, Autodiscover, the Apple profile and the setup page all render from it, so they agree.
import type { DomainSettings } from '@/lib/domains';

/** `tls`: TLS from the first byte (IMAPS 993, SMTPS 465); `starttls`: plain greeting, then STARTTLS (143, 587). */
export type Security = 'tls' | 'starttls';
export type ServerFacts = { host: string; port: number; security: Security };

export type SetupFacts = {
  domain: string;
  productName: string;
  /** IMAP */
  incoming: ServerFacts;
  /** SMTP submission, always with authentication (the user's own address and password) */
  outgoing: ServerFacts;
};

type Endpoint = DomainSettings['clientImap'];

function serverFacts(endpoint: Endpoint): ServerFacts {
  return { host: endpoint.host, port: endpoint.port, security: endpoint.implicitTls ? 'tls' : 'starttls' };
}

/** What customers' mail apps should use: the domain's client-facing servers, never Satchel's internal names. */
export function setupFacts(settings: Pick<DomainSettings, 'domain' | 'clientImap' | 'clientSmtp' | 'branding'>): SetupFacts {
  return {
    domain: settings.domain,
    productName: settings.branding.productName,
    incoming: serverFacts(settings.clientImap),
    outgoing: serverFacts(settings.clientSmtp),
  };
}

/** The name most mail apps give the mode in their "Connection security" list. */
export function securityName(security: Security): string {
  return security === 'tls' ? 'SSL/TLS' : 'STARTTLS';
}

/** An address that stands for a whole domain when only the domain is known (every domain has a postmaster). */
export function domainAddress(domain: string): string {
  return `postmaster@${domain}`;
}
