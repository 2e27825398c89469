// Owns the throughput row: list pages per second with 8 concurrent requests over 4 sessions, Satchel and raw.
import type { ImapFlow } from 'imapflow';
import { loadPage } from './http';
import { listPageWork, serialQueue } from './raw-imap';
import { TARGETS, type Row } from './report';
import { throughput, type Throughput } from './stats';

export const CONCURRENCY = 8;
export const DURATION_MS = 10_000;
const PAGES = 20; // rotate over the first 20 pages so not every request is the same one

const pageOf = (worker: number, i: number) => 1 + ((i * CONCURRENCY + worker) % PAGES);
const pathOf = (page: number) => (page === 1 ? '/mail/INBOX' : `/mail/INBOX?page=${page}`);

export async function satchelThroughput(baseUrl: string, cookies: string[]): Promise<Throughput> {
  return throughput(CONCURRENCY, DURATION_MS, (w, i) => loadPage(baseUrl, pathOf(pageOf(w, i)), cookies[w % cookies.length] ?? ''));
}

/** One connection per session, each used by one request at a time (Satchel's mailbox lock does the same). */
export async function rawThroughput(clients: ImapFlow[]): Promise<Throughput> {
  const queues = clients.map(() => serialQueue());
  return throughput(CONCURRENCY, DURATION_MS, (w, i) => {
    const k = w % clients.length;
    const client = clients[k]!;
    return queues[k]!(() => listPageWork(client, pageOf(w, i)));
  });
}

export function throughputRow(satchel: Throughput, raw: Throughput, sessions: number): Row {
  return {
    label: `List pages/s (concurrency ${CONCURRENCY}, ${sessions} sessions, ${DURATION_MS / 1000} s)`,
    unit: 'pages/s',
    n: satchel.requests,
    satchel: { median: satchel.perSecond },
    raw: { median: raw.perSecond },
    target: TARGETS.pagesPerSecond,
  };
}
