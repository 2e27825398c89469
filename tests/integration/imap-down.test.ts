// An IMAP server that cannot be reached: IMAP_URL points at a loopback port of our own (its own
// file, since lib/config is read once per file). Sign-in and pages must fail fast as "unreachable".
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { MailError } from '@/lib/mail/errors';
import { connectImap } from '@/lib/mail/imap-client';
import { openImapConnections } from '@/lib/mail/imap-pool';
import { listMessages } from '@/lib/mail/messages';
import { closeDalSessions, closedPort, configureDal, dalSession, serverUsers } from '../support/dal-session';

const port = await closedPort();
configureDal({ IMAP_URL: `imap://127.0.0.1:${port}` });
const { carol } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

/** Awaits a rejection and returns it with how long it took. */
async function failure(promise: Promise<unknown>): Promise<{ err: unknown; ms: number }> {
  const started = Date.now();
  const err = await promise.then(() => null, (e: unknown) => e);
  return { err, ms: Date.now() - started };
}

describe('IMAP server unreachable', () => {
  it('connectImap rejects with unreachable when nothing listens', async () => {
    const { err, ms } = await failure(connectImap({ email: carol.email, password: carol.password }));
    expect(err).toBeInstanceOf(MailError);
    expect((err as MailError).code).toBe('unreachable');
    expect(ms).toBeLessThan(12_000);
  });

  it('connectImap rejects with unreachable when the server accepts but never greets', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', resolve));
    try {
      const { err, ms } = await failure(connectImap({ email: carol.email, password: carol.password }));
      expect(err).toBeInstanceOf(MailError);
      expect((err as MailError).code).toBe('unreachable');
      expect(ms).toBeLessThan(12_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('a page load fails as unreachable and leaves no broken connection in the pool', async () => {
    const baseline = openImapConnections();
    const { err, ms } = await failure(listMessages(dalSession('carol'), 'INBOX', 1));
    expect((err as MailError).code).toBe('unreachable');
    expect(ms).toBeLessThan(12_000);
    expect(openImapConnections()).toBe(baseline);
  });
});
