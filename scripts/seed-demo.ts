// Seeds a realistic demo mailbox over IMAP APPEND: npx tsx scripts/seed-demo.ts [user] [password] [--reset]
// Connection settings come from $MAILSERVER_DIR/env (default .mailserver/test) or IMAP_URL/MAIL_CA_FILE.
import { readFileSync } from 'node:fs';
import { ImapFlow } from 'imapflow';
import { demoMessages } from './mailserver/fixtures';
import { hostPort, MAIL_USERS, readMailServerEnv } from './mailserver/env';

const args = process.argv.slice(2);
const reset = args.includes('--reset');
const positional = args.filter((a) => !a.startsWith('--'));
const user = positional[0] ?? MAIL_USERS.alice.email;
const known = Object.values(MAIL_USERS).find((u) => u.email === user || u.email.split('@')[0] === user);
const email = known?.email ?? user;
const password = positional[1] ?? known?.password;
if (!password) throw new Error(`no password for ${user}: pass it as the second argument`);

const env = readMailServerEnv();
const { host, port } = hostPort(env.imapUrl);
const client = new ImapFlow({
  host, port, secure: false, doSTARTTLS: true,
  tls: { ca: readFileSync(env.caFile) }, // verify the server cert; never rejectUnauthorized: false
  auth: { user: email, pass: password },
  logger: false,
});
client.on('error', (err: Error) => console.error('imap error:', err.message));

async function main(): Promise<void> {
  const started = Date.now();
  await client.connect();
  try {
    const messages = await demoMessages(email);
    const mailboxes = [...new Set(messages.map((m) => m.mailbox))];
    const inbox = await client.status('INBOX', { messages: true });
    const have = inbox ? inbox.messages ?? 0 : 0;
    if (have > 0 && !reset) {
      console.log(`seed-demo: ${email} INBOX already has ${have} messages; skipping (use --reset)`);
      return;
    }
    if (reset) {
      for (const path of mailboxes) {
        if (path.includes('/')) continue;
        const lock = await client.getMailboxLock(path);
        try { await client.messageDelete('1:*'); } catch { /* empty mailbox: nothing to delete */ } finally { lock.release(); }
      }
      for (const path of mailboxes.filter((p) => p.includes('/'))) {
        await client.mailboxDelete(path).catch(() => undefined); // absent: fine
      }
      await client.mailboxDelete('Projects').catch(() => undefined);
    }
    const existing = new Set((await client.list()).map((m) => m.path));
    for (const path of mailboxes) {
      if (!existing.has(path)) {
        await client.mailboxCreate(path);
        await client.mailboxSubscribe(path);
      }
    }
    for (const m of messages) await client.append(m.mailbox, m.raw, m.flags, m.date);
    const counts = mailboxes.map((p) => `${p}: ${messages.filter((m) => m.mailbox === p).length}`).join(', ');
    console.log(`seed-demo: appended ${messages.length} messages for ${email} (${counts}) in ${Date.now() - started} ms`);
  } finally {
    await client.logout();
  }
}

main().catch((err: unknown) => {
  console.error('seed-demo failed:', err);
  process.exit(1);
});
