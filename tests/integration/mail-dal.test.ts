// The read side of the data layer (lib/mail/folders.ts, messages.ts) against the real Dovecot:
// what the folder list, the message list and the reader would show a user. Carol's mailbox is
// emptied before each test; nothing here is mocked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compose, htmlWithAttachment, newsletterWithRemoteContent } from '../../scripts/mailserver/fixtures';
import { MailError } from '@/lib/mail/errors';
import { listFolders } from '@/lib/mail/folders';
import { PAGE_SIZE, getMessage, getMessageAttachment, listMessages } from '@/lib/mail/messages';
import { appendMany, closeDalSessions, configureDal, dalSession, ensureFolders, serverUsers } from '../support/dal-session';
import { appendMessage, emptyMailbox, findMessages } from '../support/imap';

configureDal();
const carol = serverUsers().carol;

beforeEach(async () => {
  await emptyMailbox('carol');
});

afterEach(async () => {
  await closeDalSessions();
});

/** A plain message to carol; `n` orders the Date header too, so arrival order and date order agree. */
function plain(subject: string, n = 0): Promise<Buffer> {
  return compose({ from: 'Sender <sender@example.org>', to: carol.email, subject, text: `Body of ${subject}`, date: new Date(Date.UTC(2026, 0, 1) + n * 60_000) });
}

async function expectMailError(promise: Promise<unknown>, code: MailError['code']): Promise<void> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MailError);
  expect((err as MailError).code).toBe(code);
}

describe('listFolders', () => {
  it('puts Inbox, Drafts, Sent, Archive, Junk, Trash first, then the other folders as a tree', async () => {
    await ensureFolders('carol', ['Projects', 'Projects/Travel', 'Projects/Satchel']);
    const folders = await listFolders(dalSession('carol'));

    expect(folders.slice(0, 6).map((f) => [f.name, f.specialUse])).toEqual([
      ['Inbox', 'inbox'],
      ['Drafts', 'drafts'],
      ['Sent', 'sent'],
      ['Archive', 'archive'],
      ['Junk', 'junk'],
      ['Trash', 'trash'],
    ]);
    const rest = folders.slice(6);
    expect(rest.every((f) => f.specialUse === null)).toBe(true);
    expect(rest.map((f) => f.name)).toEqual([...rest.map((f) => f.name)].sort((a, b) => a.localeCompare(b)));
    const projects = rest.find((f) => f.path === 'Projects');
    expect(projects?.children.map((c) => [c.name, c.path])).toEqual([
      ['Satchel', 'Projects/Satchel'],
      ['Travel', 'Projects/Travel'],
    ]);
    // Children appear only under their parent, never again at the top level.
    expect(rest.some((f) => f.path.startsWith('Projects/'))).toBe(false);
  });

  it('counts unread and total messages per folder', async () => {
    await ensureFolders('carol', ['Projects', 'Projects/Travel']);
    await appendMany('carol', 'INBOX', [
      { raw: await plain('unread one') },
      { raw: await plain('unread two') },
      { raw: await plain('already read'), flags: ['\\Seen'] },
    ]);
    await appendMessage('carol', 'Projects/Travel', await plain('trip'));

    const folders = await listFolders(dalSession('carol'));
    const inbox = folders.find((f) => f.specialUse === 'inbox');
    expect(inbox).toMatchObject({ path: 'INBOX', unread: 2, total: 3 });
    const travel = folders.find((f) => f.path === 'Projects')?.children.find((c) => c.name === 'Travel');
    expect(travel).toMatchObject({ unread: 1, total: 1 });
    expect(folders.find((f) => f.specialUse === 'sent')).toMatchObject({ unread: 0, total: 0 });
  });
});

describe('listMessages', () => {
  it('shows an empty folder as one empty page', async () => {
    const page = await listMessages(dalSession('carol'), 'INBOX', 1);
    expect(page).toEqual({ folder: 'INBOX', messages: [], page: 1, pageCount: 1, total: 0 });
  });

  it(`pages newest first, ${PAGE_SIZE} per page, and clamps a page beyond the end to the last page`, async () => {
    const total = 2 * PAGE_SIZE + 20;
    const subjects = Array.from({ length: total }, (_, i) => `Message ${String(i + 1).padStart(3, '0')}`);
    await appendMany('carol', 'INBOX', await Promise.all(subjects.map(async (s, i) => ({ raw: await plain(s, i) }))));
    const session = dalSession('carol');
    const newestFirst = [...subjects].reverse();

    const first = await listMessages(session, 'INBOX', 1);
    expect(first).toMatchObject({ page: 1, pageCount: 3, total });
    expect(first.messages.map((m) => m.subject)).toEqual(newestFirst.slice(0, PAGE_SIZE));
    expect(first.messages[0]).toMatchObject({ from: [{ name: 'Sender', address: 'sender@example.org' }], date: new Date(Date.UTC(2026, 0, 1) + (total - 1) * 60_000).toISOString() });

    const second = await listMessages(session, 'INBOX', 2);
    expect(second.page).toBe(2);
    expect(second.messages.map((m) => m.subject)).toEqual(newestFirst.slice(PAGE_SIZE, 2 * PAGE_SIZE));

    const beyond = await listMessages(session, 'INBOX', 99);
    expect(beyond.page).toBe(3);
    expect(beyond.messages.map((m) => m.subject)).toEqual(newestFirst.slice(2 * PAGE_SIZE));
  });

  it('marks attachments, unread and flagged messages', async () => {
    await appendMany('carol', 'INBOX', [
      { raw: await htmlWithAttachment({ to: carol.email }), flags: ['\\Seen', '\\Flagged'] },
      { raw: await plain('plain unread') },
    ]);
    const { messages } = await listMessages(dalSession('carol'), 'INBOX', 1);
    const report = messages.find((m) => m.subject === 'Quarterly report with chart');
    const unread = messages.find((m) => m.subject === 'plain unread');
    expect(report).toMatchObject({ hasAttachment: true, seen: true, flagged: true });
    expect(report?.from).toEqual([{ name: 'Dana Finance', address: 'dana@finance.example' }]);
    expect(unread).toMatchObject({ hasAttachment: false, seen: false, flagged: false });
  });

  it('shows mail that arrived on another connection since the last call (the pooled selection is refreshed)', async () => {
    await appendMessage('carol', 'INBOX', await plain('first', 1));
    const session = dalSession('carol');
    const before = await listMessages(session, 'INBOX', 1);
    expect(before.messages.map((m) => m.subject)).toEqual(['first']);

    await appendMessage('carol', 'INBOX', await plain('arrived later', 2));
    const after = await listMessages(session, 'INBOX', 1);
    expect(after.total).toBe(2);
    expect(after.messages.map((m) => m.subject)).toEqual(['arrived later', 'first']);
  });

  it('refuses an unknown folder as not found', async () => {
    await expectMailError(listMessages(dalSession('carol'), 'No Such Folder', 1), 'not_found');
  });
});

describe('getMessage', () => {
  it('decodes subject, From and To, keeps the HTML safe, and lists the attachments', async () => {
    const uid = await appendMessage('carol', 'INBOX', await htmlWithAttachment({ to: `Carol Example <${carol.email}>` }));
    const view = await getMessage(dalSession('carol'), 'INBOX', uid, { allowRemote: false });

    expect(view.subject).toBe('Quarterly report with chart');
    expect(view.from).toEqual([{ name: 'Dana Finance', address: 'dana@finance.example' }]);
    expect(view.to).toEqual([{ name: 'Carol Example', address: carol.email }]);
    expect(view.html).toContain('Revenue grew 12%');
    // The inline chart is drawn from the message itself, never fetched by cid: or over the network.
    expect(view.html).toMatch(/<img[^>]+src="data:image\/png;base64,/);
    expect(view.html).not.toContain('cid:');
    expect(view.attachments.map((a) => a.filename)).toContain('report.pdf');
  });

  it('decodes encoded-word headers (UTF-8 subject and names)', async () => {
    const raw = await compose({ from: 'Jürgen Müller <juergen@beispiel.example>', to: carol.email, subject: 'Grüße aus München — 東京', text: 'Hallo' });
    const uid = await appendMessage('carol', 'INBOX', raw);
    const view = await getMessage(dalSession('carol'), 'INBOX', uid, { allowRemote: false });
    expect(view.subject).toBe('Grüße aus München — 東京');
    expect(view.from).toEqual([{ name: 'Jürgen Müller', address: 'juergen@beispiel.example' }]);
    expect(view.text).toContain('Hallo');
  });

  it('removes scripts, event handlers and javascript: links from HTML', async () => {
    const raw = await compose({
      from: 'Mallory <mallory@evil.example>',
      to: carol.email,
      subject: 'Totally harmless',
      html:
        '<p>Visible text</p><script>alert("script")</script>' +
        '<img src="x" onerror="alert(\'onerror\')"><a href="javascript:alert(\'link\')">click</a>' +
        '<iframe src="https://evil.example/"></iframe><form action="https://evil.example/"><input name="pw"></form>',
    });
    const uid = await appendMessage('carol', 'INBOX', raw);
    const view = await getMessage(dalSession('carol'), 'INBOX', uid, { allowRemote: false });
    expect(view.html).toContain('Visible text');
    expect(view.html).not.toMatch(/<script|onerror|javascript:|<iframe|<form|alert\(/i);
  });

  it('blocks remote images and stylesheets unless the reader allows them', async () => {
    const uid = await appendMessage('carol', 'INBOX', await newsletterWithRemoteContent({ to: carol.email }));
    const session = dalSession('carol');
    const blocked = await getMessage(session, 'INBOX', uid, { allowRemote: false });
    expect(blocked.hasRemoteContent).toBe(true);
    expect(blocked.html).toContain('The Weekly Byte #42');
    // Nothing that a browser would load: the pixel is parked in an inert attribute, the stylesheet dropped.
    expect(blocked.html).not.toMatch(/\ssrc="https?:/);
    expect(blocked.html).not.toContain('https://example.com/newsletter.css');

    const allowed = await getMessage(session, 'INBOX', uid, { allowRemote: true });
    expect(allowed.html).toMatch(/<img[^>]+\ssrc="https:\/\/example\.com\/track\.png"/);
  });

  it('marks the message as read on the server', async () => {
    const uid = await appendMessage('carol', 'INBOX', await plain('please read me'));
    const [before] = await findMessages('carol', 'INBOX', 'please read me');
    expect(before?.flags.has('\\Seen')).toBe(false);

    const view = await getMessage(dalSession('carol'), 'INBOX', uid, { allowRemote: false });
    expect(view.seen).toBe(true);
    const [after] = await findMessages('carol', 'INBOX', 'please read me');
    expect(after?.flags.has('\\Seen')).toBe(true);
  });

  it('reports an unknown UID as not found', async () => {
    const uid = await appendMessage('carol', 'INBOX', await plain('the only one'));
    await expectMailError(getMessage(dalSession('carol'), 'INBOX', uid + 1000, { allowRemote: false }), 'not_found');
  });

  it('reports an unknown folder as not found', async () => {
    await expectMailError(getMessage(dalSession('carol'), 'Deleted Long Ago', 1, { allowRemote: false }), 'not_found');
  });
});

describe('getMessageAttachment', () => {
  it('returns the bytes of report.pdf', async () => {
    const uid = await appendMessage('carol', 'INBOX', await htmlWithAttachment({ to: carol.email }));
    const session = dalSession('carol');
    const view = await getMessage(session, 'INBOX', uid, { allowRemote: false });
    const listed = view.attachments.find((a) => a.filename === 'report.pdf');
    expect(listed).toMatchObject({ contentType: 'application/pdf', inline: false });

    const file = await getMessageAttachment(session, 'INBOX', uid, listed!.partId);
    expect(file).toMatchObject({ filename: 'report.pdf', contentType: 'application/pdf' });
    expect(Buffer.from(file!.content).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file!.content.byteLength).toBe(listed!.size);
  });

  it('returns null for a part that does not exist', async () => {
    const uid = await appendMessage('carol', 'INBOX', await htmlWithAttachment({ to: carol.email }));
    expect(await getMessageAttachment(dalSession('carol'), 'INBOX', uid, '99')).toBeNull();
  });
});
