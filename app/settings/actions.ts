'use server';

import { createHash, timingSafeEqual } from 'node:crypto';
import { cookies, headers } from 'next/headers';
import { cookieSecure, sessionCookieName } from '@/lib/auth/cookies';
import { appRedirect } from '@/lib/app-redirect';
import { requireSession } from '@/lib/auth/current-session';
import { endSession } from '@/lib/auth/sessions';
import { SETTINGS_REAUTH_FAILED } from '@/lib/auth/options';
import { audit } from '@/lib/log';
import { notifyUser } from '@/lib/mail/notify-user';
import { MailError, logMailError } from '@/lib/mail/errors';
import { saveUserSettings, userSettingsSchema } from '@/lib/mail/user-settings';
import type { SettingsState } from '@/components/compose/settings-form';
import { checkRequest, requestFacts } from '@/lib/request-guard';

const digest = (value: string) => createHash('sha256').update(value).digest();
const samePassword = (typed: string, stored: string) => timingSafeEqual(digest(typed), digest(stored));

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Saves display name, signatures and compose mode on the mail server. A Server Action is a public
 * POST endpoint: it re-checks the session and the origin itself and validates every field.
 * THREATS T22: someone holding a stolen session must not quietly plant a signature or a new name
 * that outlives it, so the password is asked again (one wrong answer ends the session: a stolen
 * cookie buys no guessing) and the owner finds a notice in their INBOX after each change.
 */
export async function saveSettingsAction(previous: SettingsState, formData: FormData): Promise<SettingsState> {
  const session = await requireSession('/settings');
  const values = {
    displayName: field(formData, 'displayName'),
    signatureText: field(formData, 'signatureText'),
    signatureHtml: field(formData, 'signatureHtml'),
    composeMode: field(formData, 'composeMode') === 'plain' ? ('plain' as const) : ('rich' as const),
  };
  const attempt = previous.attempt + 1;
  if (!checkRequest(requestFacts('POST', await headers())).ok) {
    return { status: 'failed', message: 'This request did not come from Satchel. Nothing was saved', values, attempt };
  }
  const parsed = userSettingsSchema.safeParse(values);
  if (!parsed.success) return { status: 'invalid', message: parsed.error.issues[0]?.message ?? 'Please check the form', values, attempt };
  const password = field(formData, 'currentPassword');
  if (!password) return { status: 'invalid', message: 'Enter your password to save these settings', values, attempt };
  if (!samePassword(password, session.creds.password)) {
    await endSession(session.sid);
    (await cookies()).set(sessionCookieName(), '', { maxAge: 0, path: '/', httpOnly: true, sameSite: 'lax', secure: cookieSecure() });
    audit('session_ended', { reason: 'settings_reauth_failed', email: session.email });
    return appRedirect(`/login?error=${SETTINGS_REAUTH_FAILED}`);
  }
  try {
    const saved = await saveUserSettings(session, parsed.data);
    await notifyUser(
      session,
      'Your Satchel settings were changed',
      `Your display name, signature or compose settings were changed in Satchel on ${new Date().toUTCString()}.\n\n` +
        'If this was not you, change your mail password now and use "Sign out everywhere" in Satchel.',
    ).catch((err: unknown) => logMailError('settings notice', err));
    return { status: 'saved', message: 'Settings saved', values: saved, attempt };
  } catch (err) {
    if (!(err instanceof MailError) || err.code === 'unknown' || err.code === 'unreachable') logMailError('settings', err);
    const message = err instanceof MailError ? err.userMessage : 'Your settings could not be saved';
    return { status: 'failed', message, values, attempt };
  }
}
