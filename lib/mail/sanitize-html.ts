// Owns turning hostile mail HTML into an inert fragment: tag/attribute/CSS allowlists and the URL policy.
import 'server-only';
import createDOMPurify, { type Config, type UponSanitizeAttributeHookEvent } from 'dompurify';
import { JSDOM } from 'jsdom';

export type SanitizeOptions = { allowRemote: boolean; resolveCid: (cid: string) => string | null };
export type SanitizeResult = { html: string; hasRemoteContent: boolean };

// DOMPurify trusts only a real DOM; jsdom shares the browser's parser family (parse5), so
// the tree DOMPurify checks is the tree the frame will build (THREATS T2). One instance per process.
const { window } = new JSDOM('');
const purify = createDOMPurify(window);

const TAGS = [
  'p', 'div', 'span', 'br', 'hr', 'a', 'b', 'strong', 'i', 'em', 'u', 's', 'sub', 'sup', 'small',
  'big', 'font', 'center', 'blockquote', 'pre', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th',
  'caption', 'colgroup', 'col', 'img',
];
// No id/class/name: without our own <style> they do nothing useful, and ids invite DOM clobbering.
const ATTRS = [
  'href', 'src', 'alt', 'title', 'width', 'height', 'align', 'valign', 'bgcolor', 'background',
  'color', 'face', 'size', 'border', 'cellpadding', 'cellspacing', 'colspan', 'rowspan', 'span',
  'nowrap', 'start', 'type', 'reversed', 'dir', 'lang', 'style', 'hspace', 'vspace', 'noshade',
  'target', 'rel', 'data-satchel-src', 'data-satchel-cid',
];

const CONFIG: Config = {
  ALLOWED_TAGS: TAGS,
  ALLOWED_ATTR: ATTRS,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOW_SELF_CLOSE_IN_ATTR: false,
  // Our own markers are validated by the hooks below; DOMPurify's URI check would reject a
  // Content-ID such as `a:b` on the second pass and break idempotence.
  ADD_URI_SAFE_ATTR: ['data-satchel-src', 'data-satchel-cid'],
  WHOLE_DOCUMENT: false,
};

const CSS_PROPERTIES = new Set([
  'color', 'background-color', 'font-family', 'font-size', 'font-style', 'font-weight', 'font-variant',
  'line-height', 'text-align', 'text-decoration', 'text-transform', 'text-indent', 'letter-spacing',
  'word-spacing', 'white-space', 'vertical-align', 'direction', 'word-wrap', 'word-break', 'overflow-wrap',
  'width', 'min-width', 'max-width', 'height', 'min-height', 'max-height', 'display', 'float', 'clear',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
  'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-collapse', 'border-spacing', 'table-layout', 'list-style-type', 'list-style-position',
  ...['top', 'right', 'bottom', 'left'].flatMap((side) =>
    ['width', 'style', 'color'].map((part) => `border-${side}-${part}`),
  ),
  // Shorthands whose longhands are all allowed; kept so inline-styled mail does not balloon.
  'margin', 'padding', 'font', 'border', 'border-top', 'border-right', 'border-bottom', 'border-left',
  'border-width', 'border-style', 'border-color', 'border-radius',
  'border-top-left-radius', 'border-top-right-radius', 'border-bottom-left-radius', 'border-bottom-right-radius',
]);
// `display` values that cannot lift content out of flow (no `contents` tricks, no grid overlays).
const DISPLAY_VALUES = /^(none|block|inline|inline-block|list-item|table|table-[a-z-]+|inline-table)$/;
// Anything that loads, executes or escapes: url()/image-set() loads, legacy IE/Firefox script hooks,
// escapes that could hide those words, and negative lengths that pull content over its neighbours.
// var()/env()/attr() are refused too: no custom property can be set here, and cssstyle keeps a
// broken `var(` value that grows a `;` on every pass (non-idempotent, found by the corpus property test).
const UNSAFE_CSS_VALUE = /url\s*\(|image-set|image\(|expression|javascript:|behavior|binding|@import|\\|(^|[\s(,])-\s*\.?\d|\b(var|env|attr)\s*\(|[;{}]/i;
const balancedParens = (value: string) => value.split('(').length === value.split(')').length;

/** Re-serialises a style attribute through jsdom's CSS parser, keeping allowlisted longhands only. */
function cleanStyle(value: string): string {
  const input = window.document.createElement('div').style;
  const output = window.document.createElement('div').style;
  input.cssText = value;
  for (let i = 0; i < input.length; i++) {
    const name = input.item(i);
    const propertyValue = input.getPropertyValue(name).trim();
    if (!CSS_PROPERTIES.has(name) || !propertyValue || UNSAFE_CSS_VALUE.test(propertyValue) || !balancedParens(propertyValue)) continue;
    if (name === 'display' && !DISPLAY_VALUES.test(propertyValue)) continue;
    // `!important` is dropped on purpose: base styles in the frame must be able to win.
    output.setProperty(name, propertyValue);
  }
  return output.cssText;
}

// DOMPurify.sanitize is synchronous, so per-call state can live here for the hooks to read.
type Context = SanitizeOptions & { remote: boolean };
let current: Context | null = null;

const isHttp = (value: string) => /^https?:\/\//i.test(value.trim());
const SMALL_DATA_IMAGE = /^data:image\/(png|gif|jpeg|webp)[;,]/i;
const MAX_DATA_URI_CHARS = Math.ceil((64 * 1024 * 4) / 3) + 64; // 64 KiB of base64 plus its header

purify.addHook('uponSanitizeAttribute', (_node: Element, event: UponSanitizeAttributeHookEvent) => {
  if (event.attrName === 'srcset' && /https?:/i.test(event.attrValue) && current) current.remote = true;
  if (event.attrName !== 'style') return;
  event.attrValue = cleanStyle(event.attrValue);
  if (!event.attrValue) event.keepAttr = false;
});

type ImageAttrs = { src?: string; cid?: string; parked?: string };

/** img[src]: cid → our URL, small data: images, remote http(s) only with consent. */
function imagePolicy(src: string, knownCid: string | null, parked: string | null, ctx: Context): ImageAttrs {
  const out: ImageAttrs = {};
  if (parked !== null && isHttp(parked)) {
    ctx.remote = true;
    out.parked = parked;
  }
  if (/^cid:/i.test(src)) {
    const resolved = ctx.resolveCid(cidOf(src.slice(4)));
    if (resolved) return { ...out, src: resolved, cid: src.slice(4) };
  } else if (knownCid !== null && src && ctx.resolveCid(cidOf(knownCid)) === src) {
    // Our own earlier output (sanitizing twice must not change it): keep only an exact match. Checked
    // before the data: rule, which would keep the src of a resolved cid image but drop its marker.
    return { ...out, src, cid: knownCid };
  } else if (SMALL_DATA_IMAGE.test(src) && src.length <= MAX_DATA_URI_CHARS) {
    return { ...out, src };
  } else if (isHttp(src)) {
    ctx.remote = true;
    return ctx.allowRemote ? { ...out, src } : { parked: src };
  }
  return out;
}

// Removed and re-added in one fixed order so every pass serialises the same attributes the same way.
function applyImagePolicy(img: Element, ctx: Context): void {
  const next = imagePolicy(
    (img.getAttribute('src') ?? '').trim(),
    img.getAttribute('data-satchel-cid'),
    img.getAttribute('data-satchel-src'),
    ctx,
  );
  for (const name of ['src', 'data-satchel-cid', 'data-satchel-src']) img.removeAttribute(name);
  if (next.src) img.setAttribute('src', next.src);
  if (next.cid) img.setAttribute('data-satchel-cid', next.cid);
  if (next.parked) img.setAttribute('data-satchel-src', next.parked);
}

const cidOf = (value: string) => safeDecode(value).replace(/^<|>$/g, '');

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

purify.addHook('afterSanitizeAttributes', (node: Element) => {
  const ctx = current;
  if (!ctx || node.nodeType !== 1) return;
  const tag = node.nodeName.toLowerCase();
  const background = node.getAttribute('background');
  if (background !== null) {
    if (isHttp(background)) ctx.remote = true;
    if (!(ctx.allowRemote && isHttp(background))) node.removeAttribute('background');
  }
  if (tag === 'img') applyImagePolicy(node, ctx);
  // `src` means nothing on the other allowed tags; dropping it keeps URLs where the policy sees them.
  else for (const name of ['src', 'data-satchel-cid', 'data-satchel-src']) node.removeAttribute(name);
  if (tag === 'a') {
    const href = (node.getAttribute('href') ?? '').trim();
    if (href && !/^(https?:\/\/|mailto:)/i.test(href)) node.removeAttribute('href');
    // Removed then re-added so the attribute order is the same on every pass (idempotence).
    node.removeAttribute('target');
    node.removeAttribute('rel');
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  } else {
    // `<image href>` is parsed as <img href>: harmless, but a URL that is not a link has no place here.
    for (const name of ['href', 'target', 'rel']) node.removeAttribute(name);
  }
});

purify.setConfig(CONFIG);

// The frame's srcdoc is `<!doctype html>…<body>${html}` (render-html-document.ts): the browser
// parses the body in no-quirks mode, already "in body". Without a doctype jsdom parses in quirks
// mode, where `<p><table>` nests the table inside the paragraph instead of closing it, so the tree
// DOMPurify approved was not the tree the frame builds (found by the corpus property test). This
// prefix, added before sanitizing, puts jsdom in the same state; it is never part of the output.
const SAME_MODE_AS_FRAME = '<!DOCTYPE html><body>';

// Some trees cannot be written out and read back the same: the adoption agency and foster parenting
// can nest <a> in <a>, which a serialization cannot express (found by the corpus property test).
// So the output is sanitized again until it is a fixed point: then the last tree DOMPurify checked
// is exactly the tree the frame parses from the string. Two passes suffice in practice.
const MAX_PASSES = 4;

/** Sanitizes one HTML body. Never edit the returned string: post-sanitize edits are how mXSS returns. */
export function sanitizeHtml(html: string, opts: SanitizeOptions): SanitizeResult {
  current = { ...opts, remote: false };
  try {
    let out = purify.sanitize(SAME_MODE_AS_FRAME + html);
    for (let pass = 1; pass < MAX_PASSES; pass++) {
      const again = purify.sanitize(SAME_MODE_AS_FRAME + out);
      if (again === out) return { html: out, hasRemoteContent: current.remote };
      out = again;
    }
    // Still moving after MAX_PASSES: show nothing rather than a tree the sanitizer never saw.
    return { html: '', hasRemoteContent: current.remote };
  } finally {
    current = null;
  }
}
