import { afterEach, describe, expect, it, vi } from 'vitest';
import { basePathMismatch, stripBasePath, withBasePath } from '@/lib/base-path';

afterEach(() => vi.unstubAllEnvs());

describe('served at the root (no BASE_PATH)', () => {
  it('leaves every URL as it is', () => {
    vi.stubEnv('BASE_PATH', '');
    expect(withBasePath('/mail/INBOX')).toBe('/mail/INBOX');
    expect(withBasePath('/')).toBe('/');
    expect(stripBasePath('/mail/INBOX/7')).toBe('/mail/INBOX/7');
    expect(basePathMismatch('')).toBeNull();
  });
});

describe('served under /webmail', () => {
  it('prefixes app paths, keeping the query and hash', () => {
    vi.stubEnv('BASE_PATH', '/webmail');
    expect(withBasePath('/mail/INBOX')).toBe('/webmail/mail/INBOX');
    expect(withBasePath('/search?q=x&in=all')).toBe('/webmail/search?q=x&in=all');
    expect(withBasePath('/login?callbackUrl=%2Fcompose')).toBe('/webmail/login?callbackUrl=%2Fcompose');
    expect(withBasePath('/')).toBe('/webmail');
  });

  it('turns a link the browser resolved back into the app path the router takes', () => {
    vi.stubEnv('BASE_PATH', '/webmail');
    expect(stripBasePath('/webmail/mail/INBOX/7')).toBe('/mail/INBOX/7');
    expect(stripBasePath('/webmail')).toBe('/');
    expect(stripBasePath('/webmail?x=1')).toBe('/?x=1');
    expect(stripBasePath(withBasePath('/mail/Sent%20Items/3?view=threads'))).toBe('/mail/Sent%20Items/3?view=threads');
  });

  it('leaves paths outside the base alone: a longer name that only starts the same is not inside it', () => {
    vi.stubEnv('BASE_PATH', '/webmail');
    expect(stripBasePath('/mail/INBOX')).toBe('/mail/INBOX');
    expect(stripBasePath('/webmailer/mail/INBOX')).toBe('/webmailer/mail/INBOX');
  });

  it('names both values when the server starts with another BASE_PATH than the build', () => {
    vi.stubEnv('BASE_PATH', '/webmail');
    expect(basePathMismatch('/webmail')).toBeNull();
    expect(basePathMismatch('')).toMatch(/BASE_PATH: this build serves under "\/webmail", but BASE_PATH is unset now/);
    vi.stubEnv('BASE_PATH', '');
    expect(basePathMismatch('/mail')).toMatch(/serves at the root \(built without BASE_PATH\), but BASE_PATH is "\/mail" now/);
  });
});
