// Owns "Send" with undo: the final message waits in Drafts marked pending (X-Satchel-Send-At), a timer
// sends it when due, a claim in the shared store decides "sending" or "undone" exactly once, and any
// later request of the user sends what a restarted node left behind. Nothing is lost or sent twice.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { config } from '@/lib/config';
import { log } from '@/lib/log';
import { inFlight } from '@/lib/shutdown';
import { parseRecipients } from './compose-input';
import type { ComposeDraft, SendResult, SendStatus, UndoResult } from './compose-types';
import { draftFromRaw, draftRecord } from './draft-read';
import { DRAFT_ID_HEADER, DRAFT_META_HEADER, SEND_AT_HEADER, SEND_ID_HEADER, SENDING_KEYWORD, UPLOAD_HEADER, dropHeaders, headerValue, splitHeaders } from './draft-headers';
import { draftsFolder, fromAddress, writeDraft } from './drafts';
import { MailError, logMailError } from './errors';
import { findSpecialFolder } from './folders';
import { withImap } from './imap-pool';
import { flagOriginal } from './original';
import { chargeSend, refundSend } from './send-guard';
import { saveToSent, submitRaw, type OutgoingBytes } from './send';
import { claimSend, readClaim, recordCharge, setSendStatus, takeCharge } from './send-claims';
import { composeLimits } from './smtp-size';
import { attachmentBytesTotal } from './uploads';

type Timers = Map<string, NodeJS.Timeout>;
const holder = globalThis as typeof globalThis & { __satchelSendTimers?: Timers; __satchelSweeps?: Map<string, number> };
const timers = (holder.__satchelSendTimers ??= new Map());
const sweeps = (holder.__satchelSweeps ??= new Map());
const SWEEP_EVERY_MS = 15_000;
const STALE_UPLOAD_MS = 2 * 86_400_000;
const timerKey = (email: string, sendId: string) => `${email.toLowerCase()} ${sendId}`;

type Refused = Exclude<SendResult, { status: 'queued' }>;
type Checked = { ok: true; people: Parameters<typeof writeDraft>[2] } | { ok: false; result: Refused };

/** The From check and the strict recipient parse, before anything is stored or sent. */
async function check(session: UserSession, draft: ComposeDraft): Promise<Checked> {
  const from = await fromAddress(session, draft.from);
  if (!from) return { ok: false, result: { status: 'invalid', field: 'from', message: `You cannot send as "${draft.from}". Choose one of your own addresses` } };
  const lists = { to: parseRecipients(draft.to), cc: parseRecipients(draft.cc), bcc: parseRecipients(draft.bcc) };
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const parsed = lists[field];
    if (!parsed.ok) return { ok: false, result: { status: 'invalid', field, message: `${field === 'to' ? 'To' : field === 'cc' ? 'Cc' : 'Bcc'}: "${parsed.bad}" is not a valid email address` } };
  }
  const [to, cc, bcc] = [lists.to, lists.cc, lists.bcc].map((l) => (l.ok ? l.addresses : []));
  if (to!.length + cc!.length + bcc!.length === 0) return { ok: false, result: { status: 'invalid', field: 'to', message: 'Add at least one recipient' } };
  const { maxBytes } = await composeLimits(session.email);
  if (attachmentBytesTotal(draft.attachments) > maxBytes) {
    return { ok: false, result: { status: 'invalid', field: 'attachments', message: `The attachments are larger than ${Math.floor(maxBytes / 1_000_000)} MB, the limit for one message` } };
  }
  return { ok: true, people: { from, to: to!, cc: cc!, bcc: bcc! } };
}

/** sendDraftAction: stores the final message in Drafts as pending and arms the timer. */
export async function queueSend(session: UserSession, draft: ComposeDraft): Promise<SendResult> {
  const checked = await check(session, draft);
  if (!checked.ok) return checked.result;
  const sendId = randomUUID();
  const sendAt = new Date(Date.now() + config().compose.undoSendSeconds * 1000);
  try {
    const people = checked.people;
    // Charged now, on the envelope (Bcc included): a refusal shows while the editor is still open.
    const charge = await chargeSend(session.email, new Set([...people.to, ...people.cc, ...people.bcc].map((p) => p.address.toLowerCase())).size);
    // Without this record an undo cannot give the charge back; the send itself goes on.
    await recordCharge(session.email, sendId, charge).catch((err: unknown) => logMailError('record send charge', err));
    await writeDraft(session, draft, people, { sendId, sendAt });
  } catch (err) {
    logMailError('queue send', err);
    return { status: 'failed', message: err instanceof MailError ? err.userMessage : 'Sending failed. Your message was not sent and is kept in Drafts' };
  }
  arm(session, sendId, sendAt);
  return { status: 'queued', sendId, sendAt: sendAt.toISOString() };
}

function arm(session: UserSession, sendId: string, sendAt: Date): void {
  const key = timerKey(session.email, sendId);
  if (timers.has(key)) return;
  const timer = setTimeout(() => {
    timers.delete(key);
    // A delivery that has started finishes before a graceful shutdown exits (lib/shutdown.ts).
    inFlight(deliverPending(session, sendId)).catch((err: unknown) => logMailError('deliver pending', err));
  }, Math.max(0, sendAt.getTime() - Date.now()));
  timers.set(key, timer);
}

type Found = { folder: string; uidValidity: bigint | null; uid: number; raw: Buffer; sending: boolean };

async function findPending(session: UserSession, sendId: string): Promise<Found | null> {
  const folder = await draftsFolder(session);
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      const uids = (await client.search({ header: { [SEND_ID_HEADER]: sendId } }, { uid: true })) || [];
      if (!uids.length) return null;
      const uid = Math.max(...uids);
      const msg = await client.fetchOne(String(uid), { uid: true, flags: true, source: true }, { uid: true });
      if (!msg || !msg.source) return null;
      return { folder, uidValidity: client.mailbox ? client.mailbox.uidValidity : null, uid, raw: msg.source, sending: msg.flags?.has(SENDING_KEYWORD) ?? false };
    } finally {
      lock.release();
    }
  }, { folder });
}

async function onDraft<T>(session: UserSession, folder: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  return withImap(
    session.sid,
    session.creds,
    async (client) => {
      const lock = await client.getMailboxLock(folder);
      try {
        return await fn(client);
      } finally {
        lock.release();
      }
    },
    { retry: false, folder },
  );
}

/** The pending draft turned back into a plain draft (APPEND first, then delete): undo and failures. */
async function unpend(session: UserSession, found: Found): Promise<Buffer> {
  const plain = dropHeaders(found.raw, [SEND_AT_HEADER, SEND_ID_HEADER]);
  await onDraft(session, found.folder, async (client) => {
    await client.append(found.folder, plain, ['\\Draft', '\\Seen']);
    await client.messageDelete(String(found.uid), { uid: true });
  });
  return plain;
}

/** Was this Message-ID filed in Sent already? (A crash after SMTP accepted, before Drafts was cleaned.) */
async function inSent(session: UserSession, messageId: string): Promise<boolean> {
  const sent = await findSpecialFolder(session, 'sent');
  if (!sent) return false;
  return onDraft(session, sent, async (client) => ((await client.search({ header: { 'Message-ID': messageId } }, { uid: true })) || []).length > 0);
}

type Ready = { place: Place; outgoing: OutgoingBytes; draft: ComposeDraft; envelope: { from: string; to: string[] } };
type Place = { folder: string; uid: number };

/**
 * The pending message as it will leave (Satchel's headers and Bcc dropped), or the status it ended
 * with. The body is a view of the stored bytes: the 27 MB message is held once while it is submitted.
 */
async function prepare(session: UserSession, sendId: string): Promise<Ready | SendStatus> {
  const found = await findPending(session, sendId);
  if (!found) return fail(session, sendId, 'The message was no longer in Drafts, so it was not sent');
  const place = { folder: found.folder, uid: found.uid };
  if (found.sending) {
    // An earlier attempt stopped between "about to submit" and "done": never submit twice.
    const messageId = headerValue(found.raw, 'Message-ID') ?? '';
    if (messageId && (await inSent(session, messageId))) return finish(session, sendId, place, null);
    await unpend(session, found);
    return fail(session, sendId, 'Sending was interrupted. Check Sent before sending it again; it is back in Drafts');
  }
  const draft = draftRecord(found.raw);
  const checked = draft ? await check(session, draft) : null;
  if (!draft || !checked?.ok) {
    await unpend(session, found);
    return fail(session, sendId, checked && !checked.ok ? checked.result.message : 'The message could not be read back from Drafts; it was not sent');
  }
  const { from, to, cc, bcc } = checked.people;
  const recipients = [...new Map([...to, ...cc, ...bcc].map((p) => [p.address.toLowerCase(), p.address])).values()];
  const { head, body } = splitHeaders(found.raw, ['Bcc', DRAFT_ID_HEADER, DRAFT_META_HEADER, SEND_AT_HEADER, SEND_ID_HEADER]);
  const stored = found.uidValidity ? { folder: found.folder, uidValidity: found.uidValidity, uid: found.uid } : undefined;
  const outgoing = { head, body, stored };
  return { place, outgoing, draft, envelope: { from: from.address, to: recipients } };
}

/** Sends one pending message if this caller wins the claim. Exported for recovery and tests. */
export async function deliverPending(session: UserSession, sendId: string): Promise<SendStatus> {
  if (!(await claimSend(session.email, sendId, 'sending'))) return (await readClaim(session.email, sendId))?.status ?? { status: 'unknown' };
  const ready = await prepare(session, sendId);
  if (!('outgoing' in ready)) return ready;
  const { place, outgoing, draft, envelope } = ready;
  await onDraft(session, place.folder, (client) => client.messageFlagsAdd(String(place.uid), [SENDING_KEYWORD], { uid: true }));
  try {
    await submitRaw(session, envelope, outgoing);
  } catch (err) {
    await keepAsDraft(session, sendId, place);
    return fail(session, sendId, err instanceof MailError ? err.userMessage : 'Sending failed. Your message is kept in Drafts');
  }
  return finish(session, sendId, place, { outgoing, draft });
}

/** SMTP refused it: the message goes back to being an ordinary draft, nothing typed is lost. */
async function keepAsDraft(session: UserSession, sendId: string, place: Place): Promise<void> {
  try {
    await onDraft(session, place.folder, (client) => client.messageFlagsRemove(String(place.uid), [SENDING_KEYWORD], { uid: true }));
    const found = await findPending(session, sendId);
    if (found) await unpend(session, found);
  } catch (err) {
    logMailError('keep failed draft', err);
  }
}

async function fail(session: UserSession, sendId: string, message: string): Promise<SendStatus> {
  const status: SendStatus = { status: 'failed', message };
  await setSendStatus(session.email, sendId, status);
  return status;
}

/** After SMTP accepted: status, a copy in Sent, the draft removed, the original flagged. */
async function finish(session: UserSession, sendId: string, place: Place, sent: { outgoing: OutgoingBytes; draft: ComposeDraft } | null): Promise<SendStatus> {
  const status: SendStatus = { status: 'sent', message: 'Message sent' };
  await setSendStatus(session.email, sendId, status);
  if (sent) await saveToSent(session, sent.outgoing);
  await onDraft(session, place.folder, (client) => client.messageDelete(String(place.uid), { uid: true })).catch((err: unknown) => logMailError('remove sent draft', err));
  if (sent?.draft.source) await flagOriginal(session, sent.draft.source).catch((err: unknown) => logMailError('flag original', err));
  log.info({ event: 'pending_sent' }, 'pending message sent');
  return status;
}

/** Undo before sendAt: wins the claim as "undone" and returns the draft, no longer pending. */
export async function undoSend(session: UserSession, sendId: string): Promise<UndoResult> {
  if (!(await claimSend(session.email, sendId, 'undone'))) {
    const status = (await readClaim(session.email, sendId))?.status;
    const message = status?.status === 'sent' ? 'Too late: the message was already sent' : status?.status === 'failed' ? (status.message ?? 'Sending failed; the message is in Drafts') : 'Too late: the message is being sent';
    return { status: 'too_late', message };
  }
  // Undone for good (no node can claim it for sending now): the message never counts against the limits.
  await refund(session, sendId);
  const key = timerKey(session.email, sendId);
  clearTimeout(timers.get(key));
  timers.delete(key);
  const found = await findPending(session, sendId);
  if (!found) return { status: 'too_late', message: 'The message is no longer in Drafts' };
  const plain = await unpend(session, found);
  return { status: 'undone', draft: await draftFromRaw(plain, found.folder, found.uid) };
}

async function refund(session: UserSession, sendId: string): Promise<void> {
  try {
    const charge = await takeCharge(session.email, sendId);
    if (charge) await refundSend(session.email, charge);
  } catch (err) {
    logMailError('refund undone send', err);
  }
}

export async function sendStatus(session: UserSession, sendId: string): Promise<SendStatus> {
  const claim = await readClaim(session.email, sendId);
  if (claim?.claim === 'undone') return { status: 'unknown', message: 'Sending was undone' };
  if (claim) return claim.status;
  return (await findPending(session, sendId)) ? { status: 'pending' } : { status: 'unknown' };
}

/**
 * Recovery after a restart (or on another node): pending drafts that are due are sent (claimed
 * first), those not yet due get a timer here; uploads orphaned for two days are removed. At most
 * every 15 s per user and node.
 */
export async function sendDuePending(session: UserSession, now = Date.now()): Promise<void> {
  const key = session.email.toLowerCase();
  if ((sweeps.get(key) ?? 0) > now - SWEEP_EVERY_MS) return;
  sweeps.set(key, now);
  try {
    const folder = await draftsFolder(session);
    const pending = await onDraft(session, folder, async (client) => {
      // Uploads whose draft was never saved (a tab closed mid-compose) do not stay in Drafts for good.
      const stale = (await client.search({ header: { [UPLOAD_HEADER]: true }, before: new Date(now - STALE_UPLOAD_MS) }, { uid: true })) || [];
      if (stale.length) await client.messageDelete(stale.join(','), { uid: true });
      const uids = (await client.search({ header: { [SEND_ID_HEADER]: true } }, { uid: true })) || [];
      if (!uids.length) return [];
      const msgs = await client.fetchAll(uids, { uid: true, headers: [SEND_ID_HEADER, SEND_AT_HEADER] }, { uid: true });
      return msgs.map((m) => {
        const head = m.headers ?? Buffer.alloc(0);
        return { sendId: headerValue(head, SEND_ID_HEADER) ?? '', sendAt: new Date(headerValue(head, SEND_AT_HEADER) ?? 0) };
      });
    });
    for (const { sendId, sendAt } of pending) {
      if (!/^[0-9a-f-]{36}$/.test(sendId)) continue;
      if (sendAt.getTime() <= now) await deliverPending(session, sendId);
      else arm(session, sendId, sendAt);
    }
  } catch (err) {
    logMailError('send due pending', err);
  }
}

/** For tests: forget this node's timers and sweep times, as a restart would. */
export function forgetTimers(): void {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  sweeps.clear();
}
