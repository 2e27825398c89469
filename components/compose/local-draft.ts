// Owns the browser's own copy of what the user typed (localStorage), so a dropped connection, an
// expired session or a closed tab loses nothing. Only the draft's fields are stored: no session data.
import type { ComposeDraft } from '@/lib/mail/compose-types';

export type LocalCopy = {
  draft: ComposeDraft;
  /** When the user last changed something (ms since epoch). */
  editedAt: number;
  /** When the server last confirmed a save of this draft, or 0. */
  serverSavedAt: number;
};

const PREFIX = 'satchel:draft:';
// A local copy is a safety net, not an archive: older ones are offered once more, then forgotten.
const MAX_AGE_MS = 30 * 24 * 3600_000;

const keyOf = (user: string, draftId: string) => `${PREFIX}${user.toLowerCase()}:${draftId}`;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked storage (privacy mode): the server copy still works
  }
}

export function writeLocalCopy(user: string, copy: LocalCopy): void {
  try {
    storage()?.setItem(keyOf(user, copy.draft.draftId), JSON.stringify(copy));
  } catch {
    // Quota exceeded: nothing more can be kept locally; the server autosave carries on.
  }
}

export function removeLocalCopy(user: string, draftId: string): void {
  storage()?.removeItem(keyOf(user, draftId));
}

function readCopy(raw: string | null): LocalCopy | null {
  if (!raw) return null;
  try {
    const copy = JSON.parse(raw) as Partial<LocalCopy>;
    const d = copy.draft as Partial<ComposeDraft> | undefined;
    if (!d || typeof d.draftId !== 'string' || typeof copy.editedAt !== 'number') return null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      editedAt: copy.editedAt,
      serverSavedAt: typeof copy.serverSavedAt === 'number' ? copy.serverSavedAt : 0,
      draft: {
        draftId: d.draftId,
        from: text(d.from),
        to: text(d.to),
        cc: text(d.cc),
        bcc: text(d.bcc),
        subject: text(d.subject),
        mode: d.mode === 'plain' ? 'plain' : 'rich',
        html: text(d.html),
        text: text(d.text),
        attachments: Array.isArray(d.attachments) ? d.attachments : [],
        inReplyTo: typeof d.inReplyTo === 'string' ? d.inReplyTo : null,
        references: Array.isArray(d.references) ? d.references.filter((r) => typeof r === 'string') : [],
        source: d.source ?? null,
      },
    };
  } catch {
    return null;
  }
}

/**
 * The newest local copy of this user holding changes the server never confirmed, other than the
 * draft on screen (or that draft itself when the local copy is newer than what the server had).
 */
export function unsavedLocalCopy(user: string, current: { draftId: string; serverSavedAt: number }): LocalCopy | null {
  const store = storage();
  if (!store) return null;
  const prefix = `${PREFIX}${user.toLowerCase()}:`;
  let best: LocalCopy | null = null;
  for (let i = 0; i < Math.min(store.length, 1000); i++) {
    const key = store.key(i);
    if (!key?.startsWith(prefix)) continue;
    const copy = readCopy(store.getItem(key));
    if (!copy) continue;
    const stale = Date.now() - copy.editedAt > MAX_AGE_MS;
    const confirmed = copy.editedAt <= copy.serverSavedAt;
    const sameDraftOlder = copy.draft.draftId === current.draftId && copy.editedAt <= current.serverSavedAt;
    if (stale || confirmed || sameDraftOlder) continue;
    if (!best || copy.editedAt > best.editedAt) best = copy;
  }
  return best;
}
