// Memory and time of a 20 MB attachment through compose: upload (streamed to disk, then into Drafts),
// an autosave, Send (the final message written to Drafts as pending), and delivery (SMTP AUTH, Sent, cleanup).
// Runs the mail layer in this process and samples this process's RSS every 5 ms.
//
//   npx tsx --conditions=react-server --expose-gc bench/compose-memory.ts
//
// The test Postfix refuses messages over 25 MiB (message_size_limit), which a 20 MB file exceeds once
// base64-encoded, so this bench starts its own mail server instance (.mailserver/bench-compose, ports
// 21300+) with message_size_limit raised to 64 MiB. Prints one JSON line and writes
// .bench/compose-memory.json.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { ImapFlow } from 'imapflow';
import { parseEnvFile } from '../scripts/mailserver/env';

const root = path.resolve(__dirname, '..');
const stateDir = path.join(root, '.mailserver/bench-compose');
const SIZE = 20_000_000;
const MB = 1024 * 1024;

function startMailServer(): Record<string, string> {
  const env = { ...process.env, MAILSERVER_DIR: stateDir, MAILSERVER_PORT_BASE: '21300' };
  execFileSync('bash', [path.join(root, 'scripts/mailserver.sh'), 'start'], { env, stdio: 'inherit' });
  const postfixDir = path.join(stateDir, 'postfix');
  execFileSync('postconf', ['-c', postfixDir, '-e', `message_size_limit=${64 * MB}`]);
  execFileSync('postfix', ['-c', postfixDir, 'reload'], { stdio: 'ignore' });
  return parseEnvFile(readFileSync(path.join(stateDir, 'env'), 'utf8'));
}

async function makeFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let written = 0; written < SIZE; written += MB) {
    if (!out.write(randomBytes(Math.min(MB, SIZE - written)))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

const gc = () => (globalThis as { gc?: () => void }).gc?.();
const rss = () => process.memoryUsage.rss();

/** Runs fn while sampling RSS; returns the peak increase over the level before it started. */
async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; baseline: number; peak: number; ms: number }> {
  gc();
  await new Promise((r) => setTimeout(r, 50));
  const baseline = rss();
  let peak = baseline;
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 5);
  const started = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, rss());
    return { value, baseline, peak, ms: performance.now() - started };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const mail = startMailServer();
  Object.assign(process.env, {
    IMAP_URL: mail.IMAP_URL,
    SMTP_URL: mail.SMTP_URL,
    MAIL_CA_FILE: mail.MAIL_CA_FILE,
    AUTH_SECRET: randomBytes(32).toString('base64'),
    UNDO_SEND_SECONDS: '60',
    ATTACHMENTS_MAX_BYTES: String(30 * MB),
    LOG_LEVEL: 'warn',
  });
  const { draftsFolder } = await import('../lib/mail/drafts');
  const { storeUpload } = await import('../lib/mail/uploads');
  const { deliverPending, forgetTimers, queueSend } = await import('../lib/mail/pending-send');
  const { closeImap } = await import('../lib/mail/imap-pool');

  const session = { sid: `bench-${randomUUID()}`, email: 'writer@satchel.test', creds: { email: 'writer@satchel.test', password: 'writer-pass-1' } };
  const file = path.join(os.tmpdir(), `satchel-bench-${randomUUID()}`);
  await makeFile(file);
  const subject = `Memory bench ${randomUUID().slice(0, 8)}`;
  const draftId = randomUUID();
  const folder = await draftsFolder(session); // warm: connection and LIST outside the measurement

  const upload = await measure(() => storeUpload(session, folder, { draftId, filename: 'big.bin', contentType: 'application/octet-stream', body: createReadStream(file), maxBytes: 30 * MB }));
  await rm(file);
  const draft = {
    draftId, from: session.email, to: 'bob@satchel.test', cc: '', bcc: '', subject, mode: 'rich' as const,
    html: '<p>A big file.</p>', text: '', attachments: [upload.value], inReplyTo: null, references: [], source: null,
  };
  // An autosave of the draft that carries the file (the server copies it where it has CATENATE).
  const { saveDraft } = await import('../lib/mail/drafts');
  const autosave = await measure(() => saveDraft(session, draft));
  // Send, in its two halves: queueing (the final message written to Drafts as pending) and, when the
  // undo window closes, delivery. The window is long here and delivery is called directly, so each
  // half is measured on its own; UNDO_SEND_SECONDS=0 runs the same two halves back to back.
  const queue = await measure(async () => {
    const result = await queueSend(session, draft);
    if (result.status !== 'queued') throw new Error(JSON.stringify(result));
    forgetTimers();
    return result.sendId;
  });
  const deliver = await measure(() => deliverPending(session, queue.value));
  if (deliver.value.status !== 'sent') throw new Error(JSON.stringify(deliver.value));
  await closeImap(session.sid);

  // Check delivery without loading the message into this process's memory.
  const bob = new ImapFlow({ host: '127.0.0.1', port: Number(new URL(mail.IMAP_URL!).port), secure: false, tls: { ca: readFileSync(mail.MAIL_CA_FILE!) }, auth: { user: 'bob@satchel.test', pass: 'bob-pass-1' }, logger: false });
  bob.on('error', () => {});
  await bob.connect();
  let deliveredBytes = 0;
  for (let i = 0; i < 100 && !deliveredBytes; i++) {
    const lock = await bob.getMailboxLock('INBOX');
    try {
      const uids = (await bob.search({ subject }, { uid: true })) || [];
      const msg = uids.length ? await bob.fetchOne(String(uids[0]), { uid: true, size: true }, { uid: true }) : false;
      deliveredBytes = msg ? (msg.size ?? 0) : 0;
    } finally {
      lock.release();
    }
    if (!deliveredBytes) await new Promise((r) => setTimeout(r, 300));
  }
  await bob.logout();

  const mb = (n: number) => Math.round((n / MB) * 10) / 10;
  const result = {
    attachmentBytes: SIZE,
    deliveredMessageBytes: deliveredBytes,
    upload: { rssBeforeMB: mb(upload.baseline), rssIncreaseMB: mb(upload.peak - upload.baseline), ms: Math.round(upload.ms) },
    autosave: { rssBeforeMB: mb(autosave.baseline), rssIncreaseMB: mb(autosave.peak - autosave.baseline), ms: Math.round(autosave.ms) },
    queue: { rssBeforeMB: mb(queue.baseline), rssIncreaseMB: mb(queue.peak - queue.baseline), ms: Math.round(queue.ms) },
    deliver: { rssBeforeMB: mb(deliver.baseline), rssIncreaseMB: mb(deliver.peak - deliver.baseline), ms: Math.round(deliver.ms) },
    sendToAcceptedMs: Math.round(queue.ms + deliver.ms),
    loadAverage: os.loadavg()[0]?.toFixed(1),
  };
  const worst = Math.max(upload.peak - upload.baseline, autosave.peak - autosave.baseline, queue.peak - queue.baseline, deliver.peak - deliver.baseline);
  Object.assign(result, { worstRatioToAttachment: Math.round((worst / SIZE) * 10) / 10 });
  console.log(JSON.stringify(result));
  mkdirSync(path.join(root, '.bench'), { recursive: true });
  writeFileSync(path.join(root, '.bench/compose-memory.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
