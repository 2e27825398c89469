import type { Metadata } from 'next';
import { MailAppSetup } from '@/components/mail-app-setup';
import { MailShell } from '@/components/mail-shell';
import { csrfToken } from '@/lib/auth/csrf';
import { requireSession } from '@/lib/auth/current-session';
import { withBasePath } from '@/lib/base-path';
import { listFolders } from '@/lib/mail/folders';
import { loadOrFail } from '@/lib/mail/load-or-fail';
import { setupFactsForAddress } from '@/lib/mail-app-setup/lookup';
import { absoluteUrl } from '@/lib/mail-app-setup/page-url';
import { qrDrawing } from '@/lib/mail-app-setup/qr';

export const metadata: Metadata = { title: 'Set up your mail app · Satchel' };

const PATH = '/settings/mail-apps';

export default async function MailAppsPage() {
  const session = await requireSession(PATH);
  const folders = await loadOrFail(() => listFolders(session));
  const facts = setupFactsForAddress(session.email);
  return (
    <MailShell email={session.email} folders={folders} currentFolder={null} csrfToken={await csrfToken()}>
      <h1 className="border-b border-slate-200 bg-white px-4 py-3 text-lg font-semibold">Set up your mail app</h1>
      {facts ? (
        <MailAppSetup facts={facts} email={session.email} profileHref={withBasePath(`${PATH}/profile`)} qr={qrDrawing(await absoluteUrl(PATH))} />
      ) : (
        <p className="p-4 text-sm text-slate-700">There are no mail app settings for your address on this server. Please ask your provider.</p>
      )}
    </MailShell>
  );
}
