// Owns sending: compose once as the signed-in user, submit with SMTP AUTH, file the same bytes in Sent.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { UserSession } from '@/lib/auth/current-session';
import { inFlight } from '@/lib/shutdown';
import { appendCatenated, canCatenate, partUrl } from './catenate';
import { envelopeRecipients, hasHeaderControls, isPlainAddress, type ComposeInput } from './compose-input';
import { MailError, logMailError } from './errors';
import type { ComposeSource } from './compose-types';
import { findSpecialFolder } from './folders';
import { withImap } from './imap-pool';
import { flagOriginal, loadOriginal } from './original';
import { isMessageId } from './outgoing-mime';
import { replyReferences } from './reply';
import { chargeSend, claimSendId, releaseSendId } from './send-guard';
import { createSmtpTransport, smtpError } from './smtp';

export type SendResult = { outcome: 'sent' | 'already_sent'; savedToSent: boolean };
type Threading = { inReplyTo: string | null; references: string[] };

/** A reply's In-Reply-To and References, from the original as the server has it. */
async function threadingOf(session: UserSession, source: ComposeSource | null): Promise<Threading | null> {
  if (!source || (source.kind !== 'reply' && source.kind !== 'reply-all')) return null;
  const original = await loadOriginal(session, source.folder, source.uid);
  const messageId = original.view.messageId && isMessageId(original.view.messageId) ? original.view.messageId : null;
  return { inReplyTo: messageId, references: replyReferences(original.references, messageId) };
}

/**
 * Everything nodemailer is given, picked field by field: no request data in `raw`, `envelope`,
 * `headers`, `attachments`, `html` or any path/href (THREATS T16, T19). From is always the session's
 * own address; there is no Sender and no Reply-To. Exported so a test can check the options.
 */
export function composerOptions(from: string, input: ComposeInput, threading: Threading | null = null) {
  const domain = from.split('@')[1] ?? 'localhost';
  return {
    ...(threading?.inReplyTo ? { inReplyTo: threading.inReplyTo } : {}),
    ...(threading?.references.length ? { references: threading.references } : {}),
    from,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: input.body,
    messageId: `<${randomUUID()}@${domain}>`,
    date: new Date(),
    // nodemailer: without these, an attachment `path` or `href` reads files or fetches URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Builds the message once; the envelope is our parser's list, checked against nodemailer's reading. */
export async function buildMessage(from: string, input: ComposeInput, threading: Threading | null = null): Promise<{ raw: Buffer; recipients: string[] }> {
  if (!isPlainAddress(from)) throw new MailError('invalid_input', 'Your address cannot be used as a sender');
  // The DAL does not trust its caller to have used composeSchema: header-bound values are checked again.
  const people = [...input.to, ...input.cc, ...input.bcc];
  if (hasHeaderControls(input.subject) || people.some((p) => !isPlainAddress(p.address) || hasHeaderControls(p.name))) {
    throw new MailError('invalid_input');
  }
  const node = new MailComposer(composerOptions(from, input, threading)).compile();
  const recipients = envelopeRecipients(input);
  // The headers are nodemailer's rendering of our parsed addresses; if it reads them back as any other
  // recipient set, the headers and the envelope disagree (a misrouting bug, T18): refuse to send.
  const theirs = new Set(node.getEnvelope().to.map((a) => a.toLowerCase()));
  if (theirs.size !== recipients.length || recipients.some((a) => !theirs.has(a.toLowerCase()))) {
    throw new MailError('invalid_input', 'A recipient address could not be used');
  }
  return { raw: await node.build(), recipients };
}

export async function sendMessage(session: UserSession, input: ComposeInput): Promise<SendResult> {
  if (!claimSendId(session.email, input.sendId)) return { outcome: 'already_sent', savedToSent: true };
  let raw: Buffer;
  try {
    // An original deleted meanwhile costs the threading headers, not the reply.
    const threading = await threadingOf(session, input.source).catch(() => null);
    const built = await buildMessage(session.email, input, threading);
    raw = built.raw;
    const recipients = built.recipients;
    // Counted on the envelope (Bcc included), the same list the SMTP server is given.
    await chargeSend(session.email, recipients.length);
    const transport = createSmtpTransport(session.creds);
    try {
      await inFlight(transport.sendMail({ envelope: { from: session.email, to: recipients }, raw }));
    } finally {
      transport.close();
    }
  } catch (err) {
    releaseSendId(session.email, input.sendId);
    const mailErr = err instanceof MailError ? err : smtpError(err);
    logMailError('send', mailErr);
    throw mailErr;
  }
  if (input.source) await flagOriginal(session, input.source).catch((err: unknown) => logMailError('flag original', err));
  return { outcome: 'sent', savedToSent: await saveToSent(session, { head: Buffer.alloc(0), body: raw }) };
}

/**
 * A message as a header block and a body. `stored` says where the same body already is on the server
 * (the pending draft), so Sent gets its copy by CATENATE instead of 27 MB more through this process.
 */
export type OutgoingBytes = { head: Buffer; body: Buffer; stored?: { folder: string; uidValidity: bigint; uid: number } };

/**
 * Submits bytes built earlier (a pending draft with Satchel's headers dropped) with SMTP AUTH as the
 * user; the envelope is the parsed recipient list the bytes were built from. Streamed from the two
 * pieces, not joined first. Never retried: a timeout is no proof the server refused it.
 */
export async function submitRaw(session: UserSession, envelope: { from: string; to: string[] }, message: OutgoingBytes): Promise<void> {
  const transport = createSmtpTransport(session.creds);
  try {
    await inFlight(transport.sendMail({ envelope, raw: Readable.from([message.head, message.body]) }));
  } catch (err) {
    const mailErr = err instanceof MailError ? err : smtpError(err);
    logMailError('send', mailErr);
    throw mailErr;
  } finally {
    transport.close();
  }
}

// The message is already on its way: failing to file a copy must not look like a failed send.
export async function saveToSent(session: UserSession, message: OutgoingBytes): Promise<boolean> {
  try {
    const sent = await findSpecialFolder(session, 'sent');
    if (!sent) return false;
    const { stored } = message;
    await withImap(
      session.sid,
      session.creds,
      async (client) => {
        if (stored && canCatenate(client)) {
          await appendCatenated(client, sent, ['\\Seen'], [message.head, { url: partUrl(client, stored.folder, stored.uidValidity, stored.uid, 'TEXT') }]);
        } else await client.append(sent, Buffer.concat([message.head, message.body]), ['\\Seen']);
      },
      { retry: false, folder: sent },
    );
    return true;
  } catch (err) {
    logMailError('save to Sent', err);
    return false;
  }
}
