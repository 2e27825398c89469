// Owns the strict address parser, pure and dependency-free so the compose editor in the browser
// highlights exactly what the server will refuse (one parser, THREATS T17, T18).
import type { Address } from './types';

export type ParsedRecipients = { ok: true; addresses: Address[] } | { ok: false; bad: string };

// RFC 5322 dot-atom local part; quoted local parts (`"a@evil.test x"@example.test`) are refused:
// mail software disagrees about where they end, which is how recipients get misrouted.
const ATEXT = "A-Za-z0-9!#$%&'*+/=?^_`{|}~-";
const LOCAL_PART = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
const DOMAIN_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
// "Ann <a@x>", "\"Doe, Jo\" <jo@z>", or a bare a@x. Anything else (comments, groups, domain
// literals, nested brackets, route syntax) matches none of these and is refused.
const QUOTED_NAME = /^"((?:[^"\\]|\\.)*)"\s*<([^<>]*)>$/;
const PLAIN_NAME = /^([^"<>()[\]:;@\\,]*)<([^<>]*)>$/;
const BARE = /^[^\s"<>()[\]:;\\,]+$/;
// C0 controls (CR, LF, NUL, …) except tab, DEL, and the Unicode line/paragraph separators.
export const HEADER_CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/;

/** True when a value would need a line break or control character in a header (T17). */
export function hasHeaderControls(value: string): boolean {
  return HEADER_CONTROLS.test(value);
}

/** True for an address this app will put in a header and an envelope: ASCII dot-atom @ hostname. */
export function isPlainAddress(address: string): boolean {
  if (address.length > 254) return false;
  const at = address.indexOf('@');
  if (at < 1 || at !== address.lastIndexOf('@')) return false;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1] ?? '')
  );
}

/** Splits on commas/semicolons outside quotes and angle brackets. */
export function splitEntries(input: string): string[] {
  const entries: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < input.length; i++) {
    const c = input[i] ?? '';
    if (quoted && c === '\\') {
      current += c + (input[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"' && !angle) quoted = !quoted;
    else if (!quoted && c === '<') angle = true;
    else if (!quoted && c === '>') angle = false;
    else if (!quoted && !angle && (c === ',' || c === ';')) {
      entries.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  entries.push(current);
  return entries.map((e) => e.trim()).filter(Boolean);
}

function parseEntry(entry: string): Address | null {
  const quoted = QUOTED_NAME.exec(entry);
  const plain = quoted ? null : PLAIN_NAME.exec(entry);
  const name = quoted ? (quoted[1] ?? '').replace(/\\(.)/g, '$1') : (plain?.[1] ?? '').trim().replace(/\s+/g, ' ');
  const address = (quoted?.[2] ?? plain?.[2] ?? (BARE.test(entry) ? entry : '')).trim();
  if (!isPlainAddress(address)) return null;
  // A name that looks like another address ("boss@corp.test" <x@evil.test>) shows one recipient
  // and sends to another; allowed only when it is the address itself, as some clients write it.
  if (name.includes('@') && name.toLowerCase() !== address.toLowerCase()) return null;
  return { name, address };
}

/** Splits "Ann <a@x>, b@y; c@z" into addresses; reports the first entry that is not a plain address. */
export function parseRecipients(input: string): ParsedRecipients {
  const addresses: Address[] = [];
  for (const entry of splitEntries(input)) {
    const parsed = parseEntry(entry);
    if (!parsed) return { ok: false, bad: entry };
    addresses.push(parsed);
  }
  return { ok: true, addresses };
}
