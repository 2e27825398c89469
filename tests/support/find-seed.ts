// The "find" user's mailbox for search, sort and conversation tests: known senders, subjects, dates,
// flags, an attachment, a reply chain with the user's own reply in Sent, and a folder of 55 newsletters.
import { compose, htmlWithAttachment, latin1Subject } from '../../scripts/mailserver/fixtures';
import { withUserImap, emptyMailbox } from './imap';
import { mailEnv } from './mail-env';

const me = () => mailEnv().users.find.email;

type Seed = { folder: string; raw: Buffer; flags: string[]; date: Date };

function plain(opts: { from: string; subject: string; date: string; text?: string; messageId?: string; inReplyTo?: string; references?: string[]; to?: string }): Promise<Buffer> {
  return compose({
    from: opts.from,
    to: opts.to ?? me(),
    subject: opts.subject,
    date: new Date(opts.date),
    text: opts.text ?? `Body of ${opts.subject}.`,
    messageId: opts.messageId,
    inReplyTo: opts.inReplyTo,
    references: opts.references,
  });
}

export const NEWSLETTERS = 55;

async function seeds(): Promise<Seed[]> {
  const at = (d: string) => new Date(d);
  const list: Seed[] = [
    { folder: 'INBOX', raw: await htmlWithAttachment({ to: me(), date: at('2025-11-03T09:30:00Z') }), flags: ['\\Seen'], date: at('2025-11-03T09:30:00Z') },
    { folder: 'INBOX', raw: await plain({ from: 'Anna Berg <anna@example.org>', subject: 'Lunch on Friday', date: '2026-01-15T12:00:00Z', text: 'Shall we try the new place? Short.' }), flags: [], date: at('2026-01-15T12:00:00Z') },
    { folder: 'INBOX', raw: await plain({ from: 'Vendor Billing <billing@vendor.example>', subject: 'Invoice 2026-01', date: '2026-01-20T08:00:00Z', text: `Amount due: EUR 49.00. The budget line is hosting.\n${'Details. '.repeat(200)}` }), flags: ['\\Seen', '\\Flagged'], date: at('2026-01-20T08:00:00Z') },
    { folder: 'INBOX', raw: await plain({ from: 'Vendor Billing <billing@vendor.example>', subject: 'Invoice 2026-02', date: '2026-02-20T08:00:00Z', text: `Amount due: EUR 52.00.\n${'More. '.repeat(40)}` }), flags: ['\\Seen'], date: at('2026-02-20T08:00:00Z') },
    { folder: 'INBOX', raw: await plain({ from: 'Carl Zed <carl@example.org>', subject: 'Project kickoff', date: '2026-03-01T10:00:00Z', messageId: '<kickoff@example.org>', text: 'Kickoff on Monday: agenda attached below.' }), flags: ['\\Seen'], date: at('2026-03-01T10:00:00Z') },
    { folder: 'INBOX', raw: await plain({ from: 'Anna Berg <anna@example.org>', subject: 'Re: Project kickoff', date: '2026-03-02T10:00:00Z', messageId: '<kickoff-re1@example.org>', inReplyTo: '<kickoff@example.org>', references: ['<kickoff@example.org>'], text: 'Count me in for the kickoff.' }), flags: [], date: at('2026-03-02T10:00:00Z') },
    { folder: 'Sent', raw: await plain({ from: `Find Tester <${me()}>`, to: 'Anna Berg <anna@example.org>', subject: 'Re: Project kickoff', date: '2026-03-03T10:00:00Z', messageId: '<kickoff-re2@satchel.test>', inReplyTo: '<kickoff-re1@example.org>', references: ['<kickoff@example.org>', '<kickoff-re1@example.org>'], text: 'Great, see you at the kickoff. My own reply from Sent.' }), flags: ['\\Seen'], date: at('2026-03-03T10:00:00Z') },
    { folder: 'Archive', raw: await plain({ from: 'Vendor Billing <billing@vendor.example>', subject: 'Invoice 2025-12', date: '2025-12-20T08:00:00Z', text: 'Amount due: EUR 45.00.' }), flags: ['\\Seen'], date: at('2025-12-20T08:00:00Z') },
    { folder: 'Archive', raw: latin1Subject({ to: me(), date: at('2025-10-12T08:00:00Z') }), flags: ['\\Seen'], date: at('2025-10-12T08:00:00Z') },
  ];
  for (let i = 1; i <= NEWSLETTERS; i++) {
    const date = new Date(Date.UTC(2025, 5, 1) + i * 86_400_000);
    list.push({ folder: 'Lists', raw: await plain({ from: 'The Weekly Byte <news@newsletter.example>', subject: `Weekly Byte issue ${i}`, date: date.toISOString() }), flags: ['\\Seen'], date });
  }
  return list;
}

/** Empties find's mailbox and fills it as above; INTERNALDATE equals the Date header. */
export async function seedFindMailbox(): Promise<void> {
  await emptyMailbox('find');
  const all = await seeds();
  await withUserImap('find', async (client) => {
    const existing = new Set((await client.list()).map((f) => f.path));
    if (!existing.has('Lists')) await client.mailboxCreate('Lists');
    for (const s of all) await client.append(s.folder, s.raw, s.flags, s.date);
  });
}
