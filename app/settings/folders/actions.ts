'use server';

import { headers } from 'next/headers';
import { appRedirect } from '@/lib/app-redirect';
import { requireSession, type UserSession } from '@/lib/auth/current-session';
import { MailError, logMailError } from '@/lib/mail/errors';
import { createFolder, deleteFolder, renameFolder, setSubscribed } from '@/lib/mail/folder-admin';
import { noticeHref } from '@/lib/mail/organize-notice';
import { checkRequest, requestFacts } from '@/lib/request-guard';

const PAGE = '/settings/folders';

const field = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
};

/** First zod issue, a MailError's words, or a generic line; internal causes go to the log only. */
function messageOf(err: unknown): string {
  const issues = (err as { issues?: Array<{ message: string }> })?.issues;
  if ((err as { name?: string })?.name === 'ZodError' && issues?.[0]) return issues[0].message;
  if (err instanceof MailError) {
    if (err.code !== 'invalid_input' && err.code !== 'not_found') logMailError('folders', err);
    return err.userMessage;
  }
  logMailError('folders', err);
  return 'Something went wrong. Nothing was changed';
}

/**
 * Public POST endpoints like every Server Action: session and origin re-checked here (THREATS T10,
 * T23), names validated in the DAL (T20). They redirect back with a sealed status line, so the page
 * works the same with or without JavaScript.
 */
async function change(work: (session: UserSession) => Promise<string>): Promise<never> {
  const session = await requireSession(PAGE);
  if (!checkRequest(requestFacts('POST', await headers())).ok) {
    return appRedirect(noticeHref(PAGE, { tone: 'failed', message: 'This request did not come from Satchel. Nothing was changed' }));
  }
  let done: string;
  try {
    done = await work(session);
  } catch (err) {
    return appRedirect(noticeHref(PAGE, { tone: 'failed', message: messageOf(err) }));
  }
  return appRedirect(noticeHref(PAGE, { tone: 'done', message: done }));
}

export async function createFolderAction(data: FormData): Promise<void> {
  await change(async (session) => {
    const path = await createFolder(session, field(data, 'parent'), field(data, 'name'));
    return `Folder "${path}" created`;
  });
}

export async function renameFolderAction(data: FormData): Promise<void> {
  await change(async (session) => {
    const path = await renameFolder(session, field(data, 'path'), field(data, 'name'));
    return `Folder renamed to "${path}"`;
  });
}

export async function deleteFolderAction(data: FormData): Promise<void> {
  await change(async (session) => {
    await deleteFolder(session, field(data, 'path'));
    return `Folder "${field(data, 'path')}" deleted`;
  });
}

export async function subscribeFolderAction(data: FormData): Promise<void> {
  await change(async (session) => {
    const show = field(data, 'subscribe') === '1';
    await setSubscribed(session, field(data, 'path'), show);
    return show ? `"${field(data, 'path')}" is shown in the folder list` : `"${field(data, 'path')}" is hidden from the folder list`;
  });
}
