// Owns Microsoft Autodiscover (POX) for Outlook and the clients that copy it (Thunderbird, Evolution):
// reading the request's address with a strict, entity-free XML parser, and the IMAP + SMTP answer.
import { SaxesParser } from 'saxes';
import { isPlainAddress } from '@/lib/mail/address-parse';
import type { ServerFacts, SetupFacts } from './setup-facts';
import { escapeXml as x } from './xml';

/** Outlook's request is about 350 bytes; anything near this is not an Autodiscover request. */
export const AUTODISCOVER_MAX_BYTES = 4096;

const REQUEST_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
export const OUTLOOK_RESPONSE_SCHEMA = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const MAX_DEPTH = 8;

export type AutodiscoverRequest =
  | { ok: true; email: string }
  /** `malformed`: not well-formed, not this schema, or no plain address; `unsupported-schema`: e.g. ActiveSync's mobilesync. */
  | { ok: false; reason: 'malformed' | 'unsupported-schema' };

/**
 * Reads Autodiscover/Request/{EMailAddress, AcceptableResponseSchema}. saxes resolves only XML's five
 * predefined entities and character references: a DOCTYPE is refused outright, so there is no entity
 * expansion (billion laughs) and nothing external is ever fetched (XXE).
 */
export function parseAutodiscoverRequest(body: string): AutodiscoverRequest {
  if (body.length > AUTODISCOVER_MAX_BYTES) return { ok: false, reason: 'malformed' };
  const fields = new Map<string, string>();
  const stack: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('doctype', () => parser.fail('DOCTYPE is not allowed'));
  parser.on('opentag', (tag) => {
    if (tag.uri !== REQUEST_NS || stack.length >= MAX_DEPTH) parser.fail('unexpected element');
    stack.push(tag.local);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => {
    const path = stack.join('/');
    if (path === 'Autodiscover/Request/EMailAddress' || path === 'Autodiscover/Request/AcceptableResponseSchema') {
      fields.set(path, (fields.get(path) ?? '') + text);
    }
  });
  try {
    parser.write(body).close();
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const email = fields.get('Autodiscover/Request/EMailAddress')?.trim() ?? '';
  const schema = fields.get('Autodiscover/Request/AcceptableResponseSchema')?.trim();
  if (!isPlainAddress(email)) return { ok: false, reason: 'malformed' };
  // Outlook always names the schema; a client that names none gets the only one there is.
  if (schema !== undefined && schema !== OUTLOOK_RESPONSE_SCHEMA) return { ok: false, reason: 'unsupported-schema' };
  return { ok: true, email };
}

// SSL stays "on" for both modes: Thunderbird reads SSL "off" as a plain-text connection. Encryption (which
// Outlook prefers over SSL when both are present) says which: SSL = TLS from the start, TLS = STARTTLS.
function protocol(type: 'IMAP' | 'SMTP', s: ServerFacts, email: string): string {
  const smtpOnly = type === 'SMTP' ? '\n        <UsePOPAuth>on</UsePOPAuth>\n        <SMTPLast>off</SMTPLast>' : '';
  return `      <Protocol>
        <Type>${type}</Type>
        <Server>${x(s.host)}</Server>
        <Port>${x(s.port)}</Port>
        <DomainRequired>off</DomainRequired>
        <LoginName>${x(email)}</LoginName>
        <SPA>off</SPA>
        <SSL>on</SSL>
        <Encryption>${s.security === 'tls' ? 'SSL' : 'TLS'}</Encryption>
        <AuthRequired>on</AuthRequired>${smtpOnly}
      </Protocol>`;
}

/** The settings answer: an email account with IMAP in and authenticated SMTP out, logging in as the address. */
export function autodiscoverResponseXml(facts: SetupFacts, email: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${RESPONSE_NS}">
  <Response xmlns="${OUTLOOK_RESPONSE_SCHEMA}">
    <User>
      <DisplayName>${x(email)}</DisplayName>
    </User>
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocol('IMAP', facts.incoming, email)}
${protocol('SMTP', facts.outgoing, email)}
    </Account>
  </Response>
</Autodiscover>
`;
}

/** Autodiscover's error codes (MS-OXDSCLI): 500 address not found, 600 invalid request, 601 schema not supported. */
export type AutodiscoverErrorCode = 500 | 600 | 601;
const ERROR_MESSAGES: Record<AutodiscoverErrorCode, string> = {
  500: 'The e-mail address cannot be found.',
  600: 'Invalid Request',
  601: 'The requested schema version is not supported.',
};

export function autodiscoverErrorXml(code: AutodiscoverErrorCode, now = new Date()): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${RESPONSE_NS}">
  <Response>
    <Error Time="${now.toISOString().slice(11, 19)}" Id="0">
      <ErrorCode>${code}</ErrorCode>
      <Message>${ERROR_MESSAGES[code]}</Message>
      <DebugData />
    </Error>
  </Response>
</Autodiscover>
`;
}
