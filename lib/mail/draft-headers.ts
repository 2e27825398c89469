// Owns Satchel's own headers on messages in Drafts (draft identity, the editor's state, the pending
// send) and the byte-level edits of a stored message's header block: read, drop, fold.

export const DRAFT_ID_HEADER = 'X-Satchel-Draft-Id';
export const DRAFT_META_HEADER = 'X-Satchel-Draft';
export const SEND_AT_HEADER = 'X-Satchel-Send-At';
export const SEND_ID_HEADER = 'X-Satchel-Send-Id';
export const UPLOAD_HEADER = 'X-Satchel-Upload';
export const UPLOAD_FOR_HEADER = 'X-Satchel-Upload-For';
/** IMAP keyword set just before SMTP: a crash after it means "maybe sent", never "send again". */
export const SENDING_KEYWORD = '$SatchelSending';

/** Long base64 folded into 76-character pieces (RFC 5322 lines stay short). */
export function foldBase64(value: string): string {
  return (value.match(/.{1,76}/g) ?? ['']).join('\r\n ');
}

function headerEnd(raw: Buffer): { end: number; bodyStart: number } {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { end: crlf + 2, bodyStart: crlf + 4 };
  if (lf !== -1) return { end: lf + 1, bodyStart: lf + 2 };
  return { end: raw.length, bodyStart: raw.length };
}

/** The header block as [name, value] pairs, values unfolded. */
export function readHeaders(raw: Buffer): Array<[string, string]> {
  const head = raw.subarray(0, headerEnd(raw).end).toString('latin1');
  const out: Array<[string, string]> = [];
  for (const line of head.split(/\r?\n(?![ \t])/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    out.push([line.slice(0, colon).trim(), line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]);
  }
  return out;
}

export function headerValue(raw: Buffer, name: string): string | null {
  const lower = name.toLowerCase();
  return readHeaders(raw).find(([n]) => n.toLowerCase() === lower)?.[1] ?? null;
}

/**
 * The message without the named header fields (case-insensitive), as its new header block (blank
 * line included) and its body: a view of the same bytes, so a 27 MB draft is neither parsed nor
 * copied to drop a header.
 */
export function splitHeaders(raw: Buffer, names: string[]): { head: Buffer; body: Buffer } {
  const drop = new Set(names.map((n) => n.toLowerCase()));
  const { end, bodyStart } = headerEnd(raw);
  const kept = raw
    .subarray(0, end)
    .toString('latin1')
    .split(/(?<=\n)(?![ \t])/)
    .filter((field) => {
      const colon = field.indexOf(':');
      return colon <= 0 || !drop.has(field.slice(0, colon).trim().toLowerCase());
    })
    .join('');
  return { head: Buffer.concat([Buffer.from(kept, 'latin1'), raw.subarray(end, bodyStart)]), body: raw.subarray(bodyStart) };
}

/** The same message without the named header fields, as one buffer. */
export function dropHeaders(raw: Buffer, names: string[]): Buffer {
  const { head, body } = splitHeaders(raw, names);
  return Buffer.concat([head, body]);
}
