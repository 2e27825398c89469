// Test-side IMAP access, to seed mailboxes and to check results on the server rather than in the page.
import { ImapFlow } from 'imapflow';
import { mailCa, mailEnv, hostPort, type MailUserName } from './mail-env';

export async function withUserImap<T>(user: MailUserName, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const env = mailEnv();
  const { host, port } = hostPort(env.imapUrl);
  const { email, password } = env.users[user];
  const client = new ImapFlow({ host, port, secure: false, doSTARTTLS: true, tls: { ca: mailCa() }, auth: { user: email, pass: password }, logger: false });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Empties every folder of a user, so each test starts from a known mailbox. */
export async function emptyMailbox(user: MailUserName): Promise<void> {
  await withUserImap(user, async (client) => {
    for (const folder of await client.list()) {
      if (folder.flags.has('\\Noselect')) continue;
      const lock = await client.getMailboxLock(folder.path);
      try {
        if (client.mailbox && client.mailbox.exists > 0) await client.messageDelete('1:*');
      } finally {
        lock.release();
      }
    }
  });
}

export async function appendMessage(user: MailUserName, folder: string, raw: Buffer | string, flags: string[] = []): Promise<number> {
  return withUserImap(user, async (client) => {
    const res = await client.append(folder, raw, flags);
    return res && typeof res === 'object' && res.uid ? res.uid : 0;
  });
}

export type ServerMessage = { uid: number; subject: string; flags: Set<string>; source: Buffer };

/** Messages of a folder whose subject contains the text, read straight from the server. */
export async function findMessages(user: MailUserName, folder: string, subject: string): Promise<ServerMessage[]> {
  return withUserImap(user, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      const uids = await client.search({ subject }, { uid: true });
      if (!uids || uids.length === 0) return [];
      const found = await client.fetchAll(uids, { uid: true, envelope: true, flags: true, source: true }, { uid: true });
      return found.map((m) => ({ uid: m.uid, subject: m.envelope?.subject ?? '', flags: m.flags ?? new Set(), source: m.source ?? Buffer.alloc(0) }));
    } finally {
      lock.release();
    }
  });
}

/** Polls until a message with the subject shows up (delivery through Postfix takes a moment). */
export async function waitForMessage(user: MailUserName, folder: string, subject: string, timeoutMs = 15_000): Promise<ServerMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [found] = await findMessages(user, folder, subject);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`"${subject}" did not arrive in ${user}'s ${folder} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Appends plain-text messages over one connection, in order: the last one is the newest. */
export async function appendPlainMessages(user: MailUserName, folder: string, subjects: string[]): Promise<void> {
  const { email } = mailEnv().users[user];
  await withUserImap(user, async (client) => {
    for (const [i, subject] of subjects.entries()) {
      const date = new Date(Date.UTC(2026, 0, 1, 8, i)).toUTCString();
      const raw = `From: Sender ${i + 1} <sender${i + 1}@satchel.test>\r\nTo: ${email}\r\nSubject: ${subject}\r\nDate: ${date}\r\nMessage-ID: <${Date.now()}.${i}@satchel.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThis is "${subject}".\r\n`;
      await client.append(folder, raw);
    }
  });
}
