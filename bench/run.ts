// Owns one benchmark run: starts the production app on :3200, measures every row, Satchel next to raw imapflow.
//   npx tsx bench/run.ts            (scripts/bench.sh starts the mail server and builds first)
//   BENCH_PROFILE=1 npx tsx bench/run.ts   also writes a V8 CPU profile of the app to .bench/profile/
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ImapFlow } from 'imapflow';
import { startApp, type AppServer } from '../tests/support/app-server';
import { listVisible } from './cold-browser';
import { signIn, type SignedIn } from './http';
import { floorRow, freshListRow, listRow, loginRow, openRow, signInRow, switchRow } from './pages';
import { closeClient, openInbox, spreadUids } from './raw-imap';
import { SEARCH_RATIO_TARGET, findRows } from './search';
import { fromSummary, report, TARGETS, type Row } from './report';
import { rawThroughput, satchelThroughput, throughputRow } from './throughput';
import { firstVisitWeight, type Weight } from './weight';

const PORT = 3200;
const SESSIONS = 4;
const VISIBLE_N = 10;
const outDir = path.resolve(__dirname, '../.bench');

const log = (msg: string) => console.error(`bench: ${msg}`);

function weightRows(w: Weight): Row[] {
  return [
    { label: 'First visit /login, total on the wire', unit: 'KiB', satchel: { median: w.totalKiB }, target: TARGETS.firstVisitKiB },
    { label: 'First visit /login, JS on the wire', unit: 'KiB', satchel: { median: w.jsKiB }, target: TARGETS.firstVisitJsKiB },
  ];
}

async function requestRows(baseUrl: string, bulk: SignedIn, client: ImapFlow): Promise<Row[]> {
  log('IMAP login cost (raw)…');
  const login = await loginRow();
  log('sign-in…');
  const signInR = await signInRow(baseUrl, login);
  log('floor…');
  const floor = await floorRow(baseUrl);
  log('inbox page 1…');
  const page1 = await listRow(baseUrl, bulk.cookie, client, 1);
  log('inbox page 1000…');
  const page1000 = await listRow(baseUrl, bulk.cookie, client, 1000);
  log('inbox, pages not shown before…');
  const fresh = await freshListRow(baseUrl, bulk.cookie, client);
  log('Sent and back to the inbox…');
  const folderSwitch = await switchRow(baseUrl, bulk.cookie, client);
  const find = await findRows(baseUrl, bulk.cookie, client, log);
  log('open a message…');
  const open = await openRow(baseUrl, bulk.cookie, client, await spreadUids(client, 50));
  return [login, signInR, floor, page1, page1000, fresh, folderSwitch, ...find, open];
}

async function throughputRows(baseUrl: string, bulk: SignedIn): Promise<Row> {
  const cookies = [bulk.cookie];
  for (let i = 1; i < SESSIONS; i++) cookies.push((await signIn(baseUrl, 'bulk')).cookie);
  log(`throughput, Satchel (${SESSIONS} sessions)…`);
  const satchel = await satchelThroughput(baseUrl, cookies);
  const clients: ImapFlow[] = [];
  try {
    for (let i = 0; i < SESSIONS; i++) clients.push(await openInbox('bulk'));
    log(`throughput, raw (${SESSIONS} connections)…`);
    const raw = await rawThroughput(clients);
    if (satchel.errors || raw.errors) log(`throughput errors: Satchel ${satchel.errors}, raw ${raw.errors}`);
    return throughputRow(satchel, raw, SESSIONS);
  } finally {
    await Promise.all(clients.map(closeClient));
  }
}

async function measure(app: AppServer): Promise<void> {
  const { baseUrl } = app;
  log('first visit weight…');
  const weight = await firstVisitWeight(baseUrl); // first: the server has served nothing yet but the readiness probe
  const bulk = await signIn(baseUrl, 'bulk');
  const client = await openInbox('bulk');
  let rows: Row[];
  try {
    rows = await requestRows(baseUrl, bulk, client);
  } finally {
    await closeClient(client);
  }
  rows.push(await throughputRows(baseUrl, bulk));
  rows.push(...weightRows(weight));
  log('list visible in a cold browser…');
  const visible = await listVisible(baseUrl, bulk.sessionToken, VISIBLE_N);
  rows.push({ label: 'List visible, cold Chromium', unit: 'ms', n: VISIBLE_N, satchel: fromSummary(visible.visible), target: TARGETS.listVisibleMs });
  const notes = [
    `Responses ${weight.compressed ? 'are' : 'are NOT all'} compressed (${[...new Set(weight.assets.map((a) => a.encoding))].join(', ')}); ` +
      `first visit: HTML ${weight.htmlKiB.toFixed(1)} KiB, JS ${weight.jsKiB.toFixed(1)} KiB in ${weight.assets.filter((a) => a.kind === 'js').length} files, CSS ${weight.cssKiB.toFixed(1)} KiB.`,
    `Cold Chromium, page's own clock (median): first byte ${visible.ttfb.median.toFixed(0)} ms, first contentful paint ${visible.fcp.median.toFixed(0)} ms.`,
    'Raw rows: one persistent imapflow connection with INBOX selected, the same commands Satchel sends per request.',
    `Find rows: raw = the same UID SEARCH (or UID SORT … RETURN (PARTIAL 1:50)) + FETCH of the page + LIST-STATUS; search target Satchel/raw <= ${SEARCH_RATIO_TARGET}x.`,
    'Throughput: Satchel/raw below 1 means Satchel serves fewer pages per second than the raw IMAP work allows.',
  ];
  report(rows, notes, { firstVisitAssets: weight.assets }, outDir);
}

async function main(): Promise<void> {
  const extraEnv: Record<string, string> = {};
  if (process.env.BENCH_PROFILE === '1') {
    extraEnv.NODE_OPTIONS = `--import=${pathToFileURL(path.join(__dirname, 'cpu-profile.mjs')).href}`;
    extraEnv.BENCH_PROFILE_DIR = path.join(outDir, 'profile');
  }
  log(`starting the app on :${PORT}…`);
  const app = await startApp(PORT, extraEnv);
  try {
    await measure(app);
  } finally {
    await app.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
