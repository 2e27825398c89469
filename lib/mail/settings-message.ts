// Owns the settings store for mail servers without IMAP METADATA: one small message in an unsubscribed folder of the user's own mailbox.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { execCollect } from './imap-exec';
import { selectedMailbox } from './imap-pool';

/**
 * No dot, slash or non-ASCII: Dovecot's default hierarchy separator for Maildir is "." (so ".satchel"
 * would be an empty parent plus a child, which Dovecot refuses), other setups use "/", and the
 * Maildir++ layout refuses "." inside a name even then. The name tells users whose folder it is.
 */
export const SETTINGS_FOLDER = 'Satchel Settings';
/** Marks our messages, so a folder of that name holding anything else never loses it. */
export const SETTINGS_HEADER = 'X-Satchel-Settings';
// The JSON is at most 32 KiB (user-settings.ts); base64, line breaks and headers stay under this.
const MAX_SOURCE = 64 * 1024;

/** The folder's full path: inside the personal namespace (Courier-style servers want "INBOX."). */
export function settingsFolderPath(client: Pick<ImapFlow, 'namespace'>): string {
  return `${client.namespace?.prefix ?? ''}${SETTINGS_FOLDER}`;
}

export function isSettingsFolder(client: Pick<ImapFlow, 'namespace'>, path: string): boolean {
  return path === settingsFolderPath(client);
}

/** Pure: the message holding the settings JSON; base64, so long signature lines stay within RFC 5322. */
export function settingsMessage(json: string, email: string, date: Date): Buffer {
  const body = Buffer.from(json, 'utf8').toString('base64').replace(/.{76}/g, '$&\r\n');
  const head = [
    `From: Satchel <${email}>`,
    `To: <${email}>`,
    `Date: ${date.toUTCString()}`,
    'Subject: Satchel settings (used by Satchel webmail; please keep)',
    `Message-ID: <${randomUUID()}@satchel.invalid>`,
    `${SETTINGS_HEADER}: 1`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  return Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}\r\n`, 'utf8');
}

/** Pure: the JSON text of a settings message, or null when its body is not base64. */
export function settingsFromMessage(raw: Buffer): string | null {
  const text = raw.toString('latin1');
  const match = /\r?\n\r?\n/.exec(text);
  if (!match) return null;
  const body = text.slice(match.index + match[0].length).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  return Buffer.from(body, 'base64').toString('utf8');
}

// What this connection last read, keyed by the folder's STATUS: drafts autosave reads the display
// name every few seconds, and a STATUS costs far less than SELECTing away from the user's folder.
const lastRead = new WeakMap<ImapFlow, { key: string; raw: string | null }>();

/** The newest stored settings JSON, or null when none; never creates the folder. */
export async function readSettingsMessage(client: ImapFlow): Promise<string | null> {
  const path = settingsFolderPath(client);
  // Dovecot answers STATUS of the selected mailbox from this connection's view: sync it first.
  if (client.mailbox && client.mailbox.path === path) await client.noop();
  const status = await client.status(path, { messages: true, uidNext: true, uidValidity: true }).catch((err: unknown) => {
    if ((err as { code?: string }).code === 'NotFound') return null;
    throw err;
  });
  if (status === false) throw new Error('STATUS of the settings folder failed');
  if (!status?.messages) return null;
  const key = `${status.uidValidity}:${status.uidNext}:${status.messages}`;
  const cached = lastRead.get(client);
  if (cached?.key === key) return cached.raw;
  const raw = await newestSettings(client, path);
  lastRead.set(client, { key, raw });
  return raw;
}

async function newestSettings(client: ImapFlow, path: string): Promise<string | null> {
  const lock = await client.getMailboxLock(path, { readOnly: true });
  try {
    // A second look if the newest went between SEARCH and FETCH: another node just saved.
    for (let attempt = 0; attempt < 2; attempt++) {
      const uids = (await client.search({ header: { [SETTINGS_HEADER]: true } }, { uid: true })) || [];
      if (uids.length === 0) return null;
      const message = await client.fetchOne(String(Math.max(...uids)), { source: { maxLength: MAX_SOURCE } }, { uid: true });
      if (message && message.source) return settingsFromMessage(message.source);
      selectedMailbox(client);
    }
    return null;
  } finally {
    lock.release();
  }
}

/** Stores the JSON as a new message, then deletes the older ones: one copy stays at every moment. */
export async function writeSettingsMessage(client: ImapFlow, email: string, json: string): Promise<void> {
  const path = settingsFolderPath(client);
  const raw = settingsMessage(json, email, new Date());
  const appended = await appendCreating(client, path, raw);
  // imapflow answers false instead of throwing when the connection is gone: let withImap reconnect.
  if (!appended) throw Object.assign(new Error('IMAP connection lost'), { code: 'NoConnection' });
  const lock = await client.getMailboxLock(path);
  try {
    const ours = (await client.search({ header: { [SETTINGS_HEADER]: true } }, { uid: true })) || [];
    // Without UIDPLUS the newest is ours or a concurrent save's: either way it is the one to keep.
    const keep = appended.uid ?? Math.max(...ours);
    const older = ours.filter((uid) => uid < keep);
    if (older.length > 0) await client.messageDelete(older.join(','), { uid: true });
  } finally {
    lock.release();
  }
}

async function appendCreating(client: ImapFlow, path: string, raw: Buffer) {
  try {
    return await client.append(path, raw, ['\\Seen']);
  } catch (err) {
    // RFC 3501: APPEND to a missing mailbox fails with NO (TRYCREATE is only a SHOULD). The folder
    // is created on the first save only, so reading never leaves an empty folder behind.
    if ((err as { responseStatus?: string }).responseStatus !== 'NO') throw err;
    await createUnsubscribed(client, path);
    return client.append(path, raw, ['\\Seen']);
  }
}

// A raw CREATE: imapflow's mailboxCreate() also SUBSCRIBEs, which would show the folder in mail apps.
async function createUnsubscribed(client: ImapFlow, path: string): Promise<void> {
  try {
    await execCollect(client, 'CREATE', [{ type: 'STRING', value: path }], []);
  } catch (err) {
    // Another node's first save created it a moment ago (RFC 5530 ALREADYEXISTS): that is fine.
    const code = (err as { response?: { attributes?: Array<{ section?: Array<{ value?: unknown }> }> } }).response?.attributes?.[0]?.section?.[0]?.value;
    if (String(code).toUpperCase() !== 'ALREADYEXISTS') throw err;
  }
}
