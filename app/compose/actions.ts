'use server';

import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { appRedirect } from '@/lib/app-redirect';
import { requireSession } from '@/lib/auth/current-session';
import { composeSchema } from '@/lib/mail/compose-input';
import type { ComposeDraft, SaveDraftResult, SendResult, SendStatus, UndoResult } from '@/lib/mail/compose-types';
import { DRAFT_ID, parseDraft } from '@/lib/mail/draft-input';
import { discardDraft, saveDraft } from '@/lib/mail/drafts';
import { MailError, logMailError } from '@/lib/mail/errors';
import { queueSend, sendDuePending, sendStatus, undoSend } from '@/lib/mail/pending-send';
import { sendMessage } from '@/lib/mail/send';
import { checkRequest, requestFacts } from '@/lib/request-guard';
import type { ComposeState, ComposeValues } from '@/lib/mail/compose-state';

const FORGED = 'This request did not come from Satchel';
const SEND_ID = /^[0-9a-f-]{36}$/;
const userMessage = (err: unknown, fallback: string) => (err instanceof MailError ? err.userMessage : fallback);

async function forged(): Promise<boolean> {
  return !checkRequest(requestFacts('POST', await headers())).ok;
}

/** Autosave: writes the draft to Drafts, replacing its previous version. */
export async function saveDraftAction(input: ComposeDraft): Promise<SaveDraftResult> {
  const session = await requireSession('/compose');
  if (await forged()) return { status: 'failed', message: `${FORGED}. Your draft was not saved` };
  const parsed = parseDraft(input);
  if (!parsed.ok) return { status: 'failed', message: parsed.message };
  try {
    await saveDraft(session, parsed.draft);
    return { status: 'saved', savedAt: new Date().toISOString() };
  } catch (err) {
    logMailError('save draft', err);
    return { status: 'failed', message: userMessage(err, 'The draft could not be saved') };
  }
}

/** Send: checks everything, keeps the message in Drafts marked pending, and sends it when the undo window closes. */
export async function sendDraftAction(input: ComposeDraft): Promise<SendResult> {
  const session = await requireSession('/compose');
  if (await forged()) return { status: 'failed', message: `${FORGED}. Your message was not sent` };
  const parsed = parseDraft(input);
  if (!parsed.ok) return { status: 'invalid', message: parsed.message };
  return queueSend(session, parsed.draft);
}

export async function undoSendAction(sendId: string): Promise<UndoResult> {
  const session = await requireSession('/compose');
  if (await forged()) return { status: 'too_late', message: FORGED };
  if (typeof sendId !== 'string' || !SEND_ID.test(sendId)) return { status: 'too_late', message: 'That message is not waiting to be sent' };
  return undoSend(session, sendId);
}

export async function sendStatusAction(sendId: string): Promise<SendStatus> {
  const session = await requireSession('/compose');
  if (typeof sendId !== 'string' || !SEND_ID.test(sendId)) return { status: 'unknown' };
  // Any request of the user also sends what a restarted node left pending.
  void sendDuePending(session);
  return sendStatus(session, sendId);
}

export async function discardDraftAction(draftId: string): Promise<void> {
  const session = await requireSession('/compose');
  if (await forged()) return;
  if (typeof draftId !== 'string' || !DRAFT_ID.test(draftId)) return;
  try {
    await discardDraft(session, draftId);
  } catch (err) {
    logMailError('discard draft', err);
  }
}


function valuesFrom(formData: FormData): ComposeValues {
  const entry = (name: keyof ComposeValues) => {
    const value = formData.get(name);
    return typeof value === 'string' ? value : '';
  };
  return { to: entry('to'), cc: entry('cc'), bcc: entry('bcc'), subject: entry('subject'), body: entry('body'), sendId: entry('sendId') || randomUUID(), source: entry('source') };
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
  // The form's sendId is its draft's id (components/compose): a sent draft leaves Drafts.
  if (DRAFT_ID.test(values.sendId)) await discardDraft(session, values.sendId).catch((err: unknown) => logMailError('discard sent draft', err));
  return appRedirect('/mail/INBOX?status=sent');
}
