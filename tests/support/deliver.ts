// Delivers a message the way mail from outside arrives: SMTP to the inbound port (no AUTH, local domain only).
import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { hostPort, mailEnv, type MailServerEnv } from './mail-env';

/** Sends to the mail server's inbound port and resolves when Postfix accepted it (250), at Date.now(). */
export async function deliverInbound(to: string, subject: string, env: MailServerEnv = mailEnv()): Promise<number> {
  const { host, port } = hostPort(env.inboundSmtpUrl);
  const transport = nodemailer.createTransport({ host, port, secure: false, tls: { ca: readFileSync(env.caFile) } });
  try {
    await transport.sendMail({ from: 'news@example.org', to, subject, text: `${subject}\n` });
    return Date.now();
  } finally {
    transport.close();
  }
}
