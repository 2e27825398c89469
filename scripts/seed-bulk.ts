// Fills bulk@satchel.test's INBOX with N messages by writing straight into its Maildir (root only):
//   npx tsx scripts/seed-bulk.ts [--count 100000] [--force]
// ~100x faster than IMAP APPEND. Deterministic content, so benchmarks are comparable across runs.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, realpathSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIL_USERS, readMailServerEnv } from './mailserver/env';

const args = process.argv.slice(2);
const countArg = args.indexOf('--count');
const count = countArg >= 0 ? Number(args[countArg + 1]) : 100_000;
const force = args.includes('--force');
if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive integer');
process.umask(0o077); // Dovecot's own files are 0600
if (process.getuid?.() !== 0) throw new Error('seed-bulk writes into the Maildir directly: run as root');

const env = readMailServerEnv();
const user = MAIL_USERS.bulk.email;
const [localPart, domain] = user.split('@') as [string, string];
// Real path: the mail root may be a symlink into /var/lib that the mail uid can reach.
const mailRoot = realpathSync(env.mailRoot);
const userDir = path.join(mailRoot, domain, localPart);
const maildir = path.join(userDir, 'Maildir');
const scriptDir = path.dirname(fileURLToPath(import.meta.url));

// Deterministic PRNG (mulberry32) so every run writes the same mailbox.
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Eva', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jon', 'Kai', 'Lena', 'Mia', 'Noah', 'Omar', 'Pia', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Adams', 'Berg', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lopez', 'Martin', 'Nowak', 'Olsen', 'Petit'];
const DOMAINS = ['example.com', 'mail.example', 'corp.example', 'shop.example', 'lists.example', 'uni.example'];
const TOPICS = ['Meeting notes', 'Project update', 'Lunch?', 'Weekly report', 'Question about the release', 'Travel plans', 'Feedback wanted', 'Design review', 'Build failed on main', 'Quarterly numbers', 'Welcome aboard', 'Re: schedule', 'Fwd: contract draft', 'Holiday photos', 'Server migration', 'Customer call summary'];
const WORDS = 'the a mailbox server release budget plan draft team client review update merge deploy search index folder message thread reply forward archive quota backup network schedule'.split(' ');

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function buildMessage(i: number, date: Date, rand: () => number): { text: string; seen: boolean; flagged: boolean } {
  const billing = rand() < 0.04;
  const from = billing
    ? 'Vendor Billing <billing@vendor.example>'
    : (() => { const f = pick(rand, FIRST); const l = pick(rand, LAST); return `${f} ${l} <${f.toLowerCase()}.${l.toLowerCase()}@${pick(rand, DOMAINS)}>`; })();
  const subject = billing || rand() < 0.03
    ? `Invoice ${date.getUTCFullYear()}-${String(10000 + i).slice(1)} for ${pick(rand, ['hosting', 'licences', 'support', 'domains'])}`
    : `${pick(rand, TOPICS)} #${i % 997}`;
  const paragraphs = 1 + Math.floor(rand() * 6);
  const body: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const n = 20 + Math.floor(rand() * 60);
    const words = Array.from({ length: n }, () => pick(rand, WORDS));
    body.push(words.join(' ').replace(/(.{1,72})(\s|$)/g, '$1\n').trimEnd());
  }
  const text = [
    `Return-Path: <${/<(.*)>/.exec(from)?.[1] ?? ''}>`,
    `From: ${from}`,
    `To: ${user}`,
    `Subject: ${subject}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <bulk-${i}@satchel.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    `Message ${i}.`,
    '',
    body.join('\n\n'),
    '',
  ].join('\n');
  return { text, seen: rand() < 0.7, flagged: rand() < 0.02 };
}

function existingCount(): number {
  let n = 0;
  for (const sub of ['cur', 'new']) {
    const dir = path.join(maildir, sub);
    if (existsSync(dir)) n += readdirSync(dir).length;
  }
  return n;
}

function run(cmd: string, argv: string[]): void {
  const r = spawnSync(cmd, argv, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited with ${r.status}`);
}

function main(): void {
  const have = existingCount();
  if (have === count && !force) {
    console.log(`seed-bulk: ${user} already has ${count} messages; skipping (use --force)`);
    return;
  }
  if (have > 0) {
    console.log(`seed-bulk: ${user} has ${have} messages, want ${count}: resetting the mailbox`);
    run('bash', [path.join(scriptDir, 'mailserver.sh'), 'reset-user', user]);
  }
  const { uid, gid } = statSync(mailRoot); // owned by the mail user (satchelmail)
  for (const dir of [path.join(mailRoot, domain), userDir, maildir, ...['cur', 'new', 'tmp'].map((s) => path.join(maildir, s))]) {
    if (!existsSync(dir)) { mkdirSync(dir, { mode: 0o700 }); chownSync(dir, uid, gid); }
  }

  const started = Date.now();
  const rand = prng(20261127);
  const end = Date.UTC(2026, 10, 1);
  const span = 3 * 365 * 24 * 3600 * 1000; // three years, oldest first, so UID order = date order
  // Write as the mail user: files get the right owner without a chown per file.
  process.setegid?.(gid);
  process.seteuid?.(uid);
  try {
    const cur = path.join(maildir, 'cur');
    for (let i = 0; i < count; i++) {
      const date = new Date(end - span + Math.floor((span * i) / count) + Math.floor(rand() * 60_000));
      const { text, seen, flagged } = buildMessage(i, date, rand);
      const bytes = Buffer.from(text, 'utf8');
      const lines = text.split('\n').length - 1;
      const secs = Math.floor(date.getTime() / 1000);
      const flags = `${flagged ? 'F' : ''}${seen ? 'S' : ''}`;
      // Maildir name: time.M<usec>P<pid>Q<n>.host,S=<file size>,W=<size with CRLF>:2,<flags>
      const name = `${secs}.M${i % 1_000_000}P${process.pid}Q${i}.satchel-bulk,S=${bytes.length},W=${bytes.length + lines}:2,${flags}`;
      const file = path.join(cur, name);
      writeFileSync(file, bytes);
      utimesSync(file, date, date); // Maildir INTERNALDATE is the file's mtime
    }
  } finally {
    process.seteuid?.(0);
    process.setegid?.(0);
  }
  const written = Date.now();
  console.log(`seed-bulk: wrote ${count} messages in ${written - started} ms; indexing…`);
  run('doveadm', ['-c', env.dovecotConf, 'index', '-u', user, 'INBOX']);
  const done = Date.now();
  console.log(`seed-bulk: indexed in ${done - written} ms; total ${done - started} ms`);
}

main();
