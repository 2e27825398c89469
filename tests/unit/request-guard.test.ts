// THREATS T10: the origin check every state-changing request passes (proxy.ts and the compose action).
import { describe, expect, it } from 'vitest';
import { checkRequest, isStatelessPost, requestFacts, type RequestFacts } from '@/lib/request-guard';

const APP = 'https://mail.example.test';
const post = (over: Partial<RequestFacts>): RequestFacts => ({
  method: 'POST',
  origin: APP,
  secFetchSite: 'same-origin',
  host: 'mail.example.test',
  publicUrl: APP,
  ...over,
});

describe('checkRequest', () => {
  it('lets GET and HEAD through whatever their origin (they never change state)', () => {
    for (const method of ['GET', 'HEAD', 'get']) {
      expect(checkRequest(post({ method, origin: 'https://evil.test', secFetchSite: 'cross-site' }))).toEqual({ ok: true });
    }
  });

  it('accepts a POST from our own pages', () => {
    expect(checkRequest(post({}))).toEqual({ ok: true });
    expect(checkRequest(post({ secFetchSite: null }))).toEqual({ ok: true });
    expect(checkRequest(post({ secFetchSite: 'none' }))).toEqual({ ok: true });
    expect(checkRequest(post({ publicUrl: `${APP}/` }))).toEqual({ ok: true });
  });

  it('refuses cross-site and same-site fetches by Sec-Fetch-Site', () => {
    expect(checkRequest(post({ secFetchSite: 'cross-site' }))).toEqual({ ok: false, reason: 'cross-site' });
    // Another port or subdomain of the same site is another origin: not trusted either.
    expect(checkRequest(post({ secFetchSite: 'same-site' }))).toEqual({ ok: false, reason: 'cross-site' });
  });

  it('refuses a missing or null Origin (sandboxed frames, data: URLs, non-browser clients)', () => {
    expect(checkRequest(post({ origin: null }))).toEqual({ ok: false, reason: 'missing-origin' });
    expect(checkRequest(post({ origin: '' }))).toEqual({ ok: false, reason: 'missing-origin' });
    expect(checkRequest(post({ origin: 'null' }))).toEqual({ ok: false, reason: 'null-origin' });
  });

  it('refuses any other origin, including other ports, schemes and look-alikes', () => {
    for (const origin of ['https://evil.test', 'http://mail.example.test', 'https://mail.example.test:8443', 'https://mail.example.test.evil.test', 'not a url', 'file:///x']) {
      expect(checkRequest(post({ origin, secFetchSite: null }))).toEqual({ ok: false, reason: 'foreign-origin' });
    }
  });

  it('compares with the Host header when no public URL is configured', () => {
    const facts = { publicUrl: undefined, host: '127.0.0.1:3000' };
    expect(checkRequest(post({ ...facts, origin: 'http://127.0.0.1:3000' }))).toEqual({ ok: true });
    expect(checkRequest(post({ ...facts, origin: 'http://127.0.0.1:3005' }))).toEqual({ ok: false, reason: 'foreign-origin' });
    expect(checkRequest(post({ ...facts, host: null }))).toEqual({ ok: false, reason: 'foreign-origin' });
  });

  it('with a public URL, a forged Host header does not help', () => {
    expect(checkRequest(post({ origin: 'https://evil.test', host: 'evil.test' }))).toEqual({ ok: false, reason: 'foreign-origin' });
  });

  it('refuses other state-changing methods the same way', () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      expect(checkRequest(post({ method, origin: 'https://evil.test' })).ok).toBe(false);
      expect(checkRequest(post({ method })).ok).toBe(true);
    }
  });
});

describe('requestFacts', () => {
  it('reads the headers case-insensitively, and the public URL from the environment by default', () => {
    const headers = new Headers({ Origin: APP, 'Sec-Fetch-Site': 'same-origin', Host: 'mail.example.test' });
    expect(requestFacts('POST', headers, APP)).toEqual(post({}));
    expect(requestFacts('POST', new Headers(), undefined)).toEqual({ method: 'POST', origin: null, secFetchSite: null, host: null, publicUrl: undefined });
  });
});

describe('isStatelessPost (Outlook\'s Autodiscover POST, which sends no Origin)', () => {
  const none = new Headers();
  it('exempts exactly a POST to the two Autodiscover paths Outlook uses', () => {
    expect(isStatelessPost('POST', '/autodiscover/autodiscover.xml', none)).toBe(true);
    expect(isStatelessPost('POST', '/Autodiscover/Autodiscover.xml', none)).toBe(true);
  });

  it('exempts nothing else: other paths, other methods, or a request carrying a Server Action', () => {
    for (const path of ['/autodiscover/autodiscover.xml/', '/autodiscover/autodiscover.xml/x', '/AUTODISCOVER/AUTODISCOVER.XML', '/compose', '/api/auth/signout', '/mail/INBOX', '/autodiscover']) {
      expect(isStatelessPost('POST', path, none), path).toBe(false);
    }
    for (const method of ['PUT', 'DELETE', 'PATCH']) expect(isStatelessPost(method, '/autodiscover/autodiscover.xml', none)).toBe(false);
    expect(isStatelessPost('POST', '/autodiscover/autodiscover.xml', new Headers({ 'Next-Action': 'abc123' }))).toBe(false);
  });
});
