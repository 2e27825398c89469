// Owns the one IMAP connection per signed-in session: reused across requests, closed when idle,
// re-opened transparently when the server dropped it. A LOGIN per request would cost a TLS
// handshake, authentication and a SELECT that re-reads a big mailbox's index each time.
import 'server-only';
import type { ImapFlow, MailboxObject } from 'imapflow';
import { config } from '@/lib/config';
import { imapError } from './errors';
import { connectImap, type MailCredentials } from './imap-client';

type Entry = { client: Promise<ImapFlow>; idleTimer?: NodeJS.Timeout; users: number };

// On globalThis so route handlers and server components share one pool even if bundled apart.
const pools = globalThis as typeof globalThis & { __satchelImapPool?: Map<string, Entry> };
const pool = (pools.__satchelImapPool ??= new Map<string, Entry>());

function open(key: string, creds: MailCredentials): Entry {
  return track(key, { client: connectImap(creds), users: 0 });
}

function track(key: string, entry: Entry): Entry {
  pool.set(key, entry);
  entry.client.then(
    (client) => client.once('close', () => pool.get(key) === entry && pool.delete(key)),
    () => pool.get(key) === entry && pool.delete(key),
  );
  return entry;
}

async function acquire(key: string, creds: MailCredentials): Promise<{ entry: Entry; client: ImapFlow }> {
  let entry = pool.get(key) ?? open(key, creds);
  let client = await entry.client;
  if (!client.usable) {
    discard(key, entry, client);
    entry = open(key, creds);
    client = await entry.client;
  }
  return { entry, client };
}

function discard(key: string, entry: Entry, client: ImapFlow): void {
  if (pool.get(key) === entry) pool.delete(key);
  clearTimeout(entry.idleTimer);
  client.close();
}

function release(key: string, entry: Entry, client: ImapFlow): void {
  entry.users -= 1;
  if (entry.users > 0 || pool.get(key) !== entry) return;
  clearTimeout(entry.idleTimer);
  entry.idleTimer = setTimeout(() => {
    if (entry.users === 0) discard(key, entry, client);
  }, config().imapIdleCloseMs);
  entry.idleTimer.unref();
}

function connectionLost(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === 'NoConnection' || code === 'EPIPE' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}

// Opening a big folder makes the server read its whole index each time (Dovecot, 100,000 messages:
// ~60 ms for a SELECT, and as long for a STATUS of it while another folder is selected, as the folder
// list's LIST-STATUS does). So the INBOX keeps the session's first connection selected, and the work
// in any other folder goes to a second one, opened when first needed (as desktop mail apps keep
// several): going to Sent and back costs no re-reading of the INBOX. Writing into a folder (APPEND)
// goes to the connection that reads it, which so sees its own change at once.
const OTHER_FOLDERS = '\u0000other';

function connectionKey(key: string, folder: string | undefined): string {
  return folder === undefined || folder.toUpperCase() === 'INBOX' ? key : key + OTHER_FOLDERS;
}

/** The folder option of work that selects several folders in turn: the second connection. */
export const ACROSS_FOLDERS = '*';

type Options = {
  retry?: boolean;
  /** The folder fn selects (or, for work across several, any but INBOX): picks the connection. */
  folder?: string;
};

/**
 * Runs fn on the session's connection. If the connection turns out to be dead (server restart,
 * autologout) it is replaced and fn runs once more; pass retry: false for non-idempotent work.
 */
export async function withImap<T>(sessionKey: string, creds: MailCredentials, fn: (client: ImapFlow) => Promise<T>, { retry = true, folder }: Options = {}): Promise<T> {
  const key = connectionKey(sessionKey, folder);
  for (let attempt = 0; ; attempt++) {
    const { entry, client } = await acquire(key, creds);
    entry.users += 1;
    clearTimeout(entry.idleTimer);
    try {
      return await fn(client);
    } catch (err) {
      if (connectionLost(err) || !client.usable) {
        discard(key, entry, client);
        if (retry && attempt === 0) continue;
      }
      throw imapError(err);
    } finally {
      release(key, entry, client);
    }
  }
}

/**
 * imapflow's noop() and fetchOne() answer a dropped connection with false instead of throwing:
 * call this after them so withImap reconnects and retries rather than showing an empty folder
 * or "not found".
 */
export function selectedMailbox(client: ImapFlow): MailboxObject {
  if (!client.usable || !client.mailbox) throw Object.assign(new Error('IMAP connection lost'), { code: 'NoConnection' });
  return client.mailbox;
}

const syncing = new WeakMap<ImapFlow, { path: string; done: Promise<unknown> }>();

/**
 * NOOP on the selected folder, so its count and new mail are current. The calls of one page that run
 * together on a connection (folder list, message list) share one NOOP rather than queue one each: the
 * connection runs one command at a time, so each extra NOOP is another round trip. One that is queued
 * or in flight for the same folder was sent at most a round trip earlier than a new one would be.
 * Like noop(), resolves on a dropped connection too: check with selectedMailbox() after.
 */
export async function syncSelected(client: ImapFlow): Promise<void> {
  const path = client.mailbox ? client.mailbox.path : '';
  let pending = syncing.get(client);
  if (!pending || pending.path !== path) {
    const done = client.noop().finally(() => {
      if (syncing.get(client) === pending) syncing.delete(client);
    });
    pending = { path, done };
    syncing.set(client, pending);
  }
  await pending.done;
}

/**
 * Keeps the connection that checked the password at sign-in, so the first page needs no second login.
 * Sign-in lands on the INBOX: it is selected now, while the browser follows the redirect, so the first
 * page does not wait for the server to open a big INBOX (twice: its LIST-STATUS would otherwise run
 * before the SELECT). Through the mailbox lock, so the page's own lock finds it selected.
 */
export function adoptImap(key: string, client: ImapFlow): void {
  const entry = track(key, { client: Promise.resolve(client), users: 1 });
  release(key, entry, client);
  client.getMailboxLock('INBOX').then(
    (lock) => lock.release(),
    () => undefined, // the first page selects it again, or reconnects
  );
}

/** Logs out and forgets the session's connections (sign-out). */
export async function closeImap(sessionKey: string): Promise<void> {
  await Promise.all([close(sessionKey), close(sessionKey + OTHER_FOLDERS)]);
}

async function close(key: string): Promise<void> {
  const entry = pool.get(key);
  if (!entry) return;
  pool.delete(key);
  clearTimeout(entry.idleTimer);
  const client = await entry.client.catch(() => null);
  await client?.logout().catch(() => client.close());
}

/** Logs out of every pooled connection (graceful shutdown). */
export async function closeAllImap(): Promise<void> {
  await Promise.all([...pool.keys()].map((key) => close(key)));
}

export function openImapConnections(): number {
  return pool.size;
}
