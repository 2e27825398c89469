// The generators behind mail app setup: Mozilla autoconfig, Microsoft Autodiscover and the Apple profile
// are parsed back with real parsers (jsdom's XML parser, the plist package) and must carry the domain's
// client-facing servers; the Autodiscover request reader refuses what is not Outlook's request.
import { JSDOM } from 'jsdom';
import { parse as parsePlist } from 'plist';
import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { autoconfigXml } from '@/lib/mail-app-setup/autoconfig';
import { AUTODISCOVER_MAX_BYTES, autodiscoverErrorXml, autodiscoverResponseXml, parseAutodiscoverRequest } from '@/lib/mail-app-setup/autodiscover';
import { mobileconfigFilename, mobileconfigXml, nameUuid } from '@/lib/mail-app-setup/mobileconfig';
import { qrDrawing } from '@/lib/mail-app-setup/qr';
import { setupFacts, type SetupFacts } from '@/lib/mail-app-setup/setup-facts';
import { escapeXml } from '@/lib/mail-app-setup/xml';

const endpoint = (host: string, port: number, implicitTls: boolean) => ({ host, port, implicitTls });
const branding = (productName: string) => ({ productName, logoUrl: null, accentColor: null });

// Satchel itself talks to internal names; customers' apps must get the public ones.
const example = setupFacts({
  domain: 'example.com',
  clientImap: endpoint('imap.example.com', 993, true),
  clientSmtp: endpoint('smtp.example.com', 587, false),
  branding: branding('Example Mail'),
});
const other = setupFacts({
  domain: 'other.test',
  clientImap: endpoint('mail.other.test', 143, false),
  clientSmtp: endpoint('mail.other.test', 465, true),
  branding: branding('Other'),
});

const { DOMParser } = new JSDOM('').window;
function parseXml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  return doc;
}
const childText = (el: Element, name: string) => Array.from(el.children).find((c) => c.localName === name)?.textContent ?? null;

const OUTLOOK_NS = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const SCHEMA_2006A = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
const outlookBody = (email: string, schema = SCHEMA_2006A) =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${OUTLOOK_NS}"><Request><EMailAddress>${email}</EMailAddress><AcceptableResponseSchema>${schema}</AcceptableResponseSchema></Request></Autodiscover>`;

describe('setupFacts', () => {
  it('takes the client-facing servers and says TLS or STARTTLS', () => {
    expect(example).toEqual({
      domain: 'example.com',
      productName: 'Example Mail',
      incoming: { host: 'imap.example.com', port: 993, security: 'tls' },
      outgoing: { host: 'smtp.example.com', port: 587, security: 'starttls' },
    });
  });
});

describe('Mozilla autoconfig', () => {
  function servers(facts: SetupFacts) {
    const doc = parseXml(autoconfigXml(facts));
    expect(doc.documentElement.localName).toBe('clientConfig');
    expect(doc.documentElement.getAttribute('version')).toBe('1.1');
    const provider = doc.querySelector('emailProvider')!;
    const read = (el: Element) => ({
      type: el.getAttribute('type'),
      hostname: childText(el, 'hostname'),
      port: childText(el, 'port'),
      socketType: childText(el, 'socketType'),
      authentication: childText(el, 'authentication'),
      username: childText(el, 'username'),
    });
    return {
      id: provider.getAttribute('id'),
      domain: childText(provider, 'domain'),
      incoming: Array.from(provider.querySelectorAll('incomingServer')).map(read),
      outgoing: Array.from(provider.querySelectorAll('outgoingServer')).map(read),
    };
  }

  it('parses and carries each domain’s host, port, socket type and password authentication', () => {
    expect(servers(example)).toEqual({
      id: 'example.com',
      domain: 'example.com',
      incoming: [{ type: 'imap', hostname: 'imap.example.com', port: '993', socketType: 'SSL', authentication: 'password-cleartext', username: '%EMAILADDRESS%' }],
      outgoing: [{ type: 'smtp', hostname: 'smtp.example.com', port: '587', socketType: 'STARTTLS', authentication: 'password-cleartext', username: '%EMAILADDRESS%' }],
    });
    const o = servers(other);
    expect(o.incoming[0]).toMatchObject({ hostname: 'mail.other.test', port: '143', socketType: 'STARTTLS' });
    expect(o.outgoing[0]).toMatchObject({ hostname: 'mail.other.test', port: '465', socketType: 'SSL' });
  });

  it('escapes names so a hostile product name cannot add elements', () => {
    const facts = { ...example, productName: 'A & B <incomingServer type="pop3"> "q" \'s\u0007' };
    const doc = parseXml(autoconfigXml(facts));
    expect(doc.querySelectorAll('incomingServer')).toHaveLength(1);
    expect(doc.querySelector('displayShortName')?.textContent).toBe('A & B <incomingServer type="pop3"> "q" \'s\ufffd');
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and replaces characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    expect(escapeXml('nul\u0000 bell\u0007 tab\t ok')).toBe('nul\ufffd bell\ufffd tab\t ok');
    expect(escapeXml('lone \ud800 surrogate, pair \ud83d\udce7')).toBe('lone \ufffd surrogate, pair \ud83d\udce7');
    expect(escapeXml(993)).toBe('993');
  });
});

describe('Autodiscover request', () => {
  it('reads the address from Outlook’s request and from Thunderbird’s (indented, same schema)', () => {
    expect(parseAutodiscoverRequest(outlookBody('ann@example.com'))).toEqual({ ok: true, email: 'ann@example.com' });
    const thunderbird = `<?xml version="1.0" encoding="utf-8"?>
    <Autodiscover xmlns="${OUTLOOK_NS}">
      <Request>
        <EMailAddress> ann@example.com </EMailAddress>
        <AcceptableResponseSchema>${SCHEMA_2006A}</AcceptableResponseSchema>
      </Request>
    </Autodiscover>`;
    expect(parseAutodiscoverRequest(thunderbird)).toEqual({ ok: true, email: 'ann@example.com' });
    // Character references are plain XML, not entities a DTD defined.
    expect(parseAutodiscoverRequest(outlookBody('&#97;nn@example.com'))).toEqual({ ok: true, email: 'ann@example.com' });
  });

  it('refuses DOCTYPEs, so neither entity expansion nor external entities (XXE) can happen', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE a [<!ENTITY l "lol"><!ENTITY l2 "&l;&l;&l;&l;&l;&l;&l;&l;">]>${outlookBody('&l2;@example.com')}`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE Autodiscover [<!ENTITY x SYSTEM "file:///etc/passwd">]>${outlookBody('&x;')}`;
    const harmless = `<?xml version="1.0"?><!DOCTYPE Autodiscover>${outlookBody('ann@example.com')}`;
    for (const body of [laughs, xxe, harmless]) expect(parseAutodiscoverRequest(body)).toEqual({ ok: false, reason: 'malformed' });
    // An entity nobody declared is not silently dropped either.
    expect(parseAutodiscoverRequest(outlookBody('&x;ann@example.com'))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses bodies that are not well-formed, not this schema, too deep, too big or without a plain address', () => {
    const bad = [
      '',
      'ann@example.com',
      outlookBody('ann@example.com').replace('</Request>', ''),
      outlookBody('ann@example.com').replace(OUTLOOK_NS, 'urn:other'),
      `<Autodiscover><Request><EMailAddress>ann@example.com</EMailAddress></Request></Autodiscover>`,
      outlookBody(''),
      outlookBody('not an address'),
      outlookBody('"a b"@example.com'),
      outlookBody('ann@example.com</EMailAddress><EMailAddress>bob@example.com'),
      outlookBody('ann@example.com').replace('</Request>', `${'<x>'.repeat(20)}${'</x>'.repeat(20)}</Request>`),
      outlookBody(`ann@example.com<!--${'x'.repeat(AUTODISCOVER_MAX_BYTES)}-->`),
    ];
    for (const body of bad) expect(parseAutodiscoverRequest(body), body.slice(0, 200)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('says which schema it cannot serve (ActiveSync’s mobilesync)', () => {
    const mobilesync = 'http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006';
    expect(parseAutodiscoverRequest(outlookBody('ann@example.com', mobilesync))).toEqual({ ok: false, reason: 'unsupported-schema' });
  });
});

describe('Autodiscover response', () => {
  it('answers with IMAP and SMTP protocol entries Outlook and Thunderbird read', () => {
    const doc = parseXml(autodiscoverResponseXml(example, 'ann@example.com'));
    expect(doc.documentElement.namespaceURI).toBe('http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006');
    const response = doc.documentElement.firstElementChild!;
    expect(response.namespaceURI).toBe(SCHEMA_2006A);
    const account = Array.from(response.children).find((c) => c.localName === 'Account')!;
    expect(childText(account, 'AccountType')).toBe('email');
    expect(childText(account, 'Action')).toBe('settings');
    const protocols = Array.from(account.children)
      .filter((c) => c.localName === 'Protocol')
      .map((p) => Object.fromEntries(Array.from(p.children).map((c) => [c.localName, c.textContent])));
    expect(protocols).toEqual([
      { Type: 'IMAP', Server: 'imap.example.com', Port: '993', DomainRequired: 'off', LoginName: 'ann@example.com', SPA: 'off', SSL: 'on', Encryption: 'SSL', AuthRequired: 'on' },
      { Type: 'SMTP', Server: 'smtp.example.com', Port: '587', DomainRequired: 'off', LoginName: 'ann@example.com', SPA: 'off', SSL: 'on', Encryption: 'TLS', AuthRequired: 'on', UsePOPAuth: 'on', SMTPLast: 'off' },
    ]);
  });

  it('writes error answers that parse', () => {
    const doc = parseXml(autodiscoverErrorXml(600, new Date('2026-01-02T03:04:05Z')));
    expect(doc.querySelector('ErrorCode')?.textContent).toBe('600');
    expect(doc.querySelector('Error')?.getAttribute('Time')).toBe('03:04:05');
  });
});

describe('Apple configuration profile', () => {
  type Dict = Record<string, unknown>;
  const profileOf = (facts: SetupFacts, email: string) => parsePlist(mobileconfigXml(facts, email)) as Dict;

  it('is a valid plist with one com.apple.mail.managed payload for IMAP with authenticated SMTP', () => {
    const profile = profileOf(example, 'Ann@example.com');
    expect(profile).toMatchObject({ PayloadType: 'Configuration', PayloadVersion: 1, PayloadRemovalDisallowed: false, PayloadOrganization: 'Example Mail' });
    const content = profile.PayloadContent as Dict[];
    expect(content).toHaveLength(1);
    expect(content[0]).toMatchObject({
      PayloadType: 'com.apple.mail.managed',
      PayloadVersion: 1,
      EmailAccountType: 'EmailTypeIMAP',
      EmailAddress: 'ann@example.com',
      IncomingMailServerHostName: 'imap.example.com',
      IncomingMailServerPortNumber: 993,
      IncomingMailServerUseSSL: true,
      IncomingMailServerAuthentication: 'EmailAuthPassword',
      IncomingMailServerUsername: 'ann@example.com',
      OutgoingMailServerHostName: 'smtp.example.com',
      OutgoingMailServerPortNumber: 587,
      OutgoingMailServerUseSSL: true,
      OutgoingMailServerAuthentication: 'EmailAuthPassword',
      OutgoingMailServerUsername: 'ann@example.com',
      OutgoingPasswordSameAsIncomingPassword: true,
    });
    expect(String(content[0]!.PayloadIdentifier).startsWith(`${profile.PayloadIdentifier}.`)).toBe(true);
  });

  it('embeds no password', () => {
    const profile = profileOf(example, 'ann@example.com');
    const keys = [...Object.keys(profile), ...Object.keys((profile.PayloadContent as Dict[])[0]!)];
    expect(keys.filter((k) => /password/i.test(k))).toEqual(['OutgoingPasswordSameAsIncomingPassword']);
  });

  it('keeps its UUIDs stable per user and domain, and distinct between users', () => {
    const uuids = (facts: SetupFacts, email: string) => {
      const p = profileOf(facts, email);
      return [p.PayloadUUID, (p.PayloadContent as Dict[])[0]!.PayloadUUID];
    };
    const ann = uuids(example, 'ann@example.com');
    expect(uuids(example, 'ANN@example.com')).toEqual(ann);
    expect(new Set([...ann, ...uuids(example, 'bob@example.com'), ...uuids(other, 'ann@other.test')]).size).toBe(6);
    for (const uuid of ann) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    expect(nameUuid('x')).toBe(nameUuid('x'));
  });

  it('escapes what it writes and names the download safely', () => {
    const profile = profileOf({ ...example, productName: '<Mail & "Co">' }, 'ann@example.com');
    expect(profile.PayloadOrganization).toBe('<Mail & "Co">');
    expect(mobileconfigFilename('example.com')).toBe('example.com.mobileconfig');
    expect(mobileconfigFilename('a/../b\r\n')).toBe('a..b.mobileconfig');
  });
});

describe('QR code drawing', () => {
  it('draws exactly the dark modules of the library’s code, inside a quiet zone', () => {
    const url = 'https://mail.example.com/settings/mail-apps';
    const { size, path } = qrDrawing(url);
    const { modules } = create(url, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size + 8);
    const drawn = new Set<string>();
    for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
      for (let i = 0; i < Number(w); i++) drawn.add(`${Number(y) - 4},${Number(x) - 4 + i}`);
    }
    const dark = new Set<string>();
    for (let r = 0; r < modules.size; r++) for (let c = 0; c < modules.size; c++) if (modules.get(r, c)) dark.add(`${r},${c}`);
    expect(drawn).toEqual(dark);
  });
});
