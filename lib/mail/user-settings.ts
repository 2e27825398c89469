// Owns the settings that follow a user to any browser and app node: one JSON value kept on the mail
// server itself, so Satchel needs no database: an IMAP METADATA server annotation (RFC 5464) where the
// server has it, else a message in a hidden folder (settings-message.ts; Dovecot's default is no METADATA).
import 'server-only';
import type { ImapFlow } from 'imapflow';
import { z } from 'zod';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { atom, execCollect, type ImapToken } from './imap-exec';
import { withImap } from './imap-pool';
import { sanitizeHtml } from './sanitize-html';
import { readSettingsMessage, writeSettingsMessage } from './settings-message';

export type ComposeMode = 'rich' | 'plain';
export type UserSettings = { displayName: string; signatureText: string; signatureHtml: string; composeMode: ComposeMode };

export const DEFAULT_SETTINGS: UserSettings = { displayName: '', signatureText: '', signatureHtml: '', composeMode: 'rich' };

/** The annotation entry; "/private" so only the user sees it, "vendor/satchel" per RFC 5464 §3.2. */
export const SETTINGS_ENTRY = '/private/vendor/satchel/settings';
export const LIMITS = { displayName: 100, signatureText: 2_000, signatureHtml: 10_000 } as const;
// Well under Dovecot's default metadata size limit, and bounded whatever the fields hold.
const MAX_STORED_BYTES = 32 * 1024;

const HEADER_CONTROLS = /[\u0000-\u001f\u007f\u2028\u2029]/;

/** What the settings form may submit: strict, capped, and a display name that fits a header. */
export const userSettingsSchema = z.strictObject({
  displayName: z
    .string()
    .trim()
    .max(LIMITS.displayName, `Display name: at most ${LIMITS.displayName} characters`)
    .refine((s) => !HEADER_CONTROLS.test(s) && !/[<>@"]/.test(s), 'Display name: no line breaks, quotes, <, > or @'),
  signatureText: z.string().max(LIMITS.signatureText, `Text signature: at most ${LIMITS.signatureText} characters`).refine((s) => !s.includes('\u0000'), 'Text signature: contains a NUL character'),
  signatureHtml: z.string().max(LIMITS.signatureHtml, `HTML signature: at most ${LIMITS.signatureHtml} characters`),
  composeMode: z.enum(['rich', 'plain']),
});

// Whatever is stored is read defensively: another client (or an older Satchel) may have written
// anything there, so each field falls back to its default on its own rather than failing the page.
const storedSchema = z.object({
  displayName: userSettingsSchema.shape.displayName.catch(''),
  signatureText: z.string().max(LIMITS.signatureText).catch(''),
  signatureHtml: z.string().max(LIMITS.signatureHtml).catch(''),
  composeMode: z.enum(['rich', 'plain']).catch('rich'),
});

/** Pure: the stored annotation text to settings; anything unreadable gives the defaults. */
export function parseStoredSettings(raw: string | null): UserSettings {
  if (!raw || raw.length > MAX_STORED_BYTES) return { ...DEFAULT_SETTINGS };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
  const parsed = storedSchema.safeParse(json);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

/** The HTML signature as it may be stored and inserted: the mail sanitizer, no remote content. */
export function cleanSignatureHtml(html: string): string {
  if (!html.trim()) return '';
  const { html: clean } = sanitizeHtml(html, { allowRemote: false, resolveCid: () => null });
  // The reader's markers for blocked remote images mean nothing in mail we send: drop them. The
  // serializer always writes attributes as name="…" with inner quotes escaped, so this is exact.
  return clean.replace(/\sdata-satchel-(?:src|cid)="[^"]*"/g, '');
}

function hasMetadata(client: ImapFlow): boolean {
  return client.capabilities.has('METADATA') || client.capabilities.has('METADATA-SERVER');
}

function tokenText(token: ImapToken | undefined): string | null {
  if (!token || Array.isArray(token) || token.value == null) return null;
  const value: unknown = token.value;
  return Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
}

// imapflow 2.10 has no METADATA verb: the raw command goes through its own queue (imap-exec.ts).
async function readEntry(client: ImapFlow): Promise<string | null> {
  const responses = await execCollect(client, 'GETMETADATA', [{ type: 'STRING', value: '' }, [atom(SETTINGS_ENTRY)]], ['METADATA']);
  // * METADATA "" (/private/vendor/satchel/settings "…") — a NIL value means never set.
  for (const attrs of responses) {
    const list = attrs[1];
    if (!Array.isArray(list)) continue;
    for (let i = 0; i + 1 < list.length; i += 2) {
      if (tokenText(list[i])?.toLowerCase() === SETTINGS_ENTRY) return tokenText(list[i + 1]);
    }
  }
  return null;
}

/** The user's settings, or the defaults when none are stored. */
export async function getUserSettings(session: UserSession): Promise<UserSettings> {
  const raw = await withImap(session.sid, session.creds, (client) => (hasMetadata(client) ? readEntry(client) : readSettingsMessage(client)));
  return parseStoredSettings(raw);
}

/** Validates, sanitizes the HTML signature and stores the settings; returns what was stored. */
export async function saveUserSettings(session: UserSession, input: UserSettings): Promise<UserSettings> {
  const parsed = userSettingsSchema.safeParse(input);
  if (!parsed.success) throw new MailError('invalid_input', parsed.error.issues[0]?.message);
  const settings: UserSettings = { ...parsed.data, signatureHtml: cleanSignatureHtml(parsed.data.signatureHtml) };
  const json = JSON.stringify(settings);
  const value = Buffer.from(json, 'utf8');
  if (value.length > MAX_STORED_BYTES) throw new MailError('invalid_input', 'Your settings are too long');
  await withImap(session.sid, session.creds, async (client) => {
    if (!hasMetadata(client)) return writeSettingsMessage(client, session.email, json);
    await execCollect(client, 'SETMETADATA', [{ type: 'STRING', value: '' }, [atom(SETTINGS_ENTRY), { type: 'LITERAL', value }]], []);
  });
  return settings;
}
