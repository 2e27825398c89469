// Owns the Apple configuration profile (.mobileconfig) for iPhone, iPad and Mac Mail: one IMAP account
// with authenticated SMTP, no password inside (the device asks for it when the profile is installed).
import { createHash } from 'node:crypto';
import type { SetupFacts } from './setup-facts';
import { escapeXml as x } from './xml';

// Fixed namespace for Satchel's name-based UUIDs, so one user's profile keeps its identity across
// downloads and installing it again replaces the account instead of adding a second one.
const UUID_NAMESPACE = 'a1d9c2f4-6b1e-4c57-9a0e-3f2d8b7c5e61';

/** RFC 9562 version-5 (SHA-1, name-based) UUID: the same name always gives the same UUID. */
export function nameUuid(name: string): string {
  const ns = Buffer.from(UUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type PlistValue = string | number | boolean | PlistDict | PlistValue[];
type PlistDict = { [key: string]: PlistValue };

function plistValue(value: PlistValue, indent: string): string {
  if (typeof value === 'string') return `<string>${x(value)}</string>`;
  if (typeof value === 'number') return `<integer>${Math.trunc(value)}</integer>`;
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  const inner = `${indent}\t`;
  if (Array.isArray(value)) return `<array>\n${value.map((v) => `${inner}${plistValue(v, inner)}\n`).join('')}${indent}</array>`;
  const entries = Object.entries(value).map(([k, v]) => `${inner}<key>${x(k)}</key>\n${inner}${plistValue(v, inner)}\n`);
  return `<dict>\n${entries.join('')}${indent}</dict>`;
}

/** satchel.test -> test.satchel: Apple's identifiers are reverse-DNS. */
const reverseDns = (domain: string) => domain.split('.').reverse().join('.');

/** The profile for one address. UseSSL is true for STARTTLS too: Apple Mail then upgrades on 143/587. */
export function mobileconfigXml(facts: SetupFacts, email: string): string {
  const address = email.toLowerCase();
  const profileUuid = nameUuid(`profile:${address}`);
  const accountUuid = nameUuid(`mail-account:${address}`);
  const identifier = `${reverseDns(facts.domain)}.mail-setup.${profileUuid}`;
  const account: PlistDict = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.mail`,
    PayloadUUID: accountUuid,
    PayloadDisplayName: `Mail: ${address}`,
    EmailAccountDescription: `${facts.productName} (${address})`,
    EmailAccountType: 'EmailTypeIMAP',
    EmailAddress: address,
    IncomingMailServerHostName: facts.incoming.host,
    IncomingMailServerPortNumber: facts.incoming.port,
    IncomingMailServerUseSSL: true,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    IncomingMailServerUsername: address,
    OutgoingMailServerHostName: facts.outgoing.host,
    OutgoingMailServerPortNumber: facts.outgoing.port,
    OutgoingMailServerUseSSL: true,
    OutgoingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingMailServerUsername: address,
    OutgoingPasswordSameAsIncomingPassword: true,
    PreventMove: false,
    PreventAppSheet: false,
    SMIMEEnabled: false,
  };
  const profile: PlistDict = {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: profileUuid,
    PayloadDisplayName: `${facts.productName}: ${address}`,
    PayloadDescription: `Sets up ${address} in Mail: incoming mail by IMAP from ${facts.incoming.host}, outgoing mail by SMTP with your password through ${facts.outgoing.host}. You will be asked for your password while installing.`,
    PayloadOrganization: facts.productName,
    PayloadRemovalDisallowed: false,
    PayloadContent: [account],
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${plistValue(profile, '')}
</plist>
`;
}

/** A download name without anything a header or a file system could trip on. */
export function mobileconfigFilename(domain: string): string {
  return `${domain.replace(/[^a-z0-9.-]/gi, '') || 'mail'}.mobileconfig`;
}
