// Sorting a folder against the real Dovecot: each key and direction through listMessages (IMAP SORT),
// and the local fallback (for servers without SORT) giving the same order as the server's SORT.
import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMessages } from '@/lib/mail/messages';
import { localSortWindow, serverSortWindow, type SortOrder } from '@/lib/mail/sort';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { seedFindMailbox } from '../support/find-seed';
import { withUserImap } from '../support/imap';

configureDal();

beforeAll(async () => {
  await seedFindMailbox();
});

afterAll(async () => {
  await closeDalSessions();
});

const list = (order: SortOrder, folder = 'INBOX', page = 1) => listMessages(dalSession('find'), folder, page, order);
const subjects = async (order: SortOrder) => (await list(order)).messages.map((m) => m.subject);

describe('listMessages with a sort order', () => {
  it('date: newest first by default, oldest first ascending', async () => {
    const newest = ['Re: Project kickoff', 'Project kickoff', 'Invoice 2026-02', 'Invoice 2026-01', 'Lunch on Friday', 'Quarterly report with chart'];
    expect(await subjects({ key: 'date', dir: 'desc' })).toEqual(newest);
    expect(await subjects({ key: 'date', dir: 'asc' })).toEqual([...newest].reverse());
  });

  it('subject: by base subject ("Re:" ignored), ties in arrival order', async () => {
    const asc = ['Invoice 2026-01', 'Invoice 2026-02', 'Lunch on Friday', 'Project kickoff', 'Re: Project kickoff', 'Quarterly report with chart'];
    expect(await subjects({ key: 'subject', dir: 'asc' })).toEqual(asc);
    expect(await subjects({ key: 'subject', dir: 'desc' })).toEqual(['Quarterly report with chart', 'Project kickoff', 'Re: Project kickoff', 'Lunch on Friday', 'Invoice 2026-02', 'Invoice 2026-01']);
  });

  it('sender: by the name shown in the list', async () => {
    const names = async (order: SortOrder) => (await list(order)).messages.map((m) => m.from[0]?.name);
    expect(await names({ key: 'from', dir: 'asc' })).toEqual(['Anna Berg', 'Anna Berg', 'Carl Zed', 'Dana Finance', 'Vendor Billing', 'Vendor Billing']);
    expect((await names({ key: 'from', dir: 'desc' }))[0]).toBe('Vendor Billing');
  });

  it('size: smallest or largest first', async () => {
    const sizes = async (order: SortOrder) => (await list(order)).messages.map((m) => m.size);
    const asc = await sizes({ key: 'size', dir: 'asc' });
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = await sizes({ key: 'size', dir: 'desc' });
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
  });

  it('pages a sorted folder 50 at a time', async () => {
    const all = Array.from({ length: 55 }, (_, i) => `Weekly Byte issue ${i + 1}`).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    const first = await list({ key: 'subject', dir: 'desc' }, 'Lists', 1);
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: 55 });
    expect(first.messages.map((m) => m.subject)).toEqual(all.slice(0, 50));
    const second = await list({ key: 'subject', dir: 'desc' }, 'Lists', 2);
    expect(second.messages.map((m) => m.subject)).toEqual(all.slice(50));
  });
});

describe('the fallback without SORT agrees with the server', () => {
  const orders: SortOrder[] = (['from', 'subject', 'size'] as const).flatMap((key) => (['asc', 'desc'] as const).map((dir) => ({ key, dir })));

  async function both(client: ImapFlow, folder: string, order: SortOrder, offset: number, count: number) {
    const lock = await client.getMailboxLock(folder);
    try {
      const server = await serverSortWindow(client, order, [{ type: 'ATOM', value: 'ALL' }], offset, count);
      const local = await localSortWindow(client, order, offset, count);
      return { server: server.uids, local };
    } finally {
      lock.release();
    }
  }

  it('for every key and direction, in every window', async () => {
    await withUserImap('find', async (client) => {
      for (const order of orders) {
        for (const [folder, offset, count] of [['INBOX', 0, 50], ['Lists', 0, 50], ['Lists', 50, 50], ['Lists', 10, 7]] as const) {
          const { server, local } = await both(client, folder, order, offset, count);
          expect(local, `${order.key} ${order.dir} ${folder} ${offset}`).toEqual(server);
        }
      }
    });
  });
});
