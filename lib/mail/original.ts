// Owns the message being replied to or forwarded: read once (without marking it seen) for quoting,
// threading and its attachments, and flagged \Answered or $Forwarded once the answer has gone out.
import 'server-only';
import type { UserSession } from '@/lib/auth/current-session';
import type { ComposeSource } from './compose-types';
import { headerValue } from './draft-headers';
import { MailError } from './errors';
import { withImap } from './imap-pool';
import { folderSchema, uidSchema } from './mailbox-input';
import { getMessageSource } from './messages';
import { parseMessage } from './parse-message';
import type { MessageView } from './types';

export type Original = { view: MessageView; references: string[]; size: number };

const messageIds = (value: string | null) => (value ?? '').match(/<[^<>\s]+>/g) ?? [];

export async function loadOriginal(session: UserSession, folder: string, uid: number): Promise<Original> {
  const path = folderSchema.parse(folder);
  const id = uidSchema.parse(uid);
  const raw = await getMessageSource(session, path, id);
  if (!raw) throw new MailError('not_found');
  const view = await parseMessage(raw, { uid: id, folder: path, seen: true, flagged: false }, { allowRemote: false });
  return { view, references: messageIds(headerValue(raw, 'References')), size: raw.length };
}

/** \Answered after a reply, $Forwarded (the keyword most clients share) after a forward. */
export async function flagOriginal(session: UserSession, source: ComposeSource): Promise<void> {
  const flag = source.kind === 'reply' || source.kind === 'reply-all' ? '\\Answered' : '$Forwarded';
  const path = folderSchema.parse(source.folder);
  await withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(path);
    try {
      await client.messageFlagsAdd(String(uidSchema.parse(source.uid)), [flag], { uid: true });
    } finally {
      lock.release();
    }
  }, { folder: path });
}
