// Owns sending: compose once as the signed-in user, submit with SMTP AUTH, file the same bytes in Sent.
import 'server-only';
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { UserSession } from '@/lib/auth/current-session';
import type { ComposeInput } from './compose-input';
import { MailError, logMailError } from './errors';
import { findSpecialFolder } from './folders';
import { withImap } from './imap-pool';
import { chargeSend, claimSendId, releaseSendId } from './send-guard';
import { createSmtpTransport, smtpError } from './smtp';

export type SendResult = { outcome: 'sent' | 'already_sent'; savedToSent: boolean };

async function buildMessage(from: string, input: ComposeInput) {
  const domain = from.split('@')[1] ?? 'localhost';
  const composer = new MailComposer({
    // From is always the session's own address: the form cannot choose it.
    from,
    to: input.to,
    cc: input.cc,
    bcc: input.bcc,
    subject: input.subject,
    text: input.body,
    messageId: `<${randomUUID()}@${domain}>`,
    date: new Date(),
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const node = composer.compile();
  return { raw: await node.build(), envelope: node.getEnvelope() };
}

export async function sendMessage(session: UserSession, input: ComposeInput): Promise<SendResult> {
  if (!claimSendId(session.email, input.sendId)) return { outcome: 'already_sent', savedToSent: true };
  const { raw, envelope } = await buildMessage(session.email, input);
  try {
    await chargeSend(session.email, envelope.to.length);
    const transport = createSmtpTransport(session.creds);
    try {
      await transport.sendMail({ envelope: { from: session.email, to: envelope.to }, raw });
    } finally {
      transport.close();
    }
  } catch (err) {
    releaseSendId(session.email, input.sendId);
    const mailErr = err instanceof MailError ? err : smtpError(err);
    logMailError('send', mailErr);
    throw mailErr;
  }
  return { outcome: 'sent', savedToSent: await saveToSent(session, raw) };
}

// The message is already on its way: failing to file a copy must not look like a failed send.
async function saveToSent(session: UserSession, raw: Buffer): Promise<boolean> {
  try {
    const sent = await findSpecialFolder(session, 'sent');
    if (!sent) return false;
    await withImap(session.sid, session.creds, (client) => client.append(sent, raw, ['\\Seen']), { retry: false });
    return true;
  } catch (err) {
    logMailError('save to Sent', err);
    return false;
  }
}
