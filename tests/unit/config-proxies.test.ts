// TRUSTED_PROXIES: which client address Satchel believes, for sign-in limits and Dovecot's x-originating-ip.
import { describe, expect, it } from 'vitest';
import { trustedProxyList } from '@/lib/config-parse';
import { clientAddress } from '@/lib/socket-address';

const proxies = { all: false, list: trustedProxyList(['10.0.0.0/8', '::1']) };

describe('clientAddress', () => {
  it('ignores X-Forwarded-For from a connection that is not a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', proxies)).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined, { all: false })).toBe('203.0.113.9');
  });

  it('takes the address a trusted proxy saw, skipping further trusted proxies but not a forged left part', () => {
    expect(clientAddress('10.0.0.2', '198.51.100.1', proxies)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 198.51.100.1, 10.0.0.7', proxies)).toBe('198.51.100.1');
    expect(clientAddress('::1', '2001:db8::5', proxies)).toBe('2001:db8::5');
  });

  it('stops at garbage and keeps the last good hop', () => {
    expect(clientAddress('10.0.0.2', 'not-an-ip', proxies)).toBe('10.0.0.2');
  });

  it('TRUST_PROXY_HEADERS=true believes every hop (the old setting)', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', { all: true })).toBe('198.51.100.1');
  });
});
