// Owns the per-request rows: Satchel's HTTP page next to raw imapflow doing that page's IMAP work, interleaved.
import type { ImapFlow } from 'imapflow';
import { expectMessageRows, loadPage, signIn } from './http';
import { listPageWork, loginOnce, openMessageWork, otherFolderPageWork } from './raw-imap';
import { fromSummary, TARGETS, type Row } from './report';
import { sample, sampleSelfTimed, summarize, timeIt } from './stats';

export const N = { login: 30, signIn: 20, list: 100, warmup: 5, open: 100, floor: 30 };

export async function loginRow(): Promise<Row> {
  const raw = await sample(N.login, () => loginOnce('bob'), 2);
  return { label: 'IMAP login (connect+STARTTLS+LOGIN+LOGOUT)', unit: 'ms', n: N.login, satchel: { median: NaN }, raw: fromSummary(raw) };
}

/** Sign-in POSTs as bob (a small mailbox): each one is a real IMAP LOGIN behind next-auth. */
export async function signInRow(baseUrl: string, rawLogin: Row): Promise<Row> {
  await signIn(baseUrl, 'bob'); // warm-up: the first request compiles next-auth's route
  const s = await sampleSelfTimed(N.signIn, async () => (await signIn(baseUrl, 'bob')).postMs);
  return { label: 'Sign-in POST (raw: IMAP login)', unit: 'ms', n: N.signIn, satchel: fromSummary(s), raw: rawLogin.raw, target: TARGETS.signInMs };
}

/**
 * Times Satchel's request and the raw work alternately, so both see the same machine load. Which of
 * the two goes first alternates too: the second finds Dovecot's cache warmed by the first (same page).
 */
async function interleaved(n: number, warmup: number, satchel: (i: number) => Promise<unknown>, raw: (i: number) => Promise<unknown>) {
  for (let i = 0; i < warmup; i++) {
    await satchel(i);
    await raw(i);
  }
  const s: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < n; i++) {
    const timeSatchel = async () => s.push(await timeIt(() => satchel(warmup + i)));
    const timeRaw = async () => r.push(await timeIt(() => raw(warmup + i)));
    if (i % 2 === 0) await timeSatchel().then(timeRaw);
    else await timeRaw().then(timeSatchel);
  }
  return { satchel: summarize(s), raw: summarize(r) };
}

export async function listRow(baseUrl: string, cookie: string, client: ImapFlow, page: number): Promise<Row> {
  const path = page === 1 ? '/mail/INBOX' : `/mail/INBOX?page=${page}`;
  expectMessageRows(await loadPage(baseUrl, path, cookie), path);
  const { satchel, raw } = await interleaved(N.list, N.warmup, () => loadPage(baseUrl, path, cookie), () => listPageWork(client, page));
  const label = page === 1 ? 'Inbox page 1 (100k msgs, 50 newest)' : `Inbox page ${page}`;
  return { label, unit: 'ms', n: N.list, satchel: fromSummary(satchel), raw: fromSummary(raw), target: TARGETS.listPageMs };
}

/**
 * A page this session has not shown before (2, 3, 4, …): Satchel keeps the rows it listed per
 * connection, so the rows above measure a page shown again; this one measures a first showing.
 */
export async function freshListRow(baseUrl: string, cookie: string, client: ImapFlow): Promise<Row> {
  const pageOf = (i: number) => 2 + i;
  const { satchel, raw } = await interleaved(N.list, N.warmup, (i) => loadPage(baseUrl, `/mail/INBOX?page=${pageOf(i)}`, cookie), (i) => listPageWork(client, pageOf(i)));
  return { label: 'Inbox, a page not shown before', unit: 'ms', n: N.list, satchel: fromSummary(satchel), raw: fromSummary(raw) };
}

/**
 * Sent, then back to the Inbox, timed as one: the INBOX keeps Satchel's first connection selected and
 * Sent is read on a second; raw is one connection (as Satchel had), which SELECTs the 100,000-message
 * INBOX again each time (the server re-reads its index) and lists the folders with INBOX unselected.
 */
export async function switchRow(baseUrl: string, cookie: string, client: ImapFlow): Promise<Row> {
  const { satchel, raw } = await interleaved(
    N.list,
    N.warmup,
    async () => {
      await loadPage(baseUrl, '/mail/Sent', cookie);
      await loadPage(baseUrl, '/mail/INBOX', cookie);
    },
    async () => {
      await otherFolderPageWork(client, 'Sent');
      await otherFolderPageWork(client, 'INBOX');
    },
  );
  return { label: 'Sent, then back to the Inbox (two pages)', unit: 'ms', n: N.list, satchel: fromSummary(satchel), raw: fromSummary(raw) };
}

export async function openRow(baseUrl: string, cookie: string, client: ImapFlow, uids: number[]): Promise<Row> {
  const uid = (i: number) => uids[i % uids.length] ?? 1;
  const { satchel, raw } = await interleaved(
    N.open,
    N.warmup,
    (i) => loadPage(baseUrl, `/mail/INBOX/${uid(i)}`, cookie),
    (i) => openMessageWork(client, uid(i)),
  );
  return { label: `Open a message (${uids.length} UIDs rotated)`, unit: 'ms', n: N.open, satchel: fromSummary(satchel), raw: fromSummary(raw), target: TARGETS.openMessageMs };
}

/** Next's own floor: the sign-in page, no IMAP, no session — what any request costs before mail work. */
export async function floorRow(baseUrl: string): Promise<Row> {
  const s = await sample(N.floor, async () => {
    const res = await fetch(`${baseUrl}/login`);
    await res.text();
  }, 3);
  return { label: 'Floor: GET /login (no IMAP)', unit: 'ms', n: N.floor, satchel: fromSummary(s) };
}
