'use server';

import { cookies, headers } from 'next/headers';
import { appRedirect } from '@/lib/app-redirect';
import { cookieSecure, sessionCookieName } from '@/lib/auth/cookies';
import { currentSession } from '@/lib/auth/current-session';
import { endAllSessions } from '@/lib/auth/sessions';
import { audit } from '@/lib/log';
import { checkRequest, requestFacts } from '@/lib/request-guard';

/**
 * "Sign out everywhere" (THREATS T11): ends every session of the signed-in address, this browser's
 * too. A Server Action is a public POST endpoint, so it re-checks the session and the origin itself.
 */
export async function signOutEverywhereAction(): Promise<void> {
  const session = await currentSession();
  if (!session) return appRedirect('/login');
  // A forged cross-site post changes nothing (the proxy refuses it first; this does not rely on that).
  if (!checkRequest(requestFacts('POST', await headers())).ok) return;
  const ended = await endAllSessions(session.email);
  (await cookies()).set(sessionCookieName(), '', { maxAge: 0, path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure() });
  audit('sign_out', { email: session.email, everywhere: true, sessions: ended });
  return appRedirect('/login');
}
