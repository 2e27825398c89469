// The per-domain file (DOMAINS_FILE) and the deployment settings added for admins: parsed, checked,
// and each mistake reported by the setting's name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '@/lib/config-parse';

const base = { IMAP_URL: 'imaps://mail.example.com', SMTP_URL: 'smtp://mail.example.com:587', AUTH_SECRET: 'x'.repeat(32) };
const dir = mkdtempSync(path.join(tmpdir(), 'satchel-domains-'));
let n = 0;

function domainsFile(content: unknown): string {
  const file = path.join(dir, `domains-${n++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const example = {
  branding: { productName: 'Hoster Mail', accentColor: '#0f766e' },
  domains: {
    'Example.com': {
      limits: { perHour: 3, maxRecipients: 5 },
      aliases: { 'ann@example.com': ['sales@example.com', 'INFO@example.com'] },
      branding: { productName: 'Example Webmail', logoUrl: '/brand/example.svg' },
    },
    'other.org': {
      imap: 'imap://imap.other.org',
      smtp: 'smtps://smtp.other.org',
      clientImap: 'imaps://mail.other.org',
      clientSmtp: 'smtps://mail.other.org',
      tls: { minVersion: 'TLSv1.3' },
    },
  },
};

describe('DOMAINS_FILE', () => {
  it('reads servers, TLS policy, limits, aliases and branding per domain', () => {
    const c = parseConfig({ ...base, DOMAINS_FILE: domainsFile(example) });
    const ex = c.domainsFile?.domains.get('example.com');
    expect(ex?.limits).toEqual({ perHour: 3, maxRecipients: 5 });
    expect(ex?.aliases.get('ann@example.com')).toEqual(['sales@example.com', 'info@example.com']);
    expect(ex?.branding).toEqual({ productName: 'Example Webmail', logoUrl: '/brand/example.svg' });
    const other = c.domainsFile?.domains.get('other.org');
    expect(other?.imap).toEqual({ host: 'imap.other.org', port: 143, implicitTls: false });
    expect(other?.smtp).toEqual({ host: 'smtp.other.org', port: 465, implicitTls: true });
    expect(other?.clientImap).toEqual({ host: 'mail.other.org', port: 993, implicitTls: true });
    expect(other?.tls).toEqual({ minVersion: 'TLSv1.3' });
    expect(c.defaultBranding).toEqual({ productName: 'Hoster Mail', logoUrl: null, accentColor: '#0f766e' });
  });

  it('with a file, only its domains may sign in unless ALLOWED_DOMAINS says more; without one, any address goes to IMAP_URL', () => {
    expect(parseConfig({ ...base, DOMAINS_FILE: domainsFile(example) }).allowedDomains).toEqual(new Set());
    expect(parseConfig(base).allowedDomains).toBe('*');
    expect(parseConfig({ ...base, ALLOWED_DOMAINS: 'a.example, B.example' }).allowedDomains).toEqual(new Set(['a.example', 'b.example']));
    expect(parseConfig({ ...base, DOMAINS_FILE: domainsFile(example), ALLOWED_DOMAINS: '*' }).allowedDomains).toBe('*');
  });

  it('names the file and the setting for each mistake', () => {
    const bad = (domains: unknown) => () => parseConfig({ ...base, DOMAINS_FILE: domainsFile({ domains }) });
    expect(bad({ 'a.example': { imap: 'http://x' } })).toThrow(/DOMAINS_FILE .*: domains\.a\.example\.imap: expected imaps:\/\/ or imap:\/\//);
    expect(bad({ 'a.example': { limits: { perHour: 0 } } })).toThrow(/domains\.a\.example\.limits\.perHour: expected a positive whole number/);
    expect(bad({ 'a.example': { limits: { perYear: 5 } } })).toThrow(/domains\.a\.example\.limits: .*perYear/);
    expect(bad({ 'a.example': { branding: { accentColor: 'red' } } })).toThrow(/branding\.accentColor: expected a colour like #1d4ed8/);
    expect(bad({ 'a.example': { branding: { logoUrl: 'https://evil.example/x.png' } } })).toThrow(/branding\.logoUrl: expected a path on this site/);
    expect(bad({ 'a.example': { tls: { minVersion: 'SSLv3' } } })).toThrow(/tls\.minVersion: expected TLSv1\.2 or TLSv1\.3/);
    expect(bad({ 'a.example': { tls: { caFile: '/nonexistent.pem' } } })).toThrow(/domains\.a\.example\.tls\.caFile: cannot read/);
    expect(bad({ 'a.example': { aliases: { 'ann@b.example': ['x@a.example'] } } })).toThrow(/domains\.a\.example\.aliases: "ann@b\.example" is not an address @a\.example/);
    expect(bad({ 'not a domain': {} })).toThrow(/domains.*expected a domain name/);
    expect(() => parseConfig({ ...base, DOMAINS_FILE: domainsFile('{ not json') })).toThrow(/DOMAINS_FILE: cannot read .* as JSON/);
    expect(() => parseConfig({ ...base, DOMAINS_FILE: '/nonexistent/domains.json' })).toThrow(/DOMAINS_FILE: cannot read/);
  });
});

describe('deployment settings', () => {
  it('has safe defaults', () => {
    const c = parseConfig(base);
    expect(c.trustedProxies).toEqual([]);
    expect(c.basePath).toBe('');
    expect(c.metrics).toEqual({ port: undefined, host: '127.0.0.1', token: undefined });
    expect(c.shutdownTimeoutMs).toBe(25_000);
  });

  it('reads them', () => {
    const c = parseConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7,fd00::/8', BASE_PATH: '/webmail', METRICS_PORT: '9464', METRICS_TOKEN: 't'.repeat(20), SHUTDOWN_TIMEOUT_SECONDS: '5' });
    expect(c.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8']);
    expect(c.basePath).toBe('/webmail');
    expect(c.metrics).toEqual({ port: 9464, host: '127.0.0.1', token: 't'.repeat(20) });
    expect(c.shutdownTimeoutMs).toBe(5000);
  });

  it('names each bad setting', () => {
    expect(() => parseConfig({ ...base, TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES: expected IP addresses or CIDR ranges/);
    expect(() => parseConfig({ ...base, TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseConfig({ ...base, ALLOWED_DOMAINS: 'example.com, *' })).toThrow(/ALLOWED_DOMAINS: expected \* or domain names/);
    expect(() => parseConfig({ ...base, BASE_PATH: 'webmail/' })).toThrow(/BASE_PATH: expected a path like \/webmail/);
    expect(() => parseConfig({ ...base, METRICS_PORT: '70000' })).toThrow(/METRICS_PORT: expected a port number/);
    expect(() => parseConfig({ ...base, METRICS_HOST: 'localhost' })).toThrow(/METRICS_HOST: expected an IP address/);
    expect(() => parseConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: expected at least 16 characters/);
    expect(() => parseConfig({ ...base, LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: expected fatal, error/);
  });
});

describe('domainSettings', () => {
  afterEach(() => {
    vi.resetModules();
    for (const key of [...Object.keys(base), 'DOMAINS_FILE', 'ALLOWED_DOMAINS', 'FROM_ALIASES']) delete process.env[key];
  });

  async function load(env: Record<string, string>) {
    vi.resetModules();
    Object.assign(process.env, base, env);
    return import('@/lib/domains');
  }

  it('picks each domain its servers, limits and branding, falls back to the deployment, and refuses unlisted domains', async () => {
    const { domainSettings, allowedFromAddresses, brandingFor, upstreams } = await load({ DOMAINS_FILE: domainsFile(example), FROM_ALIASES: 'boss@example.com=ann@example.com' });
    const ex = domainSettings('Ann@Example.com');
    expect(ex).toMatchObject({ domain: 'example.com', imap: { host: 'mail.example.com', port: 993 }, branding: { productName: 'Example Webmail', accentColor: '#0f766e' } });
    expect(ex?.send).toEqual({ perMinute: 10, perHour: 3, recipientsPerHour: 200, recipientsPerDay: 1000, maxRecipients: 5 });
    expect(ex?.clientImap).toEqual(ex?.imap);
    const other = domainSettings('bo@other.org');
    expect(other).toMatchObject({ imap: { host: 'imap.other.org' }, clientSmtp: { host: 'mail.other.org', port: 465 }, tls: { minVersion: 'TLSv1.3' } });
    expect(other?.branding.productName).toBe('Hoster Mail');
    expect(domainSettings('eve@elsewhere.net')).toBeNull();
    expect(brandingFor('eve@elsewhere.net').productName).toBe('Hoster Mail');
    expect(allowedFromAddresses('ann@example.com')).toEqual(['ann@example.com', 'boss@example.com', 'sales@example.com', 'info@example.com']);
    expect(allowedFromAddresses('bo@other.org')).toEqual(['bo@other.org']);
    // Only the servers some domain uses: the defaults are unused when every allowed domain is listed.
    expect(upstreams().map((u) => `${u.kind} ${u.endpoint.host}`).sort()).toEqual(['imap imap.other.org', 'imap mail.example.com', 'smtp mail.example.com', 'smtp smtp.other.org']);
  });

  it('without a file serves every address from IMAP_URL, or only ALLOWED_DOMAINS when set', async () => {
    expect((await load({})).domainSettings('x@anything.example')?.imap.host).toBe('mail.example.com');
    const { domainSettings } = await load({ ALLOWED_DOMAINS: 'example.com' });
    expect(domainSettings('x@example.com')).not.toBeNull();
    expect(domainSettings('x@elsewhere.net')).toBeNull();
  });
});
