import type { Metadata } from 'next';
import { randomUUID } from 'node:crypto';
import { ComposeForm } from '@/components/compose-form';
import { MailShell } from '@/components/mail-shell';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { sendAction } from './actions';

export const metadata: Metadata = { title: 'Compose · Satchel' };

export default async function ComposePage() {
  const session = await requireSession('/compose');
  const folders = await loadOrFail(() => listFolders(session));
  const initial = {
    status: 'idle' as const,
    message: null,
    values: { to: '', cc: '', bcc: '', subject: '', body: '', sendId: randomUUID() },
    attempt: 0,
  };
  return (
    <MailShell email={session.email} folders={folders} currentFolder={null} csrfToken={await csrfToken()}>
      <h1 className="border-b border-slate-200 bg-white px-4 py-3 text-lg font-semibold">New message</h1>
      <ComposeForm from={session.email} initial={initial} action={sendAction} />
    </MailShell>
  );
}
