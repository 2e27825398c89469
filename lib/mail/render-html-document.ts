// Owns the one place a full HTML document string is built: the srcdoc of the sandboxed message frame.

// A second layer behind the sanitizer (THREATS T1, T7, T9): even if markup slipped through, the
// frame may load nothing but data: images (inline cid: parts included) until the reader opts in.
function contentSecurityPolicy(allowRemote: boolean): string {
  const remote = allowRemote ? ' https: http:' : '';
  return [
    "default-src 'none'",
    `img-src data:${remote}`,
    "style-src 'unsafe-inline'",
    `font-src ${allowRemote ? 'https: http:' : "'none'"}`,
    "form-action 'none'",
    "base-uri 'none'",
    "frame-src 'none'",
  ].join('; ');
}

// Readable defaults; mail's own inline styles still win because they are more specific.
const BASE_STYLES = [
  'html{color-scheme:light}',
  'body{margin:0;padding:16px;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;',
  'color:#111;background:#fff;overflow-wrap:anywhere;word-wrap:break-word}',
  'img{max-width:100%;height:auto}',
  'table{max-width:100%}',
  'pre{white-space:pre-wrap}',
  'blockquote{margin:0 0 0 .5em;padding-left:.75em;border-left:2px solid #ccc}',
  'a{color:#1d4ed8}',
].join('');

/**
 * Wraps an already-sanitized body fragment. The body must come from sanitizeHtml unchanged:
 * the CSP value is a constant, so no message data is ever placed inside an attribute here.
 */
export function renderHtmlDocument(sanitizedBody: string, opts: { allowRemote: boolean }): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(opts.allowRemote)}">` +
    '<meta name="referrer" content="no-referrer">' +
    '<base target="_blank">' +
    `<style>${BASE_STYLES}</style>` +
    `</head><body>${sanitizedBody}</body></html>`
  );
}
