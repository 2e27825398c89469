// Owns the Find rows: a search by subject word, a search by sender and a sorted page of the 100k INBOX,
// Satchel's page next to raw imapflow doing the same SEARCH (or SORT) + page FETCH + LIST-STATUS, interleaved.
import type { ImapFlow, SearchObject } from 'imapflow';
import { parseSearchQuery } from '../lib/mail/search-query';
import { loadPage } from './http';
import { PAGE_SIZE } from './raw-imap';
import { fromSummary, type Row } from './report';
import { summarize, timeIt } from './stats';

export const N_SEARCH = 30;
const WARMUP = 3;
/** Satchel/raw the search rows should stay within. */
export const SEARCH_RATIO_TARGET = 1.1;

const folderStatus = { statusQuery: { messages: true, unseen: true } } as const;
const summaryQuery = { uid: true, envelope: true, flags: true, size: true, bodyStructure: true, internalDate: true } as const;

/** The SearchObject Satchel builds from the same search box text, so both sides send the same SEARCH. */
function searchObject(q: string): SearchObject {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw new Error(`bench query "${q}": ${parsed.error}`);
  return parsed.search;
}

/** UID SEARCH, the newest 50 matches' envelopes, LIST-STATUS for the folder nav: what /search?in=INBOX does. */
export async function searchWork(client: ImapFlow, search: SearchObject): Promise<number> {
  const uids = await client.search(search, { uid: true });
  if (!uids) throw new Error('SEARCH refused');
  const page = uids.slice(-PAGE_SIZE);
  if (page.length) await client.fetchAll(page.join(','), summaryQuery, { uid: true });
  await client.list(folderStatus);
  return uids.length;
}

type Exec = (command: string, attributes: unknown[], options: { untagged: Record<string, (u: unknown) => Promise<void>> }) => Promise<{ next: () => void }>;
const atom = (value: string) => ({ type: 'ATOM', value });

/** UID SORT RETURN (PARTIAL a:b) (SUBJECT) ALL, those envelopes, LIST-STATUS: /mail/INBOX?sort=subject&page=N. */
export async function sortWork(client: ImapFlow, page = 1): Promise<void> {
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  const window = `${(page - 1) * PAGE_SIZE + 1}:${page * PAGE_SIZE}`;
  let set = '';
  const res = await exec('UID SORT', [atom('RETURN'), [atom('PARTIAL'), atom(window)], [atom('SUBJECT')], atom('UTF-8'), atom('ALL')], {
    untagged: {
      ESEARCH: async (u) => {
        // * ESEARCH (TAG "x") UID PARTIAL (1:50 uid,uid,…): the list right after the PARTIAL atom.
        const attrs = (u as { attributes?: Array<{ value?: string } | Array<{ value: string }>> }).attributes ?? [];
        const at = attrs.findIndex((a) => !Array.isArray(a) && a.value?.toUpperCase() === 'PARTIAL');
        const partial = attrs[at + 1];
        set = Array.isArray(partial) ? (partial[1]?.value ?? '') : '';
      },
    },
  });
  res.next();
  if (set) await client.fetchAll(set, summaryQuery, { uid: true });
  await client.list(folderStatus);
}

/** As bench/pages.ts: Satchel and raw alternate, and so does which of the two goes first. */
async function interleaved(satchel: (i: number) => Promise<unknown>, raw: (i: number) => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await satchel(i);
    await raw(i);
  }
  const s: number[] = [];
  const r: number[] = [];
  for (let i = WARMUP; i < WARMUP + N_SEARCH; i++) {
    const timeSatchel = async () => s.push(await timeIt(() => satchel(i)));
    const timeRaw = async () => r.push(await timeIt(() => raw(i)));
    if (i % 2 === 0) await timeSatchel().then(timeRaw);
    else await timeRaw().then(timeSatchel);
  }
  return { satchel: summarize(s), raw: summarize(r) };
}

function expectResults(html: string, path: string): void {
  if (!html.includes('aria-label="Messages"')) throw new Error(`GET ${path}: no result list in the page`);
}

async function searchRow(baseUrl: string, cookie: string, client: ImapFlow, label: string, q: string): Promise<Row> {
  const path = `/search?q=${encodeURIComponent(q)}&in=INBOX`;
  expectResults(await loadPage(baseUrl, path, cookie), path); // also the uncached first search (seconds)
  const search = searchObject(q);
  const { satchel, raw } = await interleaved(() => loadPage(baseUrl, path, cookie), () => searchWork(client, search));
  return { label, unit: 'ms', n: N_SEARCH, satchel: fromSummary(satchel), raw: fromSummary(raw) };
}

/**
 * Satchel keeps a folder's matches while it is unchanged, so the rows above measure a search shown
 * again. Here every sample is a search not run before: the same words plus a before: day far in the
 * future (it matches every message, so the work is the same), a different day each time.
 */
async function newSearchRow(baseUrl: string, cookie: string, client: ImapFlow, label: string, q: string): Promise<Row> {
  const qOf = (i: number) => `${q} before:${new Date(Date.UTC(2099, 0, 1 + i)).toISOString().slice(0, 10)}`;
  const pathOf = (i: number) => `/search?q=${encodeURIComponent(qOf(i))}&in=INBOX`;
  const { satchel, raw } = await interleaved((i) => loadPage(baseUrl, pathOf(i), cookie), (i) => searchWork(client, searchObject(qOf(i))));
  return { label, unit: 'ms', n: N_SEARCH, satchel: fromSummary(satchel), raw: fromSummary(raw) };
}

export async function findRows(baseUrl: string, cookie: string, client: ImapFlow, log: (msg: string) => void): Promise<Row[]> {
  log('search by subject word…');
  const subject = await searchRow(baseUrl, cookie, client, 'Search subject:invoice (100k, page 1)', 'subject:invoice');
  log('search by sender…');
  const sender = await searchRow(baseUrl, cookie, client, 'Search from:billing@vendor.example', 'from:billing@vendor.example');
  log('search by subject word, a new search each time…');
  const newSubject = await newSearchRow(baseUrl, cookie, client, 'Search subject:invoice, not run before', 'subject:invoice');
  log('sorted by subject…');
  const path = '/mail/INBOX?sort=subject&dir=asc';
  await loadPage(baseUrl, path, cookie);
  const sorted = await interleaved(() => loadPage(baseUrl, path, cookie), () => sortWork(client));
  // Satchel keeps the last sorted pages per connection: pages 2, 3, 4, … are each shown for the first time.
  log('sorted by subject, pages not shown before…');
  const newSorted = await interleaved((i) => loadPage(baseUrl, `${path}&page=${i + 2}`, cookie), (i) => sortWork(client, i + 2));
  return [
    subject,
    sender,
    newSubject,
    { label: 'Inbox sorted by subject (SORT, page 1)', unit: 'ms', n: N_SEARCH, satchel: fromSummary(sorted.satchel), raw: fromSummary(sorted.raw) },
    { label: 'Inbox sorted by subject, a page not shown before', unit: 'ms', n: N_SEARCH, satchel: fromSummary(newSorted.satchel), raw: fromSummary(newSorted.raw) },
  ];
}
