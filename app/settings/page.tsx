import type { Metadata } from 'next';
import { MailShell } from '@/components/mail-shell';
import { SettingsForm } from '@/components/compose/settings-form';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { LIMITS, getUserSettings } from '@/lib/mail/user-settings';
import { saveSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Settings · Satchel' };

export default async function SettingsPage() {
  const session = await requireSession('/settings');
  const [folders, settings] = await loadOrFail(() => Promise.all([listFolders(session), getUserSettings(session)]));
  return (
    <MailShell email={session.email} folders={folders} currentFolder={null} csrfToken={await csrfToken()}>
      <h1 className="border-b border-slate-200 bg-white px-4 py-3 text-lg font-semibold">Settings</h1>
      <SettingsForm
        email={session.email}
        limits={LIMITS}
        initial={{ status: 'idle', message: null, values: settings, attempt: 0 }}
        action={saveSettingsAction}
      />
    </MailShell>
  );
}
