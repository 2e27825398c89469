// The hostile corpus: every applicable THREATS.md class (T1–T9, T21, T26), each message carrying the marker.
import { HTML_CASES, htmlCaseMarkup } from './hostile-html';
import { DOS_CASES } from './hostile-dos';
import {
  attachment, encodedWord, file, html, markerJs, markerUrl, message, multipart, text,
  type HostileMessage,
} from './mime';

const fromHtml: HostileMessage[] = HTML_CASES.map((c) => {
  const markup = htmlCaseMarkup(c);
  return { id: c.id, threat: c.threat, description: c.description, html: markup, raw: message({ id: c.id, subject: `Corpus ${c.id}` }, html(markup)), expect: c.expect };
});

const img = (id: string) => `<img src=x onerror="${markerJs(id)}">`;
const pct = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// --- T3: header-derived ------------------------------------------------------------------------
const headerCases: HostileMessage[] = [
  { id: 't3-subject-html', threat: 'T3', description: 'subject with an img/onerror tag', expect: { literalText: ['Hi <img src=x onerror='] }, raw: message({ id: 't3-subject-html', subject: `Hi ${img('t3-subject-html')}` }, text('subject payload')) },
  { id: 't3-subject-script-break', threat: 'T3', description: 'subject that tries to close an attribute/script block', raw: message({ id: 't3-subject-script-break', subject: `"></script><script>${markerJs('t3-subject-script-break')}</script><!--` }, text('script break')) },
  { id: 't3-subject-encoded', threat: 'T3', description: 'RFC 2047 encoded subject decoding to markup and U+2028', raw: message({ id: 't3-subject-encoded', subject: encodedWord(`\u2028</title><svg onload="${markerJs('t3-subject-encoded')}">`) }, text('encoded subject')) },
  { id: 't3-from-name', threat: 'T3', description: 'From display name with markup, Cc and Reply-To too', raw: message({ id: 't3-from-name', subject: 'Corpus t3-from-name', from: `"${img('t3-from-name').replace(/"/g, "'")}" <evil@corpus.example>`, extra: [`Cc: "<script>${markerJs('t3-from-name')}</script>" <cc@corpus.example>`, `Reply-To: "\\"><img src=x onerror=${markerJs('t3-from-name')}>" <r@corpus.example>`] }, text('from name')) },
  { id: 't3-from-encoded', threat: 'T3', description: 'encoded-word display name with markup and bidi', raw: message({ id: 't3-from-encoded', subject: 'Corpus t3-from-encoded', from: `${encodedWord(`\u202e<img src=x onerror="${markerJs('t3-from-encoded')}">`)} <evil@corpus.example>` }, text('encoded from')) },
  { id: 't3-filename', threat: 'T3', description: 'attachment filename with markup (RFC 2231 and encoded word)', expect: { attachments: 2 }, raw: message({ id: 't3-filename', subject: 'Corpus t3-filename' }, multipart('mixed', [text('filename'), file([`Content-Type: text/plain`, `Content-Disposition: attachment; filename*=UTF-8''${pct(`"><img src=x onerror=${markerJs('t3-filename')}>.txt`)}`], 'a'), file([`Content-Type: text/plain; name="${encodedWord(`<script>${markerJs('t3-filename')}</script>.txt`)}"`, 'Content-Disposition: attachment'], 'b')])) },
  { id: 't3-content-type', threat: 'T3', description: 'content-type type/params carrying markup', expect: { attachments: 2 }, raw: message({ id: 't3-content-type', subject: 'Corpus t3-content-type' }, multipart('mixed', [text('ctype'), file([`Content-Type: text/<img src=x onerror=${markerJs('t3-content-type')}>; name="x.bin"`, 'Content-Disposition: attachment'], 'a'), file([`Content-Type: application/octet-stream; charset="\\"><script>${markerJs('t3-content-type')}</script>"; name="y.bin"`, 'Content-Disposition: attachment; filename="y.bin"'], 'b')])) },
];

// --- T4: plain-text linkifier ----------------------------------------------------------------------
const textCase = (id: string, description: string, value: string, literalText: string[]): HostileMessage => ({
  id, threat: 'T4', description, raw: message({ id, subject: `Corpus ${id}` }, text(value)), expect: { literalText },
});
const textCases: HostileMessage[] = [
  textCase('t4-quote-break', 'URL followed by a quote and markup', `Look: http://x.example/"><img src=x onerror=${markerJs('t4-quote-break')}> and http://y.example/'onmouseover='${markerJs('t4-quote-break')}'`, ['<img src=x onerror=']),
  textCase('t4-javascript', 'javascript: and data: URLs in text', `Click javascript:${markerJs('t4-javascript')} or data:text/html,<script>${markerJs('t4-javascript')}</script>`, ['javascript:window.top', 'data:text/html,<script>']),
  textCase('t4-script-literal', 'script tags as literal text', `<script>${markerJs('t4-script-literal')}</script>\n<b>not bold</b> &lt;entity&gt;`, ['<script>window.top', '<b>not bold</b>', '&lt;entity&gt;']),
  textCase('t4-www-break', 'www. link running into markup and quotes', `www.example.com/<svg/onload=${markerJs('t4-www-break')}> www.example.com/"onclick="${markerJs('t4-www-break')}"`, ['<svg/onload=']),
  textCase('t4-mailto', 'mailto: with markup in the query', `mailto:a@b.example?body=<img src=x onerror=${markerJs('t4-mailto')}>`, ['<img src=x onerror=']),
  { id: 't4-html-as-text', threat: 'T4', description: 'HTML sent as text/plain with format=flowed', raw: message({ id: 't4-html-as-text', subject: 'Corpus t4-html-as-text' }, { headers: ['Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes'], body: `<iframe srcdoc="<script>${markerJs('t4-html-as-text')}</script>"> \n</iframe>\n` }), expect: { literalText: ['<iframe srcdoc='] } },
];

// --- T5: active content as attachments ---------------------------------------------------------------
const svg = (id: string) => `<svg xmlns="http://www.w3.org/2000/svg" onload="${markerJs(id)}"><script>${markerJs(id)}</script><image href="${markerUrl(id)}"/></svg>`;
const page = (id: string) => `<!doctype html><html><body><script>${markerJs(id)}</script><img src="${markerUrl(id)}"></body></html>`;
const xsl = (id: string) =>
  `<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="data:text/xml;base64,${Buffer.from(`<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><html><body><script>${markerJs(id)}</script></body></html></xsl:template></xsl:stylesheet>`).toString('base64')}"?><r/>`;
const attachCase = (id: string, description: string, parts: Parameters<typeof multipart>[1], count: number): HostileMessage => ({
  id, threat: id.startsWith('t6') ? 'T6' : 'T5', description, expect: { attachments: count }, raw: message({ id, subject: `Corpus ${id}` }, multipart('mixed', [text(`Corpus ${id}`), ...parts])),
});
const attachCases: HostileMessage[] = [
  attachCase('t5-svg', 'SVG with script and onload', [attachment('chart.svg', 'image/svg+xml', svg('t5-svg'))], 1),
  attachCase('t5-html', 'HTML page and XHTML', [attachment('invoice.html', 'text/html', page('t5-html')), attachment('invoice.xhtml', 'application/xhtml+xml', page('t5-html'))], 2),
  attachCase('t5-xml-xsl', 'XML with an XSL stylesheet producing script', [attachment('data.xml', 'application/xml', xsl('t5-xml-xsl'))], 1),
  attachCase('t5-html-as-png', 'text/html disguised as image/png and as octet-stream', [attachment('photo.png', 'image/png', page('t5-html-as-png')), attachment('report', 'application/octet-stream', page('t5-html-as-png'))], 2),
  attachCase('t5-polyglot-gif', 'GIF/JS/HTML polyglot', [attachment('pixel.gif', 'image/gif', Buffer.concat([Buffer.from('GIF89a/*\x01\x00\x01\x00\x00\x00\x00*/=1;', 'latin1'), Buffer.from(`${markerJs('t5-polyglot-gif')};/*<html><script>${markerJs('t5-polyglot-gif')}</script>*/`)]))], 1),
  { id: 't5-inline-svg-cid', threat: 'T5', description: 'SVG/HTML parts referenced as cid: images from the body', expect: { attachments: 0 }, raw: message({ id: 't5-inline-svg-cid', subject: 'Corpus t5-inline-svg-cid' }, multipart('related', [html('<p>inline</p><img src="cid:evil@corpus"><img src="cid:page@corpus">'), file(['Content-Type: image/svg+xml', 'Content-ID: <evil@corpus>', 'Content-Disposition: inline'], svg('t5-inline-svg-cid')), file(['Content-Type: image/png', 'Content-ID: <page@corpus>', 'Content-Disposition: inline'], page('t5-inline-svg-cid'))])) },
];

// --- T6: filenames -------------------------------------------------------------------------------
const named = (nameParam: string, content = 'x') => file(['Content-Type: application/octet-stream', `Content-Disposition: attachment; ${nameParam}`], content);
const fileCases: HostileMessage[] = [
  attachCase('t6-crlf', 'CR/LF header injection in the filename', [named(`filename*=UTF-8''${pct('a\r\nX-Injected: yes\r\nSet-Cookie: s=1\r\n.txt')}`), named(`filename="${encodedWord('b\r\nContent-Type: text/html\r\n\r\n<script>x</script>.txt')}"`)], 2),
  attachCase('t6-nul', 'NUL and other controls in the filename', [named(`filename*=UTF-8''${pct('safe.txt\u0000.html')}`), named(`filename*=UTF-8''${pct('tab\there\u0007\u001b[31m.txt')}`)], 2),
  attachCase('t6-bidi', 'right-to-left override faking the extension', [named(`filename*=UTF-8''${pct('invoice\u202efdp.exe')}`), named(`filename*=UTF-8''${pct('report\u2066\u2067.pdf\u2069\u200b.scr')}`)], 2),
  attachCase('t6-long', 'very long filename (2,000 characters)', [named(`filename*=UTF-8''${pct(`${'a'.repeat(2000)}.pdf`)}`), named(`filename*=UTF-8''${pct(`${'€'.repeat(600)}.txt`)}`)], 2),
  attachCase('t6-traversal', 'path traversal and reserved names', [named(`filename="../../../etc/passwd"`), named(`filename="..\\\\..\\\\windows\\\\win.ini"`), named('filename=".htaccess"'), named(`filename*=UTF-8''${pct('a"; filename=evil.exe')}`)], 4),
];

// --- T26: raw source of a script-bearing message -------------------------------------------------
const sourceCases: HostileMessage[] = [
  { id: 't26-source', threat: 'T26', description: 'raw source full of script, opened via "Download source"', expect: { source: true }, raw: message({ id: 't26-source', subject: `Corpus t26-source <script>${markerJs('t26-source')}</script>` }, { headers: ['Content-Type: text/html; charset=utf-8'], body: `<html><body onload="${markerJs('t26-source')}"><script>${markerJs('t26-source')}</script><img src="${markerUrl('t26-source')}"></body></html>` }) },
  { id: 't26-source-svg', threat: 'T26', description: 'raw source that starts like an SVG document (sniffing bait)', expect: { source: true }, raw: Buffer.concat([Buffer.from(`Subject: Corpus t26-source-svg\r\nFrom: x@corpus.example\r\nContent-Type: image/svg+xml\r\n\r\n`), Buffer.from(svg('t26-source-svg'))]) },
];

export const HOSTILE: HostileMessage[] = [
  ...fromHtml, ...headerCases, ...textCases, ...attachCases, ...fileCases, ...sourceCases, ...DOS_CASES,
];
