// The page CSP (lib/csp.ts): nonce scripts only, framing refused, remote loads only after opting in.
import { describe, expect, it } from 'vitest';
import { newNonce, nonceOf, pagePolicy, strictTransportSecurity, wantsPagePolicy } from '@/lib/csp';

const directives = (policy: string) =>
  new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));

describe('pagePolicy', () => {
  const policy = pagePolicy({ nonce: 'abc123==', allowRemote: false, https: false });
  const d = directives(policy);

  it('runs only nonce-bearing scripts: no unsafe-inline or unsafe-eval', () => {
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy).not.toContain('unsafe-eval');
    expect(d.get('script-src')).not.toContain("'unsafe-inline'");
    expect(nonceOf(policy)).toBe('abc123==');
  });

  it('refuses framing, plugins, <base> and foreign form targets', () => {
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
  });

  it('loads no remote images or fonts until the reader asks (the srcdoc frame inherits this policy)', () => {
    expect(d.get('img-src')).toEqual(["'self'", 'data:']);
    expect(d.get('font-src')).toEqual(["'self'"]);
    const remote = directives(pagePolicy({ nonce: 'n', allowRemote: true, https: false }));
    expect(remote.get('img-src')).toEqual(["'self'", 'data:', 'http:', 'https:']);
    expect(remote.get('script-src')).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'"]);
  });

  it('upgrades insecure requests only behind https', () => {
    expect(d.has('upgrade-insecure-requests')).toBe(false);
    expect(directives(pagePolicy({ nonce: 'n', allowRemote: false, https: true })).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('newNonce', () => {
  it('is fresh each time, 128 bits, in the form Next parses', () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) {
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(nonceOf(pagePolicy({ nonce, allowRemote: false, https: false }))).toBe(nonce);
    }
  });
});

describe('other headers', () => {
  it('sends HSTS only for an https public URL', () => {
    expect(strictTransportSecurity('https://mail.example.test')).toBe('max-age=31536000; includeSubDomains');
    expect(strictTransportSecurity('http://127.0.0.1:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
  });

  it('leaves the download routes their own sandbox CSP', () => {
    expect(wantsPagePolicy('/mail/INBOX/12/source')).toBe(false);
    expect(wantsPagePolicy('/mail/INBOX/12/attachments/0')).toBe(false);
    for (const page of ['/login', '/mail/INBOX', '/mail/INBOX/12', '/compose', '/mail/source', '/api/auth/session']) {
      expect(wantsPagePolicy(page)).toBe(true);
    }
  });
});
