// Owns the raw imapflow baseline: the same IMAP commands Satchel sends per request, with nothing around them.
import { ImapFlow } from 'imapflow';
import { hostPort, mailCa, mailEnv, type MailUserName } from '../tests/support/mail-env';

export const PAGE_SIZE = 50;

/** A client configured like lib/mail/imap-client.ts: STARTTLS required, certificate verified. */
export function rawClient(user: MailUserName): ImapFlow {
  const env = mailEnv();
  const { host, port } = hostPort(env.imapUrl);
  const { email, password } = env.users[user];
  const client = new ImapFlow({
    host,
    port,
    secure: false,
    doSTARTTLS: true,
    tls: { ca: mailCa(), rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    auth: { user: email, pass: password },
    logger: false,
    disableAutoIdle: true,
  });
  client.on('error', () => {});
  return client;
}

/** connect (greeting, STARTTLS, LOGIN) then LOGOUT: what one sign-in or one cold request costs at the IMAP level. */
export async function loginOnce(user: MailUserName): Promise<void> {
  const client = rawClient(user);
  await client.connect();
  await client.logout();
}

/** A persistent connection with INBOX selected, as Satchel's pool keeps it between requests. */
export async function openInbox(user: MailUserName): Promise<ImapFlow> {
  const client = rawClient(user);
  await client.connect();
  await client.mailboxOpen('INBOX');
  return client;
}

export async function closeClient(client: ImapFlow): Promise<void> {
  await client.logout().catch(() => client.close());
}

/** The sequence range of a page, newest first, exactly as lib/mail/messages.ts computes it. */
export function pageRange(total: number, page: number): string {
  const high = total - (page - 1) * PAGE_SIZE;
  const low = Math.max(1, high - PAGE_SIZE + 1);
  return `${low}:${high}`;
}

const folderStatus = { statusQuery: { messages: true, unseen: true } } as const;

/** One folder page: NOOP, FETCH of the page's envelopes, LIST-STATUS for the folder nav. */
export async function listPageWork(client: ImapFlow, page: number): Promise<number> {
  await client.noop();
  const total = client.mailbox ? client.mailbox.exists : 0;
  const fetched = await client.fetchAll(pageRange(total, page), {
    uid: true, envelope: true, flags: true, size: true, bodyStructure: true, internalDate: true,
  });
  await client.list(folderStatus);
  return fetched.length;
}

/** Another folder's first page as a client with one connection does it: SELECT, FETCH of the newest 50, LIST-STATUS. */
export async function otherFolderPageWork(client: ImapFlow, path: string): Promise<number> {
  await client.mailboxOpen(path);
  const total = client.mailbox ? client.mailbox.exists : 0;
  const fetched = total === 0 ? [] : await client.fetchAll(pageRange(total, 1), {
    uid: true, envelope: true, flags: true, size: true, bodyStructure: true, internalDate: true,
  });
  await client.list(folderStatus);
  return fetched.length;
}

/** Opening one message: its source, \Seen added, LIST-STATUS for the folder nav. */
export async function openMessageWork(client: ImapFlow, uid: number): Promise<number> {
  const msg = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!msg || !msg.source) throw new Error(`UID ${uid} not found`);
  await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  await client.list(folderStatus);
  return msg.source.length;
}

/** `count` UIDs spread evenly over the mailbox, for rotating through different messages. */
export async function spreadUids(client: ImapFlow, count: number): Promise<number[]> {
  const total = client.mailbox ? client.mailbox.exists : 0;
  if (total < count) throw new Error(`INBOX has only ${total} messages; run scripts/seed-bulk.ts`);
  const seqs = Array.from({ length: count }, (_, i) => 1 + Math.floor((i * (total - 1)) / Math.max(1, count - 1)));
  const fetched = await client.fetchAll(seqs.join(','), { uid: true });
  return fetched.map((m) => m.uid);
}

/** Serialises work on one connection, as Satchel's mailbox lock does for one session. */
export function serialQueue(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>) => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
