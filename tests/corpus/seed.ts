// Puts a corpus into a folder of its own over one IMAP connection (appendMessage logs in per message).
import { withUserImap } from '../support/imap';
import type { MailUserName } from '../support/mail-env';

/** Creates the folder if needed, empties it, appends every message in order; returns id → UID. */
export async function seedCorpus(user: MailUserName, folder: string, messages: Array<{ id: string; raw: Buffer | string }>): Promise<Map<string, number>> {
  return withUserImap(user, async (client) => {
    if (!(await client.list()).some((f) => f.path === folder)) await client.mailboxCreate(folder);
    const lock = await client.getMailboxLock(folder);
    try {
      if (client.mailbox && client.mailbox.exists > 0) await client.messageDelete('1:*');
    } finally {
      lock.release();
    }
    const uids = new Map<string, number>();
    for (const { id, raw } of messages) {
      const res = await client.append(folder, typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw, []);
      if (!res || typeof res !== 'object' || !res.uid) throw new Error(`append of corpus message ${id} returned no UID`);
      uids.set(id, res.uid);
    }
    return uids;
  });
}

/** Deletes a folder seedCorpus created (each run uses its own, so concurrent runs never collide). */
export async function dropCorpus(user: MailUserName, folder: string): Promise<void> {
  await withUserImap(user, async (client) => {
    if ((await client.list()).some((f) => f.path === folder)) await client.mailboxDelete(folder);
  });
}
