// The per-session IMAP connection pool (lib/mail/imap-pool.ts) against the real Dovecot: reuse,
// recovery after the server drops the connection, logout, and the idle close (1 s in this file).
import { execFileSync } from 'node:child_process';
import type { ImapFlow } from 'imapflow';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose } from '../../scripts/mailserver/fixtures';
import { listFolders } from '@/lib/mail/folders';
import { connectImap } from '@/lib/mail/imap-client';
import { adoptImap, closeImap, openImapConnections, withImap } from '@/lib/mail/imap-pool';
import { listMessages } from '@/lib/mail/messages';
import { closeDalSessions, configureDal, dalSession, serverUsers, sleep } from '../support/dal-session';
import { appendMessage, emptyMailbox } from '../support/imap';
import { mailEnv } from '../support/mail-env';

configureDal({ IMAP_IDLE_CLOSE_SECONDS: '1' });
const carol = serverUsers().carol;

const doveadm = (...args: string[]) => execFileSync('doveadm', ['-c', mailEnv().dovecotConf, ...args], { encoding: 'utf8' });

/** carol's IMAP connections as Dovecot counts them (anvil updates a moment after a disconnect). */
function carolConnections(): number {
  return doveadm('who', '-1', carol.email).split('\n').filter((line) => line.startsWith(`${carol.email} `)).length;
}

async function eventually(check: () => boolean, timeoutMs = 5000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await sleep(100);
  }
  return true;
}

/** The pooled ImapFlow a session is using right now. */
const currentClient = (session: ReturnType<typeof dalSession>) => withImap(session.sid, session.creds, async (client) => client);

beforeEach(async () => {
  await emptyMailbox('carol');
  await appendMessage('carol', 'INBOX', await compose({ from: 'a@example.org', to: carol.email, subject: 'Pool test', text: 'hi' }));
  expect(await eventually(() => carolConnections() === 0)).toBe(true);
});

afterEach(async () => {
  await closeDalSessions();
});

describe('withImap', () => {
  it('reuses one logged-in connection across calls of a session', async () => {
    const session = dalSession('carol');
    const baseline = openImapConnections();
    const first = await currentClient(session);
    await listFolders(session);
    await listMessages(session, 'INBOX', 1);
    const second = await currentClient(session);

    expect(second).toBe(first);
    expect(openImapConnections()).toBe(baseline + 1);
    expect(carolConnections()).toBe(1);
  });

  it('keeps the INBOX selected on its connection while other folders are read on a second one', async () => {
    const session = dalSession('carol');
    await appendMessage('carol', 'Sent', await compose({ from: carol.email, to: 'a@example.org', subject: 'Pool sent', text: 'hi' }));
    await listMessages(session, 'INBOX', 1);
    const inbox = await currentClient(session);
    expect((await listMessages(session, 'Sent', 1)).messages.map((m) => m.subject)).toEqual(['Pool sent']);
    // Back to the INBOX: no SELECT again (a big INBOX makes the server re-read its whole index).
    expect(inbox.mailbox && inbox.mailbox.path).toBe('INBOX');
    expect(await currentClient(session)).toBe(inbox);
    expect((await listMessages(session, 'INBOX', 1)).messages.map((m) => m.subject)).toEqual(['Pool test']);
    expect(carolConnections()).toBe(2);
    // Sign-out logs out of both.
    await closeImap(session.sid);
    expect(await eventually(() => carolConnections() === 0)).toBe(true);
  });

  it('keeps the connection that checked the password at sign-in, with the INBOX being selected for the first page', async () => {
    const session = dalSession('carol');
    const client = await connectImap(session.creds);
    adoptImap(session.sid, client);
    expect(await eventually(() => client.mailbox !== false && client.mailbox.path === 'INBOX')).toBe(true);
    expect(await currentClient(session)).toBe(client);
    expect((await listMessages(session, 'INBOX', 1)).messages.map((m) => m.subject)).toEqual(['Pool test']);
    await closeImap(session.sid);
  });

  it('gives two sessions of the same user separate connections', async () => {
    const a = dalSession('carol');
    const b = dalSession('carol');
    expect(await currentClient(a)).not.toBe(await currentClient(b));
    expect(carolConnections()).toBe(2);
  });

  it('reconnects transparently after the server dropped the connection', async () => {
    const session = dalSession('carol');
    const before = await currentClient(session);
    doveadm('kick', carol.email);
    expect(await eventually(() => !before.usable)).toBe(true);

    const page = await listMessages(session, 'INBOX', 1);
    expect(page.messages.map((m) => m.subject)).toEqual(['Pool test']);
    expect(await currentClient(session)).not.toBe(before);
  });

  it('recovers when the next request comes right after the server dropped the connection', async () => {
    const session = dalSession('carol');
    await listMessages(session, 'INBOX', 1);
    // No waiting: the request finds the dropped connection still pooled and still `usable`.
    doveadm('kick', carol.email);
    const page = await listMessages(session, 'INBOX', 1);
    // Not an empty inbox: the user must see their message (or, at worst, an error), never "no mail".
    expect(page.messages.map((m) => m.subject)).toEqual(['Pool test']);
    expect(page.total).toBe(1);
  });
});

describe('closeImap', () => {
  it('logs the session out on the server and forgets the connection', async () => {
    const session = dalSession('carol');
    const baseline = openImapConnections();
    const client: ImapFlow = await currentClient(session);
    expect(carolConnections()).toBe(1);

    await closeImap(session.sid);
    expect(client.usable).toBe(false);
    expect(openImapConnections()).toBe(baseline);
    expect(await eventually(() => carolConnections() === 0)).toBe(true);

    // The session can still be used afterwards: it simply logs in again.
    expect((await listMessages(session, 'INBOX', 1)).total).toBe(1);
  });
});

describe('idle close', () => {
  it('closes a connection unused for IMAP_IDLE_CLOSE_SECONDS, and the next call opens a new one', async () => {
    const session = dalSession('carol');
    const baseline = openImapConnections();
    const client = await currentClient(session);
    expect(openImapConnections()).toBe(baseline + 1);

    expect(await eventually(() => !client.usable, 4000)).toBe(true);
    expect(openImapConnections()).toBe(baseline);
    expect(await eventually(() => carolConnections() === 0)).toBe(true);

    expect((await listMessages(session, 'INBOX', 1)).total).toBe(1);
    expect(await currentClient(session)).not.toBe(client);
  });

  it('keeps a connection that is used more often than the idle timeout', async () => {
    const session = dalSession('carol');
    const client = await currentClient(session);
    for (let i = 0; i < 4; i++) {
      await sleep(600);
      await listMessages(session, 'INBOX', 1);
    }
    expect(await currentClient(session)).toBe(client);
    expect(client.usable).toBe(true);
  });
});
