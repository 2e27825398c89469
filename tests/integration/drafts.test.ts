// Drafts in writer's IMAP \Drafts folder (lib/mail/drafts.ts, draft-read.ts): a save replaces the
// previous version, a draft reopens exactly as typed (attachments included), sending removes it.
import { randomBytes } from 'node:crypto';
import PostalMime from 'postal-mime';
import { afterAll, describe, expect, it } from 'vitest';
import type { SendStatus } from '@/lib/mail/compose-types';
import { readDraft } from '@/lib/mail/draft-read';
import { discardDraft, saveDraft } from '@/lib/mail/drafts';
import { queueSend, sendStatus } from '@/lib/mail/pending-send';
import { resolveAttachments } from '@/lib/mail/uploads';
import { composeDraft, tinyPng, uploadBytes } from '../support/compose';
import { closeDalSessions, configureDal, dalSession, headerOf, serverUsers, sleep, uniqueSubject } from '../support/dal-session';
import { findMessages, waitForMessage, withUserImap } from '../support/imap';

process.env.UNDO_SEND_SECONDS = '1';
configureDal();
const { bob } = serverUsers();

afterAll(async () => {
  await closeDalSessions();
});

describe('drafts', () => {
  it('saves to Drafts with \\Draft and replaces the previous version instead of piling up copies', async () => {
    const subject = uniqueSubject('Draft v');
    const session = dalSession('writer');
    const draft = composeDraft({ to: bob.email, subject, html: '<p>first</p>' });
    await saveDraft(session, draft);
    await saveDraft(session, { ...draft, html: '<p>second</p>' });
    await saveDraft(session, { ...draft, html: '<p>third</p>' });
    const stored = await findMessages('writer', 'Drafts', subject);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.flags.has('\\Draft')).toBe(true);
    expect(stored[0]!.source.toString()).toContain('third');
    expect(headerOf(stored[0]!.source, 'X-Satchel-Draft-Id')).toBe(draft.draftId);
  });

  it('reopens a draft exactly as typed: half-typed addresses, Bcc, body and attachments', async () => {
    const subject = uniqueSubject('Reopen me');
    const session = dalSession('writer');
    const draft = composeDraft({ to: `Bob <${bob.email}>, bo`, bcc: 'carol@satchel.test', subject, html: '<p>Keep <i>this</i></p>' });
    const image = await uploadBytes(session, draft.draftId, 'dot.png', 'image/png', tinyPng);
    await saveDraft(session, { ...draft, html: `<p>Keep <i>this</i> <img src="cid:${image.cid}"></p>`, attachments: [image] });
    const [stored] = await findMessages('writer', 'Drafts', subject);
    // The upload was folded into the draft and its holder message deleted.
    expect(await findMessages('writer', 'Drafts', 'Attachment: dot.png')).toHaveLength(0);

    const reopened = await readDraft(dalSession('writer'), 'Drafts', stored!.uid);
    expect(reopened).toMatchObject({ draftId: draft.draftId, to: `Bob <${bob.email}>, bo`, bcc: 'carol@satchel.test', subject, mode: 'rich' });
    expect(reopened.html).toContain('<i>this</i>');
    expect(reopened.html).toContain(`src="cid:${image.cid}"`);
    expect(reopened.attachments).toEqual([image]);
    // The bytes are found again in the saved draft (what the next save and the send will do).
    const { attachments } = await resolveAttachments(session, 'Drafts', draft.draftId, reopened.attachments, 1_000_000);
    expect((attachments[0]!.content as Buffer).equals(tinyPng)).toBe(true);
  });

  it('sending a draft removes it from Drafts', async () => {
    const subject = uniqueSubject('Send from draft');
    const session = dalSession('writer');
    const draft = composeDraft({ to: bob.email, subject });
    await saveDraft(session, draft);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(1);
    const result = await queueSend(session, draft);
    expect(result.status).toBe('queued');
    let status: SendStatus = { status: 'pending' };
    for (let i = 0; i < 100 && status.status === 'pending'; i++) {
      await sleep(200);
      status = await sendStatus(session, (result as { sendId: string }).sendId);
    }
    expect(status.status).toBe('sent');
    await waitForMessage('bob', 'INBOX', subject);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
  });

  it('assembles drafts and Sent on the server (CATENATE): the file arrives intact in bob\'s inbox, in Sent and in every version', async () => {
    expect(await withUserImap('writer', async (client) => client.capabilities.has('CATENATE'))).toBe(true);
    const subject = uniqueSubject('Catenated');
    const session = dalSession('writer');
    const file = randomBytes(300_000);
    const draft = composeDraft({ to: bob.email, subject, html: '<p>The file</p>' });
    const ref = await uploadBytes(session, draft.draftId, 'data.bin', 'application/octet-stream', file);
    // Twice: the second version copies the file from the first, which is then deleted.
    await saveDraft(session, { ...draft, attachments: [ref] });
    await saveDraft(session, { ...draft, html: '<p>The file, again</p>', attachments: [ref] });
    const [stored] = await findMessages('writer', 'Drafts', subject);
    const reopened = await PostalMime.parse(stored!.source);
    expect(reopened.html).toContain('again');
    expect(Buffer.from(reopened.attachments[0]!.content as ArrayBuffer).equals(file)).toBe(true);

    const result = await queueSend(session, { ...draft, attachments: [ref] });
    expect(result.status).toBe('queued');
    let status: SendStatus = { status: 'pending' };
    for (let i = 0; i < 100 && status.status === 'pending'; i++) {
      await sleep(200);
      status = await sendStatus(session, (result as { sendId: string }).sendId);
    }
    expect(status.status).toBe('sent');
    const received = await waitForMessage('bob', 'INBOX', subject);
    const [sent] = await findMessages('writer', 'Sent', subject);
    for (const raw of [received.source, sent!.source]) {
      const email = await PostalMime.parse(raw);
      expect(email.attachments.map((a) => a.filename)).toEqual(['data.bin']);
      expect(Buffer.from(email.attachments[0]!.content as ArrayBuffer).equals(file)).toBe(true);
      expect(headerOf(raw, 'X-Satchel-Draft-Id')).toBeNull();
      expect(headerOf(raw, 'X-Satchel-Send-Id')).toBeNull();
    }
    // Sent holds the very bytes bob got, after the headers Postfix added on the way.
    expect(received.source.toString('latin1').endsWith(sent!.source.toString('latin1'))).toBe(true);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
  });

  it('discarding removes every version and any upload not folded in yet', async () => {
    const subject = uniqueSubject('Throw away');
    const session = dalSession('writer');
    const draft = composeDraft({ subject });
    await saveDraft(session, draft);
    await uploadBytes(session, draft.draftId, 'lonely.txt', 'text/plain', Buffer.from('x'));
    await discardDraft(session, draft.draftId);
    expect(await findMessages('writer', 'Drafts', subject)).toHaveLength(0);
    expect(await findMessages('writer', 'Drafts', 'Attachment: lonely.txt')).toHaveLength(0);
  });
});
