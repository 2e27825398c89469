// Live updates (lib/mail/live.ts) against the real Dovecot and Postfix: new mail, flags changed by
// another client, unread counts, resynchronisation after the server dropped the connection, limits.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose } from '../../scripts/mailserver/fixtures';
import type { LiveEvent } from '@/lib/mail/live';
import { MAX_TABS_PER_SESSION, closeLive, liveStats, watchFolder } from '@/lib/mail/live';
import { configureDal, dalSession, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { deliverInbound } from '../support/deliver';
import { appendMessage, emptyMailbox, waitForMessage, withUserImap } from '../support/imap';
import { mailEnv } from '../support/mail-env';

configureDal();
const live = serverUsers().live;
const doveadm = (...args: string[]) => execFileSync('doveadm', ['-c', mailEnv().dovecotConf, ...args], { encoding: 'utf8' });

type Tab = { events: LiveEvent[]; stop: () => void; next: <T extends LiveEvent['type']>(type: T, match?: (e: Extract<LiveEvent, { type: T }>) => boolean, timeoutMs?: number) => Promise<Extract<LiveEvent, { type: T }>> };
const tabs: Tab[] = [];
const sessions: string[] = [];

/** A browser tab's stream, as the route handler would feed it. */
function openTab(session: ReturnType<typeof dalSession>, folder: string, seen: string | null = null): Tab {
  const events: LiveEvent[] = [];
  let cursor = 0;
  const stop = watchFolder(session, folder, seen, (e) => events.push(e));
  if (!stop) throw new Error('watchFolder refused the tab');
  const next: Tab['next'] = async (type, match = () => true, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (; cursor < events.length; cursor++) {
        const e = events[cursor]!;
        if (e.type === type && match(e as never)) {
          cursor++;
          return e as never;
        }
      }
      if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.type))}`);
      await sleep(50);
    }
  };
  const tab = { events, stop, next };
  tabs.push(tab);
  return tab;
}

function newSession() {
  const session = dalSession('live');
  sessions.push(session.sid);
  return session;
}

const message = (subject: string) => compose({ from: 'someone@example.org', to: live.email, subject, text: 'hello' });

beforeEach(async () => {
  await emptyMailbox('live');
});

afterEach(async () => {
  for (const tab of tabs.splice(0)) tab.stop();
  await Promise.all(sessions.splice(0).map((sid) => closeLive(sid)));
});

describe('live updates', () => {
  it('reports mail delivered over SMTP and the new inbox unread count within seconds', async () => {
    const tab = openTab(newSession(), 'INBOX');
    await tab.next('ready');
    await tab.next('counts', (e) => e.data.unread.INBOX === 0);
    const subject = uniqueSubject('Live delivery');
    await deliverInbound(live.email, subject);
    const changed = await tab.next('changed');
    expect(changed.data).toMatchObject({ folder: 'INBOX', messages: 1, unseen: 1, added: 1 });
    await tab.next('counts', (e) => e.data.unread.INBOX === 1);
    await waitForMessage('live', 'INBOX', subject);
  });

  it('reports flags changed by another IMAP client, and the unread count that follows', async () => {
    const uid = await appendMessage('live', 'INBOX', await message(uniqueSubject('Flag me')));
    const tab = openTab(newSession(), 'INBOX');
    await tab.next('counts', (e) => e.data.unread.INBOX === 1);
    await withUserImap('live', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd(String(uid), ['\\Seen', '\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    });
    const changed = await tab.next('changed');
    expect(changed.data).toMatchObject({ folder: 'INBOX', unseen: 0, added: 0 });
    expect(changed.data.flagsChanged).toBeGreaterThan(0);
    await tab.next('counts', (e) => e.data.unread.INBOX === 0);
  });

  it('shares one IMAP connection between the tabs of a session, and tells each tab about its own folder', async () => {
    const session = newSession();
    const inbox = openTab(session, 'INBOX');
    const archive = openTab(session, 'Archive');
    await Promise.all([inbox.next('ready'), archive.next('ready')]);
    expect(liveStats()).toMatchObject({ sessions: 1, connections: 1, tabs: 2 });
    // The connection idles in the newest tab's folder (Archive); the inbox is polled.
    await appendMessage('live', 'Archive', await message(uniqueSubject('Archived')));
    expect((await archive.next('changed')).data).toMatchObject({ folder: 'Archive', added: 1 });
    await appendMessage('live', 'INBOX', await message(uniqueSubject('Polled')));
    expect((await inbox.next('changed', undefined, 30_000)).data).toMatchObject({ folder: 'INBOX', added: 1 });
    expect(archive.events.filter((e) => e.type === 'changed')).toHaveLength(1);
  }, 45_000);

  it('after the server dropped the connection, reconnects and reports what changed meanwhile', async () => {
    const uid = await appendMessage('live', 'INBOX', await message(uniqueSubject('Before')));
    const tab = openTab(newSession(), 'INBOX');
    await tab.next('ready');
    await tab.next('counts');
    // Dovecot drops the live connection; mail arrives and a flag changes before it is back.
    doveadm('kick', live.email);
    await tab.next('server', (e) => !e.data.reachable);
    await appendMessage('live', 'INBOX', await message(uniqueSubject('Meanwhile')));
    await withUserImap('live', async (client) => {
      const lock = await client.getMailboxLock('INBOX');
      try {
        await client.messageFlagsAdd(String(uid), ['\\Flagged'], { uid: true });
      } finally {
        lock.release();
      }
    });
    await tab.next('server', (e) => e.data.reachable, 15_000);
    const changed = await tab.next('changed');
    expect(changed.data).toMatchObject({ folder: 'INBOX', messages: 2, added: 1 });
    // QRESYNC reported the flag change of the message that was already there.
    expect(changed.data.flagsChanged).toBeGreaterThan(0);
  });

  it('a reconnecting tab hears only whether its folder changed since the state it last saw', async () => {
    const session = newSession();
    const first = openTab(session, 'INBOX');
    const { token } = (await first.next('ready')).data;
    const unchanged = openTab(session, 'INBOX', token);
    await unchanged.next('counts');
    await appendMessage('live', 'INBOX', await message(uniqueSubject('While away')));
    await first.next('changed');
    const behind = openTab(session, 'INBOX', token);
    expect((await behind.next('changed')).data).toMatchObject({ added: 1 });
    expect(unchanged.events.filter((e) => e.type === 'ready')).toHaveLength(0);
  });

  it('limits tabs per session, and closes the connection at sign-out', async () => {
    const session = newSession();
    const open = Array.from({ length: MAX_TABS_PER_SESSION }, () => openTab(session, 'INBOX'));
    expect(watchFolder(session, 'INBOX', null, () => {})).toBeNull();
    await open[0]!.next('ready');
    await closeLive(session.sid);
    for (const tab of open) await tab.next('ended', (e) => e.data.reason === 'signed-out');
    expect(liveStats()).toMatchObject({ sessions: 0, connections: 0 });
  });

  it('closes the connection a little after the last tab went', async () => {
    const tab = openTab(newSession(), 'INBOX');
    await tab.next('ready');
    tab.stop();
    await sleep(11_000);
    expect(liveStats()).toMatchObject({ sessions: 0, connections: 0 });
  }, 20_000);
});
