import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/lib/auth/client-ip';
import { csrfTokenFrom, newCsrfCookieValue } from '@/lib/auth/cookies';
import { composeSchema, envelopeRecipients, isPlainAddress, parseRecipients } from '@/lib/mail/compose-input';
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

  it('needs a recipient', () => {
    expect(composeSchema.safeParse({ sendId: 'abcdefgh12' }).error?.issues[0]?.message).toBe('Add at least one recipient');
  });
});

// THREATS T17: a header-bound value with a line break or control character never reaches nodemailer.
describe('header injection', () => {
  const message = (fields: Record<string, string>) => composeSchema.safeParse({ to: 'a@x.test', sendId: 'abcdefgh12', ...fields }).error?.issues[0]?.message;

  it('refuses CR, LF, NUL and other controls in the subject', () => {
    for (const subject of ['Hi\r\nBcc: evil@x.test', 'Hi\nBcc: evil@x.test', 'Hi\rX', 'Hi\u0000', 'Hi\u001b[0m', 'Hi\u2028Bcc: e@x.test']) {
      expect(message({ subject })).toBe('Subject: line breaks and control characters are not allowed');
    }
    expect(composeSchema.parse({ to: 'a@x.test', subject: 'Tab\tand ünïcödé — fine', sendId: 'abcdefgh12' }).subject).toBe('Tab\tand ünïcödé — fine');
  });

  it('refuses line breaks in recipient fields, display names included', () => {
    expect(message({ to: 'a@x.test\r\nBcc: evil@x.test' })).toBe('To: line breaks and control characters are not allowed');
    expect(message({ cc: '"Ann\r\nBcc: evil@x.test" <a@x.test>' })).toBe('Cc: line breaks and control characters are not allowed');
    expect(message({ bcc: 'Ann\u0000 <a@x.test>' })).toBe('Bcc: line breaks and control characters are not allowed');
  });

  it('keeps line breaks in the body but refuses NUL', () => {
    expect(composeSchema.parse({ to: 'a@x.test', body: 'one\r\ntwo', sendId: 'abcdefgh12' }).body).toBe('one\r\ntwo');
    expect(message({ body: 'a\u0000b' })).toBe('Message: contains a NUL character');
  });
});

// THREATS T16, T19: only the form's own fields get through; nothing that nodemailer would act on.
describe('what a reply answers', () => {
  const parse = (source: string) => composeSchema.safeParse({ to: 'a@x.test', sendId: 'abcdefgh12', source });
  it('reads kind, folder (slashes included) and uid; nothing else of the original comes from the form', () => {
    expect(parse('reply:Work/Clients/42').data?.source).toEqual({ kind: 'reply', folder: 'Work/Clients', uid: 42 });
    expect(parse('').data?.source).toBeNull();
  });
  it('refuses anything else as an out-of-date form', () => {
    for (const bad of ['reply:INBOX', 'answer:INBOX/1', 'reply:/1', 'reply:INBOX/0', 'reply:INBOX/1x']) {
      expect(parse(bad).error?.issues[0]?.message).toBe('the form is out of date; reload the page');
    }
  });
});

describe('unknown fields', () => {
  it('are refused, not passed along', () => {
    for (const extra of [{ from: 'ceo@other.test' }, { sender: 'x@evil.test' }, { replyTo: 'x@evil.test' }, { attachments: [{ path: '/etc/passwd' }] }, { html: { href: 'http://127.0.0.1:9/' } }, { headers: { Bcc: 'e@x.test' } }, { raw: 'x' }, { envelope: { to: ['e@x.test'] } }]) {
      const result = composeSchema.safeParse({ to: 'a@x.test', sendId: 'abcdefgh12', ...extra });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });
});

// THREATS T18: one strict parser; anything that could be read two ways is refused.
describe('recipient misrouting', () => {
  it('refuses quoted local parts, comments, groups, domain literals and source routes', () => {
    for (const bad of ['"a@evil.test x"@example.test', '"a b"@example.test', 'b@example.test(x)evil.test', 'b@example.test (Bob)', '(c)b@example.test',
      'Friends: a@x.test, b@y.test;', 'undisclosed-recipients:;', 'a@[127.0.0.1]', '<@evil.test:a@x.test>', 'a@b@c.test', 'Ann <a@x.test> <b@y.test>',
      'a@x.test>', 'Ann <a@x.test', 'a@localhost', 'a@1.2.3.4', 'a..b@x.test', '.a@x.test', 'a@-x.test', 'a@x_y.test', 'ä@x.test', 'a@x.test\\']) {
      expect(parseRecipients(bad), bad).toEqual({ ok: false, bad: expect.any(String) });
    }
  });

  it('refuses a display name that is some other address', () => {
    expect(parseRecipients('"boss@corp.test" <x@evil.test>').ok).toBe(false);
    expect(parseRecipients('boss@corp.test <x@evil.test>').ok).toBe(false);
    expect(parseRecipients('"x@y.test" <x@y.test>')).toEqual({ ok: true, addresses: [{ name: 'x@y.test', address: 'x@y.test' }] });
  });

  it('names the entry that was refused', () => {
    expect(parseRecipients('ok@x.test, b@example.test(x)evil.test')).toEqual({ ok: false, bad: 'b@example.test(x)evil.test' });
  });

  it('still reads everyday forms', () => {
    expect(parseRecipients(`<a@x.test>; O'Brien <ob@x.test>, "Quo\\"te" <q@x.test>,, first.last+tag@sub.example.co.uk,`)).toEqual({
      ok: true,
      addresses: [
        { name: '', address: 'a@x.test' },
        { name: "O'Brien", address: 'ob@x.test' },
        { name: 'Quo"te', address: 'q@x.test' },
        { name: '', address: 'first.last+tag@sub.example.co.uk' },
      ],
    });
  });

  it('counts each envelope recipient once, Bcc included', () => {
    const input = composeSchema.parse({ to: 'a@x.test, A@X.test', cc: 'b@y.test', bcc: 'c@z.test, a@x.test', sendId: 'abcdefgh12' });
    expect(envelopeRecipients(input)).toEqual(['a@x.test', 'b@y.test', 'c@z.test']);
  });

  it('accepts only plain addresses for headers and envelopes', () => {
    expect(isPlainAddress('frank@satchel.test')).toBe(true);
    expect(isPlainAddress(`${'a'.repeat(65)}@x.test`)).toBe(false);
    expect(isPlainAddress(`a@${'b'.repeat(250)}.test`)).toBe(false);
  });
});

describe('return paths after sign-in', () => {
  it('allows only local mail paths', () => {
    expect(safeReturnPath('/mail/INBOX/12')).toBe('/mail/INBOX/12');
    expect(safeReturnPath('/compose')).toBe('/compose');
    // The phone that scanned the setup page's QR code signs in, then gets that page or the Apple profile.
    expect(safeReturnPath('/settings/mail-apps/profile')).toBe('/settings/mail-apps/profile');
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
  it('takes the address appended last (by the proxy, or pinned to the socket)', () => {
    expect(clientIpFrom({ 'x-forwarded-for': '203.0.113.9, ::ffff:198.51.100.7' })).toBe('198.51.100.7');
    expect(clientIpFrom({ 'x-forwarded-for': 'not an ip' })).toBeUndefined();
    expect(clientIpFrom(undefined)).toBeUndefined();
  });
});
