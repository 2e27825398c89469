// The signed-in user's Apple configuration profile (.mobileconfig): a download, no password inside.
import { requireSession } from '@/lib/auth/current-session';
import { downloadResponse } from '@/lib/download-response';
import { setupFactsForAddress } from '@/lib/mail-app-setup/lookup';
import { mobileconfigFilename, mobileconfigXml } from '@/lib/mail-app-setup/mobileconfig';

export async function GET(): Promise<Response> {
  // Signed out (e.g. a phone that scanned the setup page's code): sign in, then the download starts.
  const session = await requireSession('/settings/mail-apps/profile');
  const facts = setupFactsForAddress(session.email);
  if (!facts) return new Response('No mail settings for your address', { status: 404 });
  const profile = new TextEncoder().encode(mobileconfigXml(facts, session.email));
  return downloadResponse(profile, mobileconfigFilename(facts.domain), 'application/x-apple-aspen-config');
}
