// Owns the first state of a reply, reply all, forward or forward-as-attachment: subject without piled
// prefixes, threading headers, recipients without the user's own addresses, the original quoted
// under an attribution line, and the original's attachments (or the original itself) attached.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { UserSession } from '@/lib/auth/current-session';
import { allowedFromAddresses } from '@/lib/domains';
import { formatAddress } from './compose-input';
import type { AttachmentRef, ComposeDraft, ComposeSource } from './compose-types';
import { MAX_REFERENCES, isMessageId } from './outgoing-mime';
import { loadOriginal, type Original } from './original';
import type { Address, MessageView } from './types';
import { messageRefId, partRefId } from './uploads';

export type ReplyKind = ComposeSource['kind'];

// Re:, RE:, Aw:, Sv:, Fwd:, FW:, Wg:, also numbered (Re[2]:) and repeated, as mail apps write them.
const PREFIXES = /^(?:\s*(?:re|aw|sv|antw|fwd?|wg|tr)(?:\[\d+\])?\s*:)+\s*/i;

export function replySubject(kind: ReplyKind, subject: string): string {
  const bare = subject.replace(PREFIXES, '').trim();
  return `${kind === 'reply' || kind === 'reply-all' ? 'Re' : 'Fwd'}: ${bare}`;
}

/** References of the reply: the original's, then its Message-ID; capped keeping the thread's root. */
export function replyReferences(references: string[], messageId: string | null): string[] {
  const all = [...references, ...(messageId ? [messageId] : [])].filter(isMessageId);
  const unique = all.filter((id, i) => all.indexOf(id) === i);
  if (unique.length <= MAX_REFERENCES) return unique;
  return [unique[0]!, ...unique.slice(unique.length - (MAX_REFERENCES - 1))];
}

const who = (list: Address[]) => list.map((a) => (a.name ? `${a.name} <${a.address}>` : a.address)).join(', ');

function formatDate(iso: string | null): string {
  if (!iso) return 'an unknown date';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(iso)) + ' UTC';
}

export function attribution(view: MessageView): string {
  return `On ${formatDate(view.date)}, ${who(view.from) || 'someone'} wrote:`;
}

export const quoteText = (text: string) =>
  text
    .replace(/\r\n/g, '\n')
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line.startsWith('>') ? `>${line}` : `> ${line}`).trimEnd())
    .join('\n');

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const textAsHtml = (text: string) => escapeHtml(text.replace(/\r\n/g, '\n')).replace(/\n/g, '<br>');
/** The original as HTML: its sanitized HTML when it has one, else its text. */
const originalHtml = (view: MessageView) => view.html ?? `<div>${textAsHtml(view.text ?? '')}</div>`;

function forwardHeader(view: MessageView): string[] {
  return [
    '---------- Forwarded message ---------',
    `From: ${who(view.from)}`,
    `Date: ${formatDate(view.date)}`,
    `Subject: ${view.subject}`,
    `To: ${who(view.to)}`,
    ...(view.cc.length ? [`Cc: ${who(view.cc)}`] : []),
  ];
}

/** To and Cc of a reply: the user's own addresses (aliases included) left out, nobody twice. */
export function replyRecipients(view: MessageView, kind: ReplyKind, own: string[]): { to: Address[]; cc: Address[] } {
  const mine = new Set(own.map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const keep = (list: Address[]) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (!a.address || mine.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const fromMe = view.from.some((a) => mine.has(a.address.toLowerCase()));
  // Answering one's own sent message means writing to its recipients again.
  const primary = fromMe ? view.to : view.replyTo.length ? view.replyTo : view.from;
  if (kind === 'reply') return { to: keep(primary), cc: [] };
  const to = keep([...primary, ...(fromMe ? [] : view.to)]);
  return { to, cc: keep(view.cc) };
}

/** The user's address the original was sent to (an alias gets its answer from that alias). */
function replyFrom(view: MessageView, own: string[], fallback: string): string {
  const addressed = new Set([...view.to, ...view.cc].map((a) => a.address.toLowerCase()));
  return own.find((a) => addressed.has(a)) ?? fallback;
}

function attachmentsOf(original: Original, kind: ReplyKind): AttachmentRef[] {
  const { view } = original;
  if (kind === 'forward-attachment') {
    const id = messageRefId(view.folder, view.uid);
    const name = (view.subject.replace(/[^\p{L}\p{N} ._-]/gu, '').trim() || 'message').slice(0, 80);
    return id ? [{ id, filename: `${name}.eml`, size: original.size, contentType: 'message/rfc822' }] : [];
  }
  if (kind !== 'forward') return [];
  // Inline images are already in the quoted HTML; the rest travel on as attachments the user can drop.
  return view.attachments
    .filter((a) => !a.inline)
    .flatMap((a) => {
      const id = partRefId(view.folder, view.uid, a.partId);
      return id ? [{ id, filename: a.filename, size: a.size, contentType: a.contentType }] : [];
    });
}

/** Pure: the editor's first state for answering or forwarding this original. */
export function draftFor(original: Original, kind: ReplyKind, opts: { own: string[]; email: string; mode: 'rich' | 'plain' }): ComposeDraft {
  const { view } = original;
  const isReply = kind === 'reply' || kind === 'reply-all';
  const { to, cc } = isReply ? replyRecipients(view, kind, opts.own) : { to: [], cc: [] };
  let text = '';
  let html = '';
  if (isReply) {
    text = `\n\n${attribution(view)}\n${quoteText(view.text ?? '')}\n`;
    html = `<p><br></p><p>${escapeHtml(attribution(view))}</p><blockquote type="cite">${originalHtml(view)}</blockquote>`;
  } else if (kind === 'forward') {
    const head = forwardHeader(view);
    text = `\n\n${head.join('\n')}\n\n${view.text ?? ''}`;
    html = `<p><br></p><p>${head.map(escapeHtml).join('<br>')}</p><div>${originalHtml(view)}</div>`;
  }
  const messageId = view.messageId && isMessageId(view.messageId) ? view.messageId : null;
  return {
    draftId: randomUUID(),
    from: replyFrom(view, opts.own, opts.email),
    to: to.map(formatAddress).join(', '),
    cc: cc.map(formatAddress).join(', '),
    bcc: '',
    subject: replySubject(kind, view.subject),
    mode: opts.mode,
    html: opts.mode === 'rich' ? html : '',
    text,
    attachments: attachmentsOf(original, kind),
    inReplyTo: isReply ? messageId : null,
    references: isReply ? replyReferences(original.references, messageId) : [],
    source: { kind, folder: view.folder, uid: view.uid },
  };
}

/** /compose?reply=<folder>/<uid> and friends. */
export async function composeFromOriginal(session: UserSession, kind: ReplyKind, folder: string, uid: number, mode: 'rich' | 'plain'): Promise<ComposeDraft> {
  const original = await loadOriginal(session, folder, uid);
  return draftFor(original, kind, { own: allowedFromAddresses(session.email), email: session.email.toLowerCase(), mode });
}
