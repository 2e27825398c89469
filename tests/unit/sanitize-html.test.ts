import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { sanitizeHtml } from '@/lib/mail/sanitize-html';

const cids: Record<string, string> = { 'logo@satchel.test': '/api/mail/part/0', 'a:b@x': '/api/mail/part/1' };
const resolveCid = (cid: string) => cids[cid] ?? null;
const blocked = { allowRemote: false, resolveCid };
const allowed = { allowRemote: true, resolveCid };
const clean = (html: string, opts = blocked) => sanitizeHtml(html, opts).html;

// Payloads from public mXSS/webmail write-ups; each would call the marker if it survived.
const PAYLOADS = [
  '<script>window.top.postMessage("XSS:1","*")</script>',
  '<img src=x onerror="document.title=\'XSS:2\'">',
  '<a href="javascript:alert(3)">x</a>',
  '<a href="  JaVaScRiPt:alert(4)">x</a>',
  '<a href="java&#x09;script:alert(5)">x</a>',
  '<svg><animate onbegin=alert(6) attributeName=x dur=1s>',
  '<svg><use href="data:image/svg+xml,<svg id=x><script>alert(7)</script></svg>#x"/></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(8)>',
  '<form action="http://127.0.0.1:9/XSS-9"><input name=password><button>Log in</button></form>',
  '<style>@import "http://127.0.0.1:9/XSS-10";</style><p>text</p>',
  '<noscript><p title="</noscript><img src=x onerror=alert(11)>"></noscript>',
  '<textarea><img src=x onerror=alert(12)></textarea>',
  '<!--><img src=x onerror=alert(13)>-->',
  '<p style="x:</style><img src=x onerror=alert(14)>">',
  '<iframe srcdoc="<script>alert(15)</script>"></iframe><object data=x></object><embed src=x>',
  '<base href="http://127.0.0.1:9/"><meta http-equiv=refresh content="0;url=http://127.0.0.1:9/XSS-16"><link rel=stylesheet href=http://127.0.0.1:9/x.css>',
  '<div onclick=alert(17) onmouseover=alert(17)>hover</div>',
  '<xmp><img src=x onerror=alert(18)></xmp>',
  '<![CDATA[><img src=x onerror=alert(19)>]]>',
  '<template><img src=x onerror=alert(20)></template>',
];

// Checks the tree a browser builds from the output, so escaped text such as `&lt;img onerror&gt;` is fine.
const ALLOWED_TAGS = new Set(
  'p div span br hr a b strong i em u s sub sup small big font center blockquote pre code h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th caption colgroup col img'.split(' '),
);
const { window } = new JSDOM('');
function dangers(html: string): string[] {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  const found: string[] = [];
  for (const el of template.content.querySelectorAll('*')) {
    if (!ALLOWED_TAGS.has(el.localName) || el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(el.localName);
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name) || /^\s*(javascript|vbscript|data:text)/i.test(attr.value)) found.push(`${el.localName}[${attr.name}]`);
      if (el.localName === 'img' && attr.name === 'src' && attr.value === 'x') found.push('img[src=x]');
    }
  }
  return found;
}

describe('sanitizeHtml: hostile markup', () => {
  it.each(PAYLOADS)('neutralises %s', (payload) => {
    expect(dangers(clean(payload))).toEqual([]);
    expect(dangers(clean(payload, allowed))).toEqual([]);
  });

  it('keeps the text of dropped wrappers but not of raw-text elements', () => {
    expect(clean('<style>body{color:red}</style><p>hello</p>')).toBe('<p>hello</p>');
    expect(clean('<form><input value=x>Sign in</form>')).toBe('Sign in');
  });

  it('forces safe link targets and drops non-web links', () => {
    expect(clean('<a href="https://example.test/a" target="_top" rel="opener">x</a>')).toBe(
      '<a href="https://example.test/a" target="_blank" rel="noopener noreferrer">x</a>',
    );
    expect(clean('<a href="mailto:a@b.test">m</a>')).toContain('href="mailto:a@b.test"');
    expect(clean('<a href="data:text/html,hi">d</a><a href="/relative">r</a>')).not.toContain('href');
  });

  it('filters CSS: no url(), fixed/absolute positioning, z-index or negative margins', () => {
    const out = clean(
      '<div style="position:fixed;top:0;left:0;z-index:9999;margin-left:-500px;color:red;background:url(http://127.0.0.1:9/x) blue;width:expression(alert(1))">x</div>',
    );
    expect(out).toMatch(/color: red/);
    expect(out).toMatch(/background-color: blue/);
    expect(out).not.toMatch(/position|z-index|url\(|expression|top|left|-500/);
    expect(clean('<p style="position:absolute">x</p>')).toBe('<p>x</p>');
  });
});

describe('sanitizeHtml: remote content and cid:', () => {
  const remote =
    '<img src="http://127.0.0.1:9/pixel.gif" srcset="http://127.0.0.1:9/a.png 2x"><table background="https://127.0.0.1:9/bg.png"><tbody><tr><td>x</td></tr></tbody></table>';

  it('blocks remote images, srcset and background by default and reports them', () => {
    const result = sanitizeHtml(remote, blocked);
    expect(result.hasRemoteContent).toBe(true);
    expect(result.html).not.toMatch(/\ssrc=|srcset|background=/);
    expect(result.html).toContain('data-satchel-src="http://127.0.0.1:9/pixel.gif"');
  });

  it('keeps remote images and backgrounds when the reader allowed them (srcset still dropped)', () => {
    const result = sanitizeHtml(remote, allowed);
    expect(result.hasRemoteContent).toBe(true);
    expect(result.html).toContain('src="http://127.0.0.1:9/pixel.gif"');
    expect(result.html).toContain('background="https://127.0.0.1:9/bg.png"');
    expect(result.html).not.toContain('srcset');
  });

  it('reports no remote content for a self-contained message', () => {
    expect(sanitizeHtml('<p><b>hi</b></p>', blocked).hasRemoteContent).toBe(false);
  });

  it('rewrites cid: to our own URL and drops unknown cids', () => {
    expect(clean('<img src="cid:logo@satchel.test" alt="Logo">')).toBe(
      '<img alt="Logo" src="/api/mail/part/0" data-satchel-cid="logo@satchel.test">',
    );
    expect(clean('<img src="cid:unknown@x">')).toBe('<img>');
  });

  it('keeps small data: images of raster types only', () => {
    expect(clean('<img src="data:image/png;base64,iVBORw0KGgo=">')).toContain('src="data:image/png');
    expect(clean('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('<img>');
    expect(clean(`<img src="data:image/png;base64,${'A'.repeat(100_000)}">`)).toBe('<img>');
  });

  it('does not let a forged marker smuggle a path onto an image', () => {
    expect(clean('<img src="/api/mail/logout" data-satchel-cid="nope@x">')).toBe('<img>');
    expect(clean('<p data-satchel-src="http://x/">x</p>')).toBe('<p>x</p>');
  });
});

describe('sanitizeHtml: ordinary mail survives', () => {
  it('keeps formatting and tables', () => {
    const html =
      '<h2>Invoice</h2><p>Hello <b>Ann</b>, <i>thanks</i> <u>a lot</u>.</p><blockquote>quoted</blockquote>' +
      '<table border="1" cellpadding="4" width="100%"><thead><tr><th colspan="2">Item</th></tr></thead>' +
      '<tbody><tr><td align="right" bgcolor="#eeeeee">1</td><td><font color="red" face="Arial">x</font></td></tr></tbody></table>' +
      '<ul><li>one</li></ul><pre>code</pre><hr>';
    expect(clean(html)).toBe(html);
  });
});

describe('sanitizeHtml: idempotence (THREATS T2)', () => {
  const TOKENS = [
    '<p>', '</p>', '<div style="color:red;margin:0 auto">', '</div>', '<a href="https://x.test/?a=1&b=2">', '</a>',
    '<img src="cid:logo@satchel.test">', '<img src="cid:a:b@x">', '<img src="http://127.0.0.1:9/t.gif">',
    '<table background="http://x/y.png"><tr><td>', '</td></tr></table>', '<svg>', '<math>', '<style>', '</style>',
    '<noscript>', '</noscript>', '<textarea>', '</textarea>', '<!--', '-->', '<![CDATA[', ']]>', '<select>', '<option>',
    '<form>', '<template>', '"', "'", '<', '>', '&', '&lt;', '&#0;', '</', 'onerror=alert(1)', ' title="', '<br/>',
    '<font face="x" size=7>', '<li>', '<td>', '<caption>', '<col span=2>', '<img style="width:-1px;position:fixed">',
  ];
  // A corpus payload with a token spliced in at a random place: the "random mutations" of T2.
  const mutated = fc
    .tuple(fc.constantFrom(...PAYLOADS), fc.constantFrom(...TOKENS), fc.nat())
    .map(([payload, token, at]) => payload.slice(0, at % (payload.length + 1)) + token + payload.slice(at % (payload.length + 1)));
  const part = fc.oneof(fc.constantFrom(...PAYLOADS), fc.constantFrom(...TOKENS), mutated, fc.string(), fc.string({ unit: 'binary' }));
  const html = fc.array(part, { maxLength: 25 }).map((parts) => parts.join(''));

  it.each([
    ['blocked', blocked],
    ['allowed', allowed],
  ])('sanitize(sanitize(x)) === sanitize(x) with remote %s', (_name, opts) => {
    fc.assert(
      fc.property(html, (input) => {
        const once = sanitizeHtml(input, opts).html;
        expect(sanitizeHtml(once, opts).html).toBe(once);
        expect(dangers(once)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });
});
