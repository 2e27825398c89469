import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config-parse';

const base = { IMAP_URL: 'imaps://mail.example.com', SMTP_URL: 'smtp://mail.example.com:587', AUTH_SECRET: 'x'.repeat(32) };

describe('parseConfig', () => {
  it('reads implicit TLS and STARTTLS URLs with default ports', () => {
    const c = parseConfig(base);
    expect(c.imap).toEqual({ host: 'mail.example.com', port: 993, implicitTls: true });
    expect(c.smtp).toEqual({ host: 'mail.example.com', port: 587, implicitTls: false });
    expect(c.sessionIdleMs).toBe(30 * 60_000);
  });

  it('accepts NEXTAUTH_SECRET as the secret', () => {
    const { AUTH_SECRET, ...rest } = base;
    expect(parseConfig({ ...rest, NEXTAUTH_SECRET: AUTH_SECRET }).authSecret).toBe(AUTH_SECRET);
  });

  it('names the bad variable and says what is expected', () => {
    expect(() => parseConfig({ ...base, IMAP_URL: 'http://mail.example.com' })).toThrow(/IMAP_URL: expected imaps:\/\/ or imap:\/\//);
    expect(() => parseConfig({ ...base, SMTP_URL: undefined })).toThrow(/SMTP_URL: expected a URL like smtps:\/\//);
    expect(() => parseConfig({ ...base, AUTH_SECRET: 'short' })).toThrow(/AUTH_SECRET: expected at least 32 characters/);
  });

  it('reports an unreadable CA file by name', () => {
    expect(() => parseConfig({ ...base, MAIL_CA_FILE: '/nonexistent/ca.pem' })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, MAIL_CA_FILE: '/nonexistent/ca.pem' })).toThrow(/MAIL_CA_FILE: cannot read/);
  });
});
