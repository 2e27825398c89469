import { describe, expect, it } from 'vitest';
import { linkify } from '@/lib/text/linkify';

const links = (text: string) => linkify(text).filter((t) => t.kind === 'link').map((t) => [t.value, t.href]);

describe('linkify', () => {
  it('returns plain text as one token', () => {
    expect(linkify('just text')).toEqual([{ kind: 'text', value: 'just text' }]);
    expect(linkify('')).toEqual([]);
  });

  it('finds http(s), mailto and bare www links', () => {
    expect(linkify('see https://example.test/a?b=1 now')).toEqual([
      { kind: 'text', value: 'see ' },
      { kind: 'link', value: 'https://example.test/a?b=1', href: 'https://example.test/a?b=1' },
      { kind: 'text', value: ' now' },
    ]);
    expect(links('mail mailto:ann@example.test or www.example.test/x')).toEqual([
      ['mailto:ann@example.test', 'mailto:ann@example.test'],
      ['www.example.test/x', 'https://www.example.test/x'],
    ]);
  });

  it('leaves trailing punctuation and unbalanced parentheses out', () => {
    expect(links('Go to https://example.test/page.')).toEqual([['https://example.test/page', 'https://example.test/page']]);
    expect(links('(see https://example.test/a), ok?')).toEqual([['https://example.test/a', 'https://example.test/a']]);
    expect(links('https://en.wikipedia.org/wiki/Foo_(bar).')).toEqual([
      ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://en.wikipedia.org/wiki/Foo_(bar)'],
    ]);
    expect(links('"https://example.test/q"')).toEqual([['https://example.test/q', 'https://example.test/q']]);
  });

  it('never links other schemes and keeps markup as text', () => {
    expect(links('javascript:alert(1) data:text/html,x ftp://x.test vbscript:x')).toEqual([]);
    const tokens = linkify('<img src=x onerror=alert(1)> http://a.test/<script>');
    expect(tokens.map((t) => t.value).join('')).toBe('<img src=x onerror=alert(1)> http://a.test/<script>');
    expect(links('http://a.test/<script>')).toEqual([['http://a.test/', 'http://a.test/']]);
  });

  it('does not link words that merely contain www. or lack a host', () => {
    expect(links('foo.www.example.test and https:// and mailto:nobody')).toEqual([]);
  });

  it('round-trips: the token values concatenate back to the input', () => {
    const text = 'a https://x.test/(y)) b www.z.test, c mailto:q@r.test. d';
    expect(linkify(text).map((t) => t.value).join('')).toBe(text);
  });
});
