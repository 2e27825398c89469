// Owns APPEND … CATENATE (RFC 4469): a new message assembled on the server from our own bytes and
// parts of messages already in the mailbox, so a saved draft or a pending send with a 20 MB
// attachment does not pull that attachment into this process and push it back again.
import 'server-only';
import type { ImapFlow } from 'imapflow';
import { encodePath, normalizePath } from 'imapflow/lib/tools.js';
import { atom } from './imap-exec';

/** Transfer encodings a part can be copied in as is: the new part's header names the same one. */
export const COPYABLE_ENCODINGS = ['base64', 'quoted-printable', '7bit', '8bit'] as const;
export type CopyableEncoding = (typeof COPYABLE_ENCODINGS)[number];
export const isCopyableEncoding = (value: string | undefined): value is CopyableEncoding => (COPYABLE_ENCODINGS as readonly string[]).includes((value ?? '7bit').toLowerCase());

/** A part of a message on the server, or (no section) a whole message, and how its body is encoded. */
export type ServerPart = { url: string; encoding: CopyableEncoding; size: number };
export const isServerPart = (value: unknown): value is ServerPart => typeof value === 'object' && value !== null && 'url' in value && !Buffer.isBuffer(value);

export const canCatenate = (client: ImapFlow) => client.capabilities.has('CATENATE');

/** What base64 or quoted-printable bytes decode to at most: enough for the size limit. */
export const decodedSize = (part: Pick<ServerPart, 'encoding' | 'size'>) => (part.encoding === 'base64' ? Math.floor((part.size * 3) / 4) : part.size);

/**
 * A relative IMAP URL (RFC 5092) for CATENATE: `/Drafts;UIDVALIDITY=7/;UID=20/;SECTION=2`. The
 * mailbox name goes out as the server spells it (modified UTF-7 unless UTF8=ACCEPT), percent-encoded
 * except for the characters enc-mailbox allows, so a `;` or `/` in a name cannot start a new field.
 */
export function partUrl(client: ImapFlow, folder: string, uidValidity: bigint | number, uid: number, section?: string): string {
  const name = encodePath(client, normalizePath(client, folder));
  const mailbox = encodeURIComponent(name).replace(/%(?:2F|3A|40|26|3D)/g, (m) => decodeURIComponent(m));
  return `/${mailbox};UIDVALIDITY=${uidValidity}/;UID=${uid}${section ? `/;SECTION=${section}` : ''}`;
}

/** A marker per server part, unlikely in any text, that the MIME builder writes where its body goes. */
export type Placeholder = { part: ServerPart; encoded: Buffer };

/** Splits a built message at its placeholders into our text and the server parts between it. */
export function splitAtPlaceholders(raw: Buffer, placeholders: Placeholder[]): Array<Buffer | ServerPart> {
  const found = placeholders
    .map((p) => ({ ...p, at: raw.indexOf(p.encoded) }))
    .sort((a, b) => a.at - b.at);
  if (found.some((p) => p.at < 0)) throw new Error('A placeholder is missing from the built message');
  const pieces: Array<Buffer | ServerPart> = [];
  let from = 0;
  for (const p of found) {
    pieces.push(raw.subarray(from, p.at), p.part);
    from = p.at + p.encoded.length;
  }
  pieces.push(raw.subarray(from));
  return pieces.filter((piece) => !Buffer.isBuffer(piece) || piece.length > 0);
}

type TaggedResponse = { response?: { attributes?: Array<{ section?: Array<{ value?: unknown }> }> }; next: () => void };
type Exec = (command: string, attributes: unknown[], options: Record<string, unknown>) => Promise<TaggedResponse>;

/**
 * `APPEND folder (flags) CATENATE (TEXT {n+} … URL "…" …)` through imapflow's queue (see imap-exec.ts
 * on why its internal exec). Returns the new UID from APPENDUID (UIDPLUS), or 0 if the server gave none.
 * A URL the server cannot resolve (the part was expunged meanwhile) rejects with a NO [BADURL].
 */
export async function appendCatenated(client: ImapFlow, folder: string, flags: string[], pieces: Array<Buffer | Pick<ServerPart, 'url'>>): Promise<number> {
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  const list = pieces.flatMap((piece) => (!Buffer.isBuffer(piece) ? [atom('URL'), { type: 'STRING', value: piece.url }] : [atom('TEXT'), { type: 'LITERAL', value: piece }]));
  const attributes = [atom(encodePath(client, normalizePath(client, folder))), flags.map(atom), atom('CATENATE'), list];
  const response = await exec('APPEND', attributes, {});
  response.next();
  const section = response.response?.attributes?.[0]?.section ?? [];
  const code = String(section[0]?.value ?? '').toUpperCase();
  const uid = Number(section[2]?.value);
  return code === 'APPENDUID' && Number.isInteger(uid) && uid > 0 && uid <= 4_294_967_295 ? uid : 0;
}
