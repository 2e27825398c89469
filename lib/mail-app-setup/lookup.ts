// Owns finding the setup facts for an address or a domain in the deployment's per-domain settings.
import 'server-only';
import { domainSettings } from '@/lib/domains';
import { isPlainAddress } from '@/lib/mail/address-parse';
import { domainAddress, setupFacts, type SetupFacts } from './setup-facts';

/** null when the address is not a plain one or its domain is not served here. */
export function setupFactsForAddress(email: string): SetupFacts | null {
  if (!isPlainAddress(email)) return null;
  const settings = domainSettings(email);
  return settings && setupFacts(settings);
}

export function setupFactsForDomain(domain: string): SetupFacts | null {
  return setupFactsForAddress(domainAddress(domain));
}
