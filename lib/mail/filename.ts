// Owns making attachment filenames safe to show and to put in a Content-Disposition header (THREATS T6).

const MAX_LENGTH = 150;
// C0 and C1 controls (CR, LF and NUL included), DEL, bidi embeddings/overrides and isolates,
// the zero-width and line/paragraph separators that fake or hide an extension.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const SEPARATORS = /[/\\]/g;

/** A filename with no controls, bidi tricks or path parts, at most 150 characters, extension kept. */
export function safeFilename(name: string | null | undefined, fallback = 'attachment'): string {
  let clean = (name ?? '')
    .normalize('NFC')
    .replace(UNSAFE, '')
    .replace(SEPARATORS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '');
  if (clean.length > MAX_LENGTH) clean = truncateKeepingExtension(clean);
  clean = clean.trim();
  return clean || fallback;
}

function truncateKeepingExtension(name: string): string {
  const chars = Array.from(name); // by code point, so a surrogate pair is never split
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? Array.from(name.slice(dot)) : [];
  const stemLength = MAX_LENGTH - ext.length;
  return chars.slice(0, Math.min(stemLength, chars.length - ext.length)).join('').trimEnd() + ext.join('');
}

// RFC 5987 attr-char: everything else is percent-encoded, including ' ( ) * which
// encodeURIComponent leaves alone.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `attachment; filename="ascii"; filename*=UTF-8''utf8` for a download response. */
export function contentDisposition(filename: string): string {
  const name = safeFilename(filename);
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}
