import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { csrfTokenFrom, newCsrfCookieValue } from '@/lib/auth/cookies';
import { composeSchema, parseRecipients } from '@/lib/mail/compose-input';
import { folderSchema } from '@/lib/mail/mailbox-input';
import { safeReturnPath } from '@/lib/safe-return-path';

describe('recipients', () => {
  it('parses names, commas and semicolons', () => {
    expect(parseRecipients('Ann Example <ann@x.test>; bob@y.test, "Doe, Jo" <jo@z.test>')).toEqual({
      ok: true,
      addresses: [
        { name: 'Ann Example', address: 'ann@x.test' },
        { name: '', address: 'bob@y.test' },
        { name: 'Doe, Jo', address: 'jo@z.test' },
      ],
    });
  });

  it('names the bad address', () => {
    const result = composeSchema.safeParse({ to: 'ok@x.test, not-an-address', sendId: 'abcdefgh12' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('To: "not-an-address" is not a valid email address');
  });

  it('needs a recipient and strips newlines from the subject', () => {
    expect(composeSchema.safeParse({ sendId: 'abcdefgh12' }).error?.issues[0]?.message).toBe('Add at least one recipient');
    const ok = composeSchema.parse({ to: 'a@x.test', subject: 'Hi\r\nBcc: evil@x.test', sendId: 'abcdefgh12' });
    expect(ok.subject).toBe('Hi Bcc: evil@x.test');
  });
});

describe('return paths after sign-in', () => {
  it('allows only local mail paths', () => {
    expect(safeReturnPath('/mail/INBOX/12')).toBe('/mail/INBOX/12');
    expect(safeReturnPath('/compose')).toBe('/compose');
    for (const bad of ['https://evil.test/mail', '//evil.test/mail', '/\\evil.test', '/api/auth/signout', 'mail/INBOX']) {
      expect(safeReturnPath(bad)).toBeNull();
    }
  });
});

describe('folder names', () => {
  it('refuse control characters', () => {
    expect(folderSchema.safeParse('Projects/Satchel').success).toBe(true);
    expect(folderSchema.safeParse('INBOX\r\nA1 LOGOUT').success).toBe(false);
  });
});

describe('csrf cookie', () => {
  it('round-trips only with the same secret', () => {
    const value = newCsrfCookieValue('s1');
    expect(csrfTokenFrom(value, 's1')).toBe(value.split('|')[0]);
    expect(csrfTokenFrom(value, 's2')).toBeNull();
    expect(csrfTokenFrom(undefined, 's1')).toBeNull();
  });
});

describe('client ip', () => {
  it('ignores X-Forwarded-For unless the admin trusts a proxy (a browser can forge it)', () => {
    expect(clientIpFrom({ 'x-forwarded-for': '203.0.113.9' }, false)).toBeUndefined();
  });

  it('behind a trusted proxy, takes the address the proxy appended', () => {
    expect(clientIpFrom({ 'x-forwarded-for': '203.0.113.9, ::ffff:198.51.100.7' }, true)).toBe('198.51.100.7');
    expect(clientIpFrom({ 'x-forwarded-for': 'not an ip' }, true)).toBeUndefined();
    expect(clientIpFrom(undefined, true)).toBeUndefined();
  });
});
