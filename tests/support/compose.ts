// Compose test helpers: a ComposeDraft with defaults, a tiny PNG, and an upload through the DAL.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { UserSession } from '@/lib/auth/current-session';
import type { AttachmentRef, ComposeDraft } from '@/lib/mail/compose-types';
import { draftsFolder } from '@/lib/mail/drafts';
import { storeUpload } from '@/lib/mail/uploads';

/** writer's draft in rich mode unless the fields say otherwise. */
export function composeDraft(fields: Partial<ComposeDraft> = {}): ComposeDraft {
  return {
    draftId: randomUUID(),
    from: 'writer@satchel.test',
    to: '',
    cc: '',
    bcc: '',
    subject: '',
    mode: 'rich',
    html: '<p>Hello from the compose tests.</p>',
    text: '',
    attachments: [],
    inReplyTo: null,
    references: [],
    source: null,
    ...fields,
  };
}

// 1×1 transparent PNG.
export const tinyPng = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

export async function uploadBytes(session: UserSession, draftId: string, filename: string, contentType: string, bytes: Buffer | Readable, maxBytes = 25 * 1024 * 1024): Promise<AttachmentRef> {
  const body = Buffer.isBuffer(bytes) ? Readable.from([bytes]) : bytes;
  return storeUpload(session, await draftsFolder(session), { draftId, filename, contentType, body, maxBytes });
}
