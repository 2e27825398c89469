// Owns opening a conversation: the thread of the opened message in its folder plus the user's own
// replies found in Sent (by In-Reply-To), each parsed for display, oldest first.
import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { ACROSS_FOLDERS, withImap } from './imap-pool';
import { folderSchema, uidSchema } from './mailbox-input';
import { getMessage } from './messages';
import { folderThreads, messageIds } from './threads';
import type { ConversationMessage } from './types';

/** A conversation shows at most this many messages (the newest); older ones stay in the folder list. */
export const MAX_CONVERSATION = 25;
const MAX_SENT_IDS = 20;

type Ref = { folder: string; uid: number; sent: boolean };

async function threadOf(client: ImapFlow, path: string, uid: number): Promise<{ uids: number[]; ids: string[] }> {
  const lock = await client.getMailboxLock(path);
  try {
    const threads = await folderThreads(client);
    const uids = (threads.find((t) => t.includes(uid)) ?? [uid]).slice(-MAX_CONVERSATION);
    const fetched = await client.fetchAll(uids.join(','), { uid: true, envelope: true }, { uid: true });
    const ids = fetched.flatMap((m) => (m.envelope?.messageId ? messageIds(m.envelope.messageId) : []));
    return { uids, ids: [...new Set(ids)].slice(-MAX_SENT_IDS) };
  } finally {
    lock.release();
  }
}

/** The user's replies to any message of the thread: Sent messages whose In-Reply-To is one of its IDs. */
async function sentReplies(client: ImapFlow, sentPath: string, ids: string[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const lock = await client.getMailboxLock(sentPath);
  try {
    const found = await client.search({ or: ids.map((id) => ({ header: { 'In-Reply-To': id } })) }, { uid: true });
    return (found || []).slice(-MAX_CONVERSATION);
  } finally {
    lock.release();
  }
}

async function conversationRefs(session: UserSession, path: string, uid: number): Promise<Ref[]> {
  return withImap(session.sid, session.creds, async (client) => {
    const { uids, ids } = await threadOf(client, path, uid);
    const refs: Ref[] = uids.map((u) => ({ folder: path, uid: u, sent: false }));
    const sent = (await client.list()).find((f) => f.specialUse === '\\Sent')?.path;
    if (sent && sent !== path) refs.push(...(await sentReplies(client, sent, ids)).map((u) => ({ folder: sent, uid: u, sent: true })));
    return refs;
  }, { folder: ACROSS_FOLDERS });
}

const time = (m: ConversationMessage) => (m.date ? Date.parse(m.date) : 0);

/** Opens every message of the conversation (which marks them seen, as opening a thread does elsewhere). */
export async function getConversation(session: UserSession, folder: string, uid: number, opts: { allowRemote: boolean }): Promise<ConversationMessage[]> {
  const path = folderSchema.parse(folder);
  const id = uidSchema.parse(uid);
  const refs = await conversationRefs(session, path, id);
  const messages: ConversationMessage[] = [];
  for (const ref of refs) {
    // A message deleted since the thread was read is simply left out.
    const view = await getMessage(session, ref.folder, ref.uid, opts).catch((err: unknown) => {
      if (err instanceof MailError && err.code === 'not_found') return null;
      throw err;
    });
    if (view) messages.push({ ...view, sent: ref.sent });
  }
  return messages.sort((a, b) => time(a) - time(b) || a.uid - b.uid).slice(-MAX_CONVERSATION);
}
