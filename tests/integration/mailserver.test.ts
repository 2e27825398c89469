// Proves the loopback mail server (scripts/mailserver.sh) behaves like a careful provider's:
// verified TLS, special-use folders, closed relay, sender ownership, local capture of outside mail.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { hostPort, mailCa, mailEnv, type MailUser } from '../support/mail-env';

const env = mailEnv();
const { alice, bob, carol, outside } = env.users;

function imap(user: MailUser, opts: { implicitTls?: boolean; ca?: Buffer | null; clientIp?: string } = {}): ImapFlow {
  const { host, port } = hostPort(opts.implicitTls ? env.imapsUrl : env.imapUrl);
  const client = new ImapFlow({
    host, port,
    secure: !!opts.implicitTls,
    doSTARTTLS: opts.implicitTls ? undefined : true,
    tls: opts.ca === null ? {} : { ca: opts.ca ?? mailCa() },
    auth: { user: user.email, pass: user.password },
    clientInfo: opts.clientIp ? { name: 'satchel-tests', 'x-originating-ip': opts.clientIp } : { name: 'satchel-tests' },
    logger: false,
  });
  client.on('error', () => undefined); // imapflow: an unhandled 'error' event kills the process
  return client;
}

async function withImap<T>(user: MailUser, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = imap(user);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function smtp(user?: MailUser, url = env.smtpUrl) {
  const { host, port } = hostPort(url);
  return nodemailer.createTransport({
    host, port,
    secure: url.startsWith('smtps:'),
    requireTLS: !url.startsWith('smtps:') && url !== env.inboundSmtpUrl,
    tls: { ca: mailCa() },
    auth: user ? { user: user.email, pass: user.password } : undefined,
  });
}

/** Polls the user's INBOX until a message with this Message-ID is there (delivery is queued). */
async function waitForMessage(user: MailUser, messageId: string, timeoutMs = 15_000): Promise<string> {
  return withImap(user, async (client) => {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const uids = await client.search({ header: { 'message-id': messageId } }, { uid: true });
        const uid = uids ? uids[0] : undefined;
        if (uid !== undefined) {
          const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
          return msg ? msg.source?.toString('utf8') ?? '' : '';
        }
        if (Date.now() > deadline) throw new Error(`${messageId} did not arrive for ${user.email}`);
        await new Promise((r) => setTimeout(r, 200));
        await client.noop();
      }
    } finally {
      lock.release();
    }
  });
}

function message(from: string, to: string) {
  const messageId = `<${randomUUID()}@satchel.test>`;
  return { from, to, subject: `test ${messageId}`, text: 'hello', messageId };
}

/** Raw SMTP dialogue: returns every reply line the server sent. */
async function smtpDialogue(port: number, commands: string[]): Promise<string> {
  const socket = net.connect({ host: '127.0.0.1', port });
  let buffer = '';
  socket.on('data', (d) => { buffer += d.toString('latin1'); });
  const waitFor = async (re: RegExp) => {
    const deadline = Date.now() + 5000;
    while (!re.test(buffer)) {
      if (Date.now() > deadline) throw new Error(`no ${re} in ${buffer}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await waitFor(/^220 /m);
  for (const cmd of commands) {
    const before = buffer.length;
    socket.write(`${cmd}\r\n`);
    const deadline = Date.now() + 5000;
    while (!/^\d{3} .*\r\n/m.test(buffer.slice(before))) {
      if (Date.now() > deadline) throw new Error(`no reply to ${cmd}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  socket.destroy();
  return buffer;
}

describe('IMAP', () => {
  it('logs in over STARTTLS, verifying the certificate against MAIL_CA_FILE', async () => {
    const client = imap(alice);
    await client.connect();
    expect(client.usable).toBe(true);
    expect(client.secureConnection).toBe(true);
    expect(client.capabilities.has('CONDSTORE')).toBe(true);
    expect(client.capabilities.has('QRESYNC')).toBe(true);
    expect(client.capabilities.has('METADATA')).toBe(true);
    await client.logout();
  });

  it('logs in over implicit TLS (IMAPS)', async () => {
    const client = imap(alice, { implicitTls: true });
    await client.connect();
    expect(client.usable).toBe(true);
    await client.logout();
  });

  it('the certificate is not trusted without the CA file (verification is really on)', async () => {
    const { port } = hostPort(env.imapsUrl);
    const err = await new Promise<Error>((resolve) => {
      const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost' }, () => resolve(new Error('trusted')));
      s.on('error', resolve);
    });
    expect(err.message).toMatch(/self[- ]signed/i);
    const ok = await new Promise<boolean>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port, ca: mailCa() }, () => { resolve(s.authorized); s.end(); });
      s.on('error', reject);
    });
    expect(ok).toBe(true);
  });

  it('creates and subscribes the special-use folders', async () => {
    const folders = await withImap(bob, (c) => c.list());
    const byUse = Object.fromEntries(folders.filter((f) => f.specialUse).map((f) => [f.specialUse, f]));
    for (const [use, name] of [['\\Drafts', 'Drafts'], ['\\Sent', 'Sent'], ['\\Archive', 'Archive'], ['\\Junk', 'Junk'], ['\\Trash', 'Trash']]) {
      expect(byUse[use as string]?.path).toBe(name);
      expect(byUse[use as string]?.subscribed).toBe(true);
    }
    expect(folders.find((f) => f.path === 'INBOX')?.delimiter).toBe('/');
  });
});

describe('SMTP submission', () => {
  it('advertises SIZE 25 MiB and no AUTH before STARTTLS; refuses AUTH before STARTTLS', async () => {
    const { port } = hostPort(env.smtpUrl);
    const plain = Buffer.from(`\0${alice.email}\0${alice.password}`).toString('base64');
    const out = await smtpDialogue(port, ['EHLO tests.satchel.test', `AUTH PLAIN ${plain}`, 'QUIT']);
    expect(out).toMatch(/^250-SIZE 26214400\r$/m);
    expect(out).toMatch(/^250-STARTTLS\r$/m);
    expect(out).not.toMatch(/^250[- ]AUTH/m);
    expect(out).toMatch(/^530 5\.7\.0 Must issue a STARTTLS command first/m);
  });

  it('refuses mail without AUTH, to outside and local recipients alike (relay closed)', async () => {
    const transport = smtp(undefined);
    await expect(transport.sendMail(message(alice.email, 'someone@example.com'))).rejects.toMatchObject({ responseCode: 554 });
    await expect(transport.sendMail(message(alice.email, bob.email))).rejects.toMatchObject({ responseCode: 554 });
    transport.close();
  });

  it('delivers alice → bob with AUTH over STARTTLS and over implicit TLS', async () => {
    for (const url of [env.smtpUrl, env.smtpsUrl]) {
      const transport = smtp(alice, url);
      const msg = message(alice.email, bob.email);
      const info = await transport.sendMail(msg);
      expect(info.accepted).toEqual([bob.email]);
      transport.close();
      const source = await waitForMessage(bob, msg.messageId);
      expect(source).toContain(`Subject: ${msg.subject}`);
    }
  });

  it('refuses an envelope sender the login does not own (553 5.7.1)', async () => {
    const transport = smtp(alice);
    const msg = message(bob.email, carol.email);
    await expect(transport.sendMail({ ...msg, envelope: { from: bob.email, to: carol.email } }))
      .rejects.toMatchObject({ responseCode: 553, response: expect.stringContaining('5.7.1') });
    transport.close();
  });

  it('accepts mail for an outside domain but only captures it locally (outside@)', async () => {
    const transport = smtp(alice);
    const msg = message(alice.email, 'someone@example.com');
    const info = await transport.sendMail(msg);
    expect(info.accepted).toEqual(['someone@example.com']);
    transport.close();
    const source = await waitForMessage(outside, msg.messageId);
    expect(source).toMatch(/^X-Original-To: someone@example\.com\r?$/m);
    const master = readFileSync(path.join(env.stateDir, 'postfix/master.cf'), 'utf8');
    expect(master).not.toMatch(/^(smtp|relay)\s+unix/m); // no client that could reach the Internet
  });
});

describe('inbound SMTP (simulated external mail)', () => {
  it('accepts unauthenticated mail for the local domain only', async () => {
    const transport = smtp(undefined, env.inboundSmtpUrl);
    const msg = message('stranger@example.org', carol.email);
    await transport.sendMail(msg);
    await waitForMessage(carol, msg.messageId);
    await expect(transport.sendMail(message('stranger@example.org', 'victim@example.net')))
      .rejects.toMatchObject({ responseCode: 554, response: expect.stringContaining('Relay access denied') });
    transport.close();
  });
});

describe('reset-user', () => {
  it.runIf(process.getuid?.() === 0)('empties a mailbox; Dovecot recreates it without a restart', async () => {
    const msg = message('stranger@example.org', carol.email);
    const transport = smtp(undefined, env.inboundSmtpUrl);
    await transport.sendMail(msg);
    transport.close();
    await waitForMessage(carol, msg.messageId);
    const r = spawnSync('bash', ['scripts/mailserver.sh', 'reset-user', 'carol'], {
      env: { ...process.env, MAILSERVER_DIR: env.stateDir }, encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const status = await withImap(carol, (c) => c.status('INBOX', { messages: true }));
    expect(status && status.messages).toBe(0);
  });
});

// Last: a failed login makes Dovecot delay later logins from the same IP. The trusted-network
// ID moves that penalty to a documentation address instead of 127.0.0.1.
describe('authentication failures', () => {
  it('refuses a wrong password', async () => {
    const client = imap({ email: alice.email, password: 'wrong-password' }, { clientIp: '192.0.2.77' });
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();
  });
});
