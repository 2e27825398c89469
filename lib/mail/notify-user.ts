// Owns telling users about security-relevant changes to their account: a short message put straight
// into their own INBOX over IMAP (no SMTP, so it cannot be suppressed by a sending limit or spoofed).
import 'server-only';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { UserSession } from '@/lib/auth/current-session';
import { withImap } from './imap-pool';

export async function notifyUser(session: UserSession, subject: string, text: string): Promise<void> {
  const raw = await new MailComposer({
    from: `Satchel <${session.email}>`,
    to: session.email,
    subject,
    text,
    xMailer: false,
    disableFileAccess: true,
    disableUrlAccess: true,
  })
    .compile()
    .build();
  await withImap(session.sid, session.creds, (client) => client.append('INBOX', raw, []), { retry: false });
}
