import { describe, expect, it } from 'vitest';
import { contentDisposition, safeFilename } from '@/lib/mail/filename';

describe('safeFilename', () => {
  it.each([
    ['report.pdf', 'report.pdf'],
    ['evil\r\nContent-Type: text/html.txt', 'evilContent-Type: text_html.txt'],
    ['nul\u0000byte.txt', 'nulbyte.txt'],
    ['c1\u0085\u009bcontrols.txt', 'c1controls.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2066isolate\u2069.doc', 'isolate.doc'],
    ['../../etc/passwd', '_.._etc_passwd'],
    ['..\\..\\windows\\system.ini', '_.._windows_system.ini'],
    ['.htaccess', 'htaccess'],
    ['  spaced   name .txt ', 'spaced name .txt'],
    ['Grüße 📎.txt', 'Grüße 📎.txt'],
  ])('%j → %j', (input, expected) => {
    expect(safeFilename(input)).toBe(expected);
  });

  it('falls back for empty, missing or fully stripped names', () => {
    expect(safeFilename(null)).toBe('attachment');
    expect(safeFilename(undefined, 'message.eml')).toBe('message.eml');
    expect(safeFilename('\u202E\r\n...')).toBe('attachment');
  });

  it('trims to 150 characters keeping the extension', () => {
    const name = safeFilename(`${'a'.repeat(300)}.pdf`);
    expect(name).toHaveLength(150);
    expect(name.endsWith('.pdf')).toBe(true);
    const emoji = safeFilename(`${'📎'.repeat(200)}.txt`);
    expect(Array.from(emoji)).toHaveLength(150);
    expect(emoji.endsWith('.txt')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and an RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('Grüße "quoted" (1).pdf')).toBe(
      `attachment; filename="Gruße _quoted_ (1).pdf"`.replace('ß', '_') +
        `; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20%22quoted%22%20%281%29.pdf`,
    );
  });

  it('never emits controls, quotes or bidi overrides into the header', () => {
    const header = contentDisposition('a\r\n"b\\\u202E%.txt');
    expect(header).not.toMatch(/[\r\n\u0000\u202E]/);
    expect(header).toBe(`attachment; filename="a_b__.txt"; filename*=UTF-8''a%22b_%25.txt`);
  });
});
