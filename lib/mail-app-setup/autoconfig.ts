// Owns the Mozilla autoconfig document (Thunderbird, K-9 / Thunderbird for Android, Evolution, …):
// clientConfig v1.1 with one IMAP and one SMTP server, the user name left to the client (%EMAILADDRESS%).
import type { Security, ServerFacts, SetupFacts } from './setup-facts';
import { escapeXml as x } from './xml';

const SOCKET_TYPE: Record<Security, string> = { tls: 'SSL', starttls: 'STARTTLS' };

function server(tag: 'incomingServer' | 'outgoingServer', type: 'imap' | 'smtp', s: ServerFacts): string {
  return `    <${tag} type="${type}">
      <hostname>${x(s.host)}</hostname>
      <port>${x(s.port)}</port>
      <socketType>${SOCKET_TYPE[s.security]}</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </${tag}>`;
}

/** config-v1.1.xml for a domain. password-cleartext is safe here: both servers are TLS or STARTTLS, never plain. */
export function autoconfigXml(facts: SetupFacts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${x(facts.domain)}">
    <domain>${x(facts.domain)}</domain>
    <displayName>${x(facts.productName)} (${x(facts.domain)})</displayName>
    <displayShortName>${x(facts.productName)}</displayShortName>
${server('incomingServer', 'imap', facts.incoming)}
${server('outgoingServer', 'smtp', facts.outgoing)}
  </emailProvider>
</clientConfig>
`;
}
