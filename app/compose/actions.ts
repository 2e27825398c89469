'use server';

import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { requireSession } from '@/lib/auth/current-session';
import { composeSchema } from '@/lib/mail/compose-input';
import { MailError } from '@/lib/mail/errors';
import { sendMessage } from '@/lib/mail/send';
import type { ComposeState, ComposeValues } from '@/lib/mail/compose-state';

function valuesFrom(formData: FormData): ComposeValues {
  const entry = (name: keyof ComposeValues) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { to: entry('to'), cc: entry('cc'), bcc: entry('bcc'), subject: entry('subject'), body: entry('body'), sendId: entry('sendId') || randomUUID() };
}

/** A Server Action is a public POST endpoint: it checks the session itself and validates every field. */
export async function sendAction(previous: ComposeState, formData: FormData): Promise<ComposeState> {
  const session = await requireSession('/compose');
  const values = valuesFrom(formData);
  const attempt = previous.attempt + 1;
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
