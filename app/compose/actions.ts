'use server';

import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { requireSession } from '@/lib/auth/current-session';
import { composeSchema } from '@/lib/mail/compose-input';
import { MailError } from '@/lib/mail/errors';
import { sendMessage } from '@/lib/mail/send';
import { checkRequest, requestFacts } from '@/lib/request-guard';
import type { ComposeState, ComposeValues } from '@/lib/mail/compose-state';

function valuesFrom(formData: FormData): ComposeValues {
  const entry = (name: keyof ComposeValues) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { to: entry('to'), cc: entry('cc'), bcc: entry('bcc'), subject: entry('subject'), body: entry('body'), sendId: entry('sendId') || randomUUID() };
}

/**
 * A Server Action is a public POST endpoint: it checks the session and the request's origin itself
 * (the proxy does too, but an action must not depend on it, THREATS T10, T15, T23) and validates
 * every field. Only the named fields are read: From/Sender/Reply-To are never taken from the form.
 */
export async function sendAction(previous: ComposeState, formData: FormData): Promise<ComposeState> {
  const session = await requireSession('/compose');
  const values = valuesFrom(formData);
  const attempt = previous.attempt + 1;
  if (!checkRequest(requestFacts('POST', await headers())).ok) {
    return { status: 'failed', message: 'This request did not come from Satchel. Your message was not sent', values, attempt };
  }
  const parsed = composeSchema.safeParse(values);
  if (!parsed.success) {
    return { status: 'invalid', message: parsed.error.issues[0]?.message ?? 'Please check the form', values, attempt };
  }
  try {
    await sendMessage(session, parsed.data);
  } catch (err) {
    const message = err instanceof MailError ? err.userMessage : 'Sending failed. Your message was not sent';
    return { status: 'failed', message, values, attempt };
  }
  redirect('/mail/INBOX?status=sent');
}
