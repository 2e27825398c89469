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

/** UID SORT RETURN (PARTIAL 1:50) (SUBJECT) ALL, those envelopes, LIST-STATUS: /mail/INBOX?sort=subject. */
export async function sortWork(client: ImapFlow): Promise<void> {
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  let set = '';
  const res = await exec('UID SORT', [atom('RETURN'), [atom('PARTIAL'), atom(`1:${PAGE_SIZE}`)], [atom('SUBJECT')], atom('UTF-8'), atom('ALL')], {
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

async function interleaved(satchel: () => Promise<unknown>, raw: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) {
    await satchel();
    await raw();
  }
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < N_SEARCH; i++) {
    s.push(await timeIt(satchel));
    r.push(await timeIt(raw));
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

export async function findRows(baseUrl: string, cookie: string, client: ImapFlow, log: (msg: string) => void): Promise<Row[]> {
  log('search by subject word…');
  const subject = await searchRow(baseUrl, cookie, client, 'Search subject:invoice (100k, page 1)', 'subject:invoice');
  log('search by sender…');
  const sender = await searchRow(baseUrl, cookie, client, 'Search from:billing@vendor.example', 'from:billing@vendor.example');
  log('sorted by subject…');
  const path = '/mail/INBOX?sort=subject&dir=asc';
  await loadPage(baseUrl, path, cookie);
  const sorted = await interleaved(() => loadPage(baseUrl, path, cookie), () => sortWork(client));
  return [subject, sender, { label: 'Inbox sorted by subject (SORT, page 1)', unit: 'ms', n: N_SEARCH, satchel: fromSummary(sorted.satchel), raw: fromSummary(sorted.raw) }];
}
