import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { ComposeEditor } from '@/components/compose/compose-editor';
import { MailShell } from '@/components/mail-shell';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession, type UserSession } from '@/lib/auth/current-session';
import { config } from '@/lib/config';
import { allowedFromAddresses } from '@/lib/domains';
import type { ComposeDraft } from '@/lib/mail/compose-types';
import { readDraft } from '@/lib/mail/draft-read';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { sendDuePending } from '@/lib/mail/pending-send';
import { composeFromOriginal, type ReplyKind } from '@/lib/mail/reply';
import { composeLimits } from '@/lib/mail/smtp-size';
import { DEFAULT_SETTINGS, getUserSettings, type UserSettings } from '@/lib/mail/user-settings';

export const metadata: Metadata = { title: 'Compose · Satchel' };

type Search = Record<string, string | string[] | undefined>;
const KINDS: ReplyKind[] = ['reply', 'reply-all', 'forward', 'forward-attachment'];
const TITLES: Record<ReplyKind | 'draft' | 'new', string> = {
  new: 'New message',
  draft: 'Draft',
  reply: 'Reply',
  'reply-all': 'Reply all',
  forward: 'Forward',
  'forward-attachment': 'Forward',
};

/** "<folder>/<uid>": the folder may itself contain slashes, the uid is after the last one. */
function messageParam(value: string | string[] | undefined): { folder: string; uid: number } | null {
  if (typeof value !== 'string') return null;
  const at = value.lastIndexOf('/');
  const folder = value.slice(0, at);
  const uid = Number(value.slice(at + 1));
  return at > 0 && folder && Number.isInteger(uid) && uid > 0 ? { folder, uid } : null;
}

function blank(email: string, mode: 'rich' | 'plain'): ComposeDraft {
  return { draftId: randomUUID(), from: email.toLowerCase(), to: '', cc: '', bcc: '', subject: '', mode, html: '', text: '', attachments: [], inReplyTo: null, references: [], source: null };
}

async function initialDraft(session: UserSession, search: Search, settings: UserSettings): Promise<{ draft: ComposeDraft; title: string }> {
  const draftRef = messageParam(search.draft);
  if (draftRef) return { draft: await loadOrFail(() => readDraft(session, draftRef.folder, draftRef.uid)), title: TITLES.draft };
  for (const kind of KINDS) {
    const ref = messageParam(search[kind]);
    if (ref) return { draft: await loadOrFail(() => composeFromOriginal(session, kind, ref.folder, ref.uid, settings.composeMode)), title: TITLES[kind] };
  }
  const draft = blank(session.email, settings.composeMode);
  const to = typeof search.to === 'string' ? search.to.slice(0, 1000) : '';
  return { draft: { ...draft, to }, title: TITLES.new };
}

export default async function ComposePage({ searchParams }: { searchParams: Promise<Search> }) {
  const session = await requireSession('/compose');
  // Whatever a restarted app node left waiting to be sent goes out now (claimed, never twice).
  void sendDuePending(session);
  const search = await searchParams;
  const settings = await getUserSettings(session).catch(() => DEFAULT_SETTINGS);
  const [folders, { draft, title }, limits] = await Promise.all([
    loadOrFail(() => listFolders(session)),
    initialDraft(session, search, settings),
    composeLimits(session.email),
  ]);
  return (
    <MailShell email={session.email} folders={folders} currentFolder={null} csrfToken={await csrfToken()}>
      <h1 className="border-b border-slate-200 bg-white px-4 py-3 text-lg font-semibold">{title}</h1>
      <ComposeEditor
        initial={draft}
        fromAddresses={allowedFromAddresses(session.email)}
        limits={limits}
        settings={settings}
        undoSeconds={config().compose.undoSendSeconds}
      />
    </MailShell>
  );
}
