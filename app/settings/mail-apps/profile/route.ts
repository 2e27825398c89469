// The signed-in user's Apple configuration profile (.mobileconfig): a download, no password inside.
import { redirect } from 'next/navigation';
import { currentSession, signInHref } from '@/lib/auth/current-session';
import { withBasePath } from '@/lib/base-path';
import { downloadResponse } from '@/lib/download-response';
import { setupFactsForAddress } from '@/lib/mail-app-setup/lookup';
import { mobileconfigFilename, mobileconfigXml } from '@/lib/mail-app-setup/mobileconfig';

export async function GET(): Promise<Response> {
  // Signed out (e.g. a phone that scanned the setup page's code): sign in, then the download starts.
  const session = await currentSession();
  // A route handler's redirect() gets no BASE_PATH from Next (a page's does).
  if (!session) redirect(withBasePath(signInHref('/settings/mail-apps/profile')));
  const facts = setupFactsForAddress(session.email);
  if (!facts) return new Response('No mail settings for your address', { status: 404 });
  const profile = new TextEncoder().encode(mobileconfigXml(facts, session.email));
  return downloadResponse(profile, mobileconfigFilename(facts.domain), 'application/x-apple-aspen-config');
}
