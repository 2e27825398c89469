// The search box language: what each operator finds, and a clear message (never a crash) for anything malformed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_QUERY_LENGTH, combine, parseSearchQuery } from '@/lib/mail/search-query';

function search(input: string) {
  const parsed = parseSearchQuery(input);
  if (!parsed.ok) throw new Error(`expected "${input}" to parse, got: ${parsed.error}`);
  return parsed.search;
}

function error(input: string): string {
  const parsed = parseSearchQuery(input);
  if (parsed.ok) throw new Error(`expected "${input}" to be refused`);
  return parsed.error;
}

const day = (s: string) => new Date(`${s}T00:00:00.000Z`);

describe('operators', () => {
  it('maps each operator to its IMAP search key', () => {
    expect(search('from:anna')).toEqual({ from: 'anna' });
    expect(search('to:bob@example.org')).toEqual({ to: 'bob@example.org' });
    expect(search('subject:invoice')).toEqual({ subject: 'invoice' });
    expect(search('has:attachment')).toEqual({ header: { 'Content-Type': 'multipart/mixed' } });
    expect(search('is:unread')).toEqual({ seen: false });
    expect(search('is:read')).toEqual({ seen: true });
    expect(search('is:flagged')).toEqual({ flagged: true });
  });

  it('reads operators case-insensitively', () => {
    expect(search('FROM:Anna IS:Unread Has:Attachment')).toEqual({ from: 'Anna', seen: false, header: { 'Content-Type': 'multipart/mixed' } });
  });

  it('before: is strictly before the day (IMAP BEFORE), after: is from the day on (IMAP SINCE)', () => {
    expect(search('before:2026-02-01')).toEqual({ before: day('2026-02-01') });
    expect(search('after:2026-01-01')).toEqual({ since: day('2026-01-01') });
    expect(search('after:2026-01-01 before:2026-02-01')).toEqual({ since: day('2026-01-01'), before: day('2026-02-01') });
  });

  it('keeps quoted phrases whole, for an operator or on their own', () => {
    expect(search('subject:"q3 report"')).toEqual({ subject: 'q3 report' });
    expect(search('"exact words"')).toEqual({ text: 'exact words' });
    expect(search('from:"Anna Berg" "budget plan"')).toEqual({ from: 'Anna Berg', text: 'budget plan' });
  });

  it('searches plain words anywhere (IMAP TEXT), every word required', () => {
    expect(search('invoice')).toEqual({ text: 'invoice' });
    expect(search('invoice 2026')).toEqual({ text: 'invoice', not: { not: { text: '2026' } } });
    expect(search('a b c')).toEqual({ text: 'a', not: { not: { text: 'b', not: { not: { text: 'c' } } } } });
  });

  it('combines different operators with AND in one object', () => {
    expect(search('from:anna subject:"q3 report" is:unread invoice')).toEqual({ from: 'anna', subject: 'q3 report', seen: false, text: 'invoice' });
  });

  it('keeps non-ASCII words as they are (imapflow sends them as UTF-8 literals)', () => {
    expect(search('from:Jürgen 東京')).toEqual({ from: 'Jürgen', text: '東京' });
  });

  it('takes times and other colons that are not operators as words', () => {
    expect(search('10:30')).toEqual({ text: '10:30' });
  });
});

describe('malformed input gets a message for the user', () => {
  it('names an unknown operator', () => {
    expect(error('label:work')).toMatch(/Unknown operator "label:"/);
  });

  it('refuses bad dates', () => {
    for (const q of ['before:2026-02-30', 'after:yesterday', 'before:26-1-1', 'after:2026-13-01', 'before:1969-12-31']) {
      expect(error(q)).toMatch(/YYYY-MM-DD/);
    }
  });

  it('refuses an unbalanced quote', () => {
    expect(error('subject:"q3 report')).toMatch(/quote is not closed/);
    expect(error('abc"def')).toMatch(/quote is not closed/);
  });

  it('refuses empty values', () => {
    expect(error('from:')).toMatch(/needs a value/);
    expect(error('from: anna')).toMatch(/needs a value/);
    expect(error('subject:""')).toMatch(/needs a value/);
    expect(error('""')).toMatch(/empty phrase/);
  });

  it('refuses unknown is: and has: values', () => {
    expect(error('is:important')).toMatch(/is:unread/);
    expect(error('has:pdf')).toMatch(/has:attachment/);
  });

  it('refuses absurd lengths and too many terms', () => {
    expect(error('x'.repeat(MAX_QUERY_LENGTH + 1))).toMatch(/too long/);
    expect(error(Array.from({ length: 21 }, (_, i) => `w${i}`).join(' '))).toMatch(/at most 20/);
  });

  it('refuses control characters, so no CR/LF ever reaches an IMAP command', () => {
    expect(error('subject:"a\r\nA1 DELETE INBOX"')).toMatch(/cannot be searched/);
    expect(error('x\u0000')).toMatch(/cannot be searched/);
  });

  it('tells an empty search apart from a wrong one', () => {
    expect(parseSearchQuery('   ')).toEqual({ ok: false, empty: true, error: 'Type something to search for.' });
  });
});

describe('properties', () => {
  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (s) => {
        const r = parseSearchQuery(s);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('never passes a control character into the search', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        const r = parseSearchQuery(s);
        if (r.ok) expect(JSON.stringify(r.search)).not.toMatch(/\\r|\\n|\\u0000/);
      }),
    );
  });

  it('keeps every word of a list of plain words', () => {
    const word = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const found: string[] = [];
        let node: Record<string, unknown> | undefined = search(words.join(' ')) as Record<string, unknown>;
        while (node) {
          found.push(node.text as string);
          node = (node.not as { not?: Record<string, unknown> } | undefined)?.not;
        }
        expect(found).toEqual(words);
      }),
    );
  });

  it('combine puts each repeated key one level deeper', () => {
    expect(combine([['from', 'a'], ['subject', 's'], ['from', 'b']])).toEqual({ from: 'a', subject: 's', not: { not: { from: 'b' } } });
  });
});
