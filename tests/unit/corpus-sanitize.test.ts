// The corpora through the server-side pipeline: sanitizeHtml on every hostile body, parseMessage on every message.
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { PlainTextBody } from '@/components/plain-text-body';
import { parseMessage } from '@/lib/mail/parse-message';
import { sanitizeHtml } from '@/lib/mail/sanitize-html';
import { HOSTILE } from '../corpus/hostile';
import { LEGIT } from '../corpus/legit';

const resolveCid = (cid: string) => (cid === 'known@corpus' ? 'data:image/png;base64,iVBORw0KGgo=' : null);
const clean = (html: string, allowRemote: boolean) => sanitizeHtml(html, { allowRemote, resolveCid }).html;

const FORBIDDEN = new Set(
  'script iframe frame frameset object embed applet svg math form input button textarea select option keygen isindex style link meta base template noscript noembed noframes xmp plaintext title video audio source track picture marquee details dialog portal'.split(' '),
);
const URL_ATTRS = new Set(['src', 'href', 'background', 'srcset', 'poster', 'action', 'formaction', 'data', 'ping', 'xlink:href', 'lowsrc', 'dynsrc', 'cite', 'longdesc', 'usemap', 'manifest']);
const SCRIPT_URL = /^\s*(javascript|vbscript|livescript|data:(?!image\/(png|gif|jpeg|webp)[;,]))/i;
// A URL attribute loads remotely when it starts with a scheme-relative or http(s) URL (after the trimming browsers do).
const REMOTE = /^[\s\u0000-\u0020]*(https?:)?[\\/]{2}/i;

// Parsed the way the frame parses it: a srcdoc that starts with <!doctype html> (no-quirks mode).
const { window } = new JSDOM('<!doctype html>');
/** Everything in the browser's tree for `html` that could run, load or post; empty when inert. */
function dangers(html: string, allowRemote: boolean): string[] {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const found: string[] = [];
  for (const el of template.content.querySelectorAll('*')) {
    const tag = el.localName;
    if (FORBIDDEN.has(tag) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`<${tag}>`);
    for (const { name, value } of el.attributes) {
      if (/^on/i.test(name)) found.push(`${tag}[${name}]`);
      if (['srcdoc', 'formaction', 'action', 'ping', 'srcset', 'contenteditable', 'id', 'name', 'form'].includes(name)) found.push(`${tag}[${name}]`);
      if (URL_ATTRS.has(name) && SCRIPT_URL.test(value)) found.push(`${tag}[${name}=${value.slice(0, 30)}]`);
      if (name === 'style' && /url\s*\(|expression|image-set|binding|behavior|position|transform|z-index|@import/i.test(value)) found.push(`${tag}[style=${value.slice(0, 40)}]`);
      const loads = name === 'src' || name === 'background' || name === 'poster';
      if (!allowRemote && loads && REMOTE.test(value)) found.push(`${tag}[${name}] remote`);
      if (name === 'href' && tag !== 'a') found.push(`${tag}[href]`);
    }
  }
  return found;
}

const PAYLOADS = HOSTILE.filter((m) => m.html !== undefined).map((m) => ({ id: m.id, html: m.html! }));

describe('hostile corpus through sanitizeHtml', () => {
  it('has at least 60 hostile and 20 legitimate messages', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(60);
    expect(LEGIT.length).toBeGreaterThanOrEqual(20);
    expect(new Set([...HOSTILE, ...LEGIT].map((m) => m.id)).size).toBe(HOSTILE.length + LEGIT.length);
  });

  it.each(PAYLOADS)('$id leaves nothing script-capable, remote or form-like, and is idempotent', ({ html }) => {
    for (const allowRemote of [false, true]) {
      const once = clean(html, allowRemote);
      expect(dangers(once, allowRemote)).toEqual([]);
      expect(clean(once, allowRemote)).toBe(once);
    }
  });

  it('stays inert and idempotent under random mutations of the corpus payloads', () => {
    const tokens = fc.constantFrom('<', '>', '"', "'", '`', '</style>', '<!--', '-->', '<svg>', '<math>', '</p>', '<table>', '&lt;', '\u0000', '=', ' ', '/', '<![CDATA[', ']]>', 'javascript:', '<mglyph>', '</form>', '<noscript>');
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), token: tokens }),
      fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
      fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    );
    type Mutation = { kind: 'insert'; at: number; token: string } | { kind: 'delete' | 'duplicate'; at: number; length: number };
    const apply = (html: string, m: Mutation) => {
      const at = m.at % (html.length + 1);
      if (m.kind === 'insert') return html.slice(0, at) + m.token + html.slice(at);
      if (m.kind === 'delete') return html.slice(0, at) + html.slice(at + m.length);
      return html.slice(0, at) + html.slice(at, at + m.length) + html.slice(at);
    };
    fc.assert(
      fc.property(fc.constantFrom(...PAYLOADS.map((p) => p.html)), fc.array(mutation, { minLength: 1, maxLength: 6 }), fc.boolean(), (payload, mutations, allowRemote) => {
        const input = mutations.reduce(apply, payload);
        const once = clean(input, allowRemote);
        expect(dangers(once, allowRemote)).toEqual([]);
        expect(clean(once, allowRemote)).toBe(once);
      }),
      { numRuns: 400 },
    );
  }, 60_000);
});

const meta = (uid: number) => ({ uid, folder: 'INBOX', seen: false, flagged: false });
const raw = (value: Buffer | string) => (typeof value === 'string' ? Buffer.from(value, 'utf8') : value);

describe('corpus through parseMessage', () => {
  it.each(HOSTILE)('hostile $id ($threat) parses within 10 s without throwing', async (m) => {
    const started = performance.now();
    const view = await parseMessage(raw(m.raw), meta(1), { allowRemote: false });
    expect(performance.now() - started).toBeLessThan(10_000);
    if (view.html) expect(dangers(view.html, false)).toEqual([]);
    if (view.text !== null && !view.html) {
      // The plain-text renderer (linkifier included) must stay fast and emit no markup of the mail's.
      const markup = renderToStaticMarkup(createElement(PlainTextBody, { text: view.text }));
      expect(dangers(markup, false)).toEqual([]);
    }
    for (const a of view.attachments) expect(a.filename).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069/\\]/);
  }, 15_000);

  it.each(LEGIT)('legit $id: $description', async (m) => {
    const view = await parseMessage(raw(m.raw), meta(1), { allowRemote: false });
    expect(view.renderError).toBeUndefined();
    const htmlText = view.html ? JSDOM.fragment(view.html).textContent ?? '' : '';
    const names = [...view.from, ...view.to, ...view.cc].map((a) => a.name).join(' ');
    const shown = [view.subject, names, view.text ?? '', htmlText].join('\n').replace(/\u00a0/g, ' ');
    for (const expected of m.expect.text) expect(shown).toContain(expected);
    if (m.expect.subject) expect(view.subject || '(no subject)').toBe(m.expect.subject);
    const listed = view.attachments.filter((a) => !a.inline).map((a) => a.filename);
    for (const name of m.expect.attachments ?? []) expect(listed).toContain(name);
  });
});
