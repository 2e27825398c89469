// Owns drafts in the IMAP \Drafts folder: writing a ComposeDraft as a real MIME message (one version
// per draftId, the old one deleted only after the new APPEND succeeded), reading one back, discarding.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import type { UserSession } from '@/lib/auth/current-session';
import { config } from '@/lib/config';
import { allowedFromAddresses } from '@/lib/domains';
import { appendCatenated, canCatenate, splitAtPlaceholders } from './catenate';
import { recipientsSoFar } from './compose-input';
import type { ComposeDraft } from './compose-types';
import { DRAFT_ID_HEADER, DRAFT_META_HEADER, SEND_AT_HEADER, SEND_ID_HEADER, UPLOAD_FOR_HEADER, foldBase64 } from './draft-headers';
import { MailError } from './errors';
import { findSpecialFolder } from './folders';
import { withImap } from './imap-pool';
import { buildOutgoing, isMessageId, outgoingHtml, type OutgoingMessage } from './outgoing-mime';
import type { Address } from './types';
import { resolveAttachments } from './uploads';
import { getUserSettings } from './user-settings';

export type Pending = { sendId: string; sendAt: Date };
/** Who a message is from and to, as the headers will say. */
export type People = { from: Address; to: Address[]; cc: Address[]; bcc: Address[] };
export type WrittenDraft = { folder: string; uid: number; recipients: string[]; messageId: string };

export async function draftsFolder(session: UserSession): Promise<string> {
  const path = await findSpecialFolder(session, 'drafts');
  if (!path) throw new MailError('not_found', 'Your mailbox has no Drafts folder');
  return path;
}

/** The From address with the user's display name, or null when the user may not send as it. */
export async function fromAddress(session: UserSession, from: string): Promise<Address | null> {
  const wanted = from.trim().toLowerCase();
  if (!allowedFromAddresses(session.email).includes(wanted)) return null;
  const name = await getUserSettings(session).then((s) => s.displayName, () => '');
  return { name, address: wanted };
}

/** The editor's state, kept whole in one header so a reopened draft is exactly what was typed. */
function metaHeader(draft: ComposeDraft): string {
  const meta = { v: 1, from: draft.from, to: draft.to, cc: draft.cc, bcc: draft.bcc, subject: draft.subject, mode: draft.mode, inReplyTo: draft.inReplyTo, references: draft.references, source: draft.source, attachments: draft.attachments };
  return foldBase64(Buffer.from(JSON.stringify(meta), 'utf8').toString('base64'));
}

/** Deletes older versions of the draft and the uploads now folded into it (never the new version). */
async function pruneOld(client: ImapFlow, folder: string, draftId: string, newUid: number, holderUids: number[]): Promise<void> {
  const lock = await client.getMailboxLock(folder);
  try {
    const versions = (await client.search({ header: { [DRAFT_ID_HEADER]: draftId } }, { uid: true })) || [];
    const old = [...versions.filter((uid) => uid < newUid), ...holderUids.filter((uid) => uid !== newUid)];
    if (old.length) await client.messageDelete(old.join(','), { uid: true });
  } finally {
    lock.release();
  }
}

/**
 * Writes the draft as a complete message (attachments included) with \Draft, then removes the
 * previous version: at every moment at least one good copy is on the server. A pending send is the
 * same message with X-Satchel-Send-At/-Id; its bytes are what will be submitted. Where the server has
 * CATENATE, the attachments are copied on the server from where they already are (the upload or the
 * last version) and only the rest passes through here: a 20 MB file is not read and written back on
 * every autosave.
 */
export async function writeDraft(session: UserSession, draft: ComposeDraft, people: People, pending?: Pending): Promise<WrittenDraft> {
  const folder = await draftsFolder(session);
  const messageId = `<${randomUUID()}@${people.from.address.split('@')[1] ?? 'localhost'}>`;
  const byReference = await withImap(session.sid, session.creds, async (client) => canCatenate(client));
  const { raw, placeholders, recipients, holderUids } = await buildDraft(session, folder, draft, people, messageId, byReference, pending);
  const uid = await withImap(
    session.sid,
    session.creds,
    async (client) => {
      const flags = ['\\Draft', '\\Seen'];
      let newUid: number;
      if (placeholders.length) newUid = await appendCatenated(client, folder, flags, splitAtPlaceholders(raw, placeholders));
      else {
        const res = await client.append(folder, raw, flags);
        newUid = res && typeof res === 'object' && res.uid ? res.uid : 0;
      }
      if (!newUid) throw new MailError('unknown', 'The draft could not be saved');
      await pruneOld(client, folder, draft.draftId, newUid, holderUids);
      return newUid;
    },
    { retry: false, folder },
  );
  return { folder, uid, recipients, messageId };
}

// A function of its own so the attachments' bytes are garbage once the message is built: a 20 MB file
// is then not held twice (decoded and encoded) while the APPEND sends it.
async function buildDraft(session: UserSession, folder: string, draft: ComposeDraft, people: People, messageId: string, byReference: boolean, pending?: Pending) {
  const limit = config().compose.attachmentsMaxBytes;
  const { attachments, holderUids } = await resolveAttachments(session, folder, draft.draftId, draft.attachments, limit, { byReference });
  const message: OutgoingMessage = {
    ...people,
    subject: draft.subject,
    mode: draft.mode,
    html: draft.mode === 'rich' ? outgoingHtml(draft.html, new Set(draft.attachments.map((a) => a.id))) : '',
    text: draft.text,
    attachments,
    inReplyTo: draft.inReplyTo && isMessageId(draft.inReplyTo) ? draft.inReplyTo : null,
    references: draft.references.filter(isMessageId),
    messageId,
    date: new Date(),
    headers: [
      { key: DRAFT_ID_HEADER, value: draft.draftId },
      { key: DRAFT_META_HEADER, value: metaHeader(draft) },
      ...(pending ? [{ key: SEND_AT_HEADER, value: pending.sendAt.toISOString() }, { key: SEND_ID_HEADER, value: pending.sendId }] : []),
    ],
  };
  const built = await buildOutgoing(message, { keepBcc: true });
  return { ...built, holderUids };
}

/** Saves what the user typed, as far as it goes: addresses that do not parse yet are kept in the record only. */
export async function saveDraft(session: UserSession, draft: ComposeDraft, pending?: Pending): Promise<WrittenDraft> {
  const from = (await fromAddress(session, draft.from)) ?? (await fromAddress(session, session.email));
  const people: People = { from: from!, to: recipientsSoFar(draft.to), cc: recipientsSoFar(draft.cc), bcc: recipientsSoFar(draft.bcc) };
  return writeDraft(session, draft, people, pending);
}

/** Deletes every version of a draft and its uploads that were not folded in yet. */
export async function discardDraft(session: UserSession, draftId: string): Promise<void> {
  const folder = await draftsFolder(session);
  await withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      const versions = (await client.search({ header: { [DRAFT_ID_HEADER]: draftId } }, { uid: true })) || [];
      const uploads = (await client.search({ header: { [UPLOAD_FOR_HEADER]: draftId } }, { uid: true })) || [];
      const all = [...versions, ...uploads];
      if (all.length) await client.messageDelete(all.join(','), { uid: true });
    } finally {
      lock.release();
    }
  }, { folder });
}

