'use server';

import { headers } from 'next/headers';
import { requireSession } from '@/lib/auth/current-session';
import { MailError, logMailError } from '@/lib/mail/errors';
import { saveUserSettings, userSettingsSchema } from '@/lib/mail/user-settings';
import type { SettingsState } from '@/components/compose/settings-form';
import { checkRequest, requestFacts } from '@/lib/request-guard';

function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Saves display name, signatures and compose mode on the mail server. A Server Action is a public
 * POST endpoint: it re-checks the session and the origin itself and validates every field.
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
  try {
    const saved = await saveUserSettings(session, parsed.data);
    return { status: 'saved', message: 'Settings saved', values: saved, attempt };
  } catch (err) {
    if (!(err instanceof MailError) || err.code === 'unknown' || err.code === 'unreachable') logMailError('settings', err);
    const message = err instanceof MailError ? err.userMessage : 'Your settings could not be saved';
    return { status: 'failed', message, values, attempt };
  }
}
