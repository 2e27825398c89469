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

  it('has safe defaults for sessions, sign-in throttling and sending limits', () => {
    const c = parseConfig(base);
    expect(c.redisUrl).toBeUndefined();
    expect(c.trustProxyHeaders).toBe(false);
    expect(c.sessionMaxMs).toBe(12 * 3_600_000);
    expect(c.login).toEqual({ perAccount: 5, perIp: 20, unknownIp: 100, windowMs: 15 * 60_000 });
    expect(c.send).toEqual({ perMinute: 10, perHour: 100, recipientsPerHour: 200, recipientsPerDay: 1000, maxRecipients: 50 });
  });

  it('reads the new settings', () => {
    const c = parseConfig({
      ...base,
      REDIS_URL: 'rediss://user:pw@redis.example.com:6380/1',
      SESSION_IDLE_SECONDS: '3',
      TRUST_PROXY_HEADERS: 'true',
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      LOGIN_FAILURES_PER_IP: '7',
      LOGIN_FAILURES_UNKNOWN_IP: '9',
      LOGIN_WINDOW_MINUTES: '2',
      SEND_LIMIT_PER_MINUTE: '4',
      SEND_RECIPIENTS_PER_HOUR: '11',
      SEND_RECIPIENTS_PER_DAY: '12',
    });
    expect(c.redisUrl).toBe('rediss://user:pw@redis.example.com:6380/1');
    expect(c.sessionIdleMs).toBe(3000);
    expect(c.trustProxyHeaders).toBe(true);
    expect(c.login).toEqual({ perAccount: 3, perIp: 7, unknownIp: 9, windowMs: 120_000 });
    expect(c.send).toMatchObject({ perMinute: 4, recipientsPerHour: 11, recipientsPerDay: 12 });
    expect(parseConfig({ ...base, REDIS_URL: 'redis://127.0.0.1:16379' }).redisUrl).toBe('redis://127.0.0.1:16379');
  });

  it('names each bad new setting', () => {
    expect(() => parseConfig({ ...base, REDIS_URL: 'http://redis.example.com' })).toThrow(/REDIS_URL: expected a URL like redis:\/\//);
    expect(() => parseConfig({ ...base, REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => parseConfig({ ...base, TRUST_PROXY_HEADERS: 'yes' })).toThrow(/TRUST_PROXY_HEADERS: expected true or false/);
    for (const name of ['SESSION_IDLE_SECONDS', 'LOGIN_FAILURES_PER_ACCOUNT', 'LOGIN_FAILURES_PER_IP', 'LOGIN_FAILURES_UNKNOWN_IP', 'LOGIN_WINDOW_MINUTES', 'SEND_LIMIT_PER_MINUTE', 'SEND_LIMIT_PER_HOUR', 'SEND_RECIPIENTS_PER_HOUR', 'SEND_RECIPIENTS_PER_DAY', 'MAX_RECIPIENTS']) {
      for (const bad of ['0', '-1', '2.5', 'ten']) {
        expect(() => parseConfig({ ...base, [name]: bad })).toThrow(new RegExp(`${name}: expected a positive whole number`));
      }
    }
  });
});
