'use server';

import { headers } from 'next/headers';
import { appRedirect } from '@/lib/app-redirect';
import { requireSession, type UserSession } from '@/lib/auth/current-session';
import { MailError, logMailError } from '@/lib/mail/errors';
import { folderHref, organizeSchema, specialFolderUseSchema } from '@/lib/mail/mailbox-input';
import { MissingFolderError, createSpecialFolder, describe, organize, undoMove, type MissingUse, type OrganizeOp as DalOp } from '@/lib/mail/organize';
import { noticeHref, type Notice } from '@/lib/mail/organize-notice';
import { openUndo, sealUndo } from '@/lib/mail/undo-token';
import { checkRequest, requestFacts } from '@/lib/request-guard';
import { safeReturnPath } from '@/lib/safe-return-path';

export type OrganizeOp = DalOp;
export type OrganizeInput = { folder: string; uids: number[] | 'all'; op: OrganizeOp; target?: string };
export type OrganizeResult =
  | { status: 'done'; message: string; undo: string | null }
  | { status: 'failed'; message: string; missing?: MissingUse };

const FORGED = 'This request did not come from Satchel. Nothing was changed';

/**
 * Every action here is a public POST endpoint: it checks the session and the request's origin
 * itself (THREATS T10, T23) and validates its input; ownership is the session's IMAP login, which
 * can reach no one else's mail.
 */
async function guard(returnTo: string): Promise<UserSession | null> {
  const session = await requireSession(returnTo);
  return checkRequest(requestFacts('POST', await headers())).ok ? session : null;
}

function failure(err: unknown): Extract<OrganizeResult, { status: 'failed' }> {
  if (err instanceof MissingFolderError) return { status: 'failed', message: err.userMessage, missing: err.use };
  if (err instanceof MailError && (err.code === 'invalid_input' || err.code === 'not_found')) return { status: 'failed', message: err.userMessage };
  logMailError('organize', err);
  return { status: 'failed', message: err instanceof MailError ? err.userMessage : 'Something went wrong. Nothing was changed' };
}

const lastSegment = (path: string | null) => (path === 'INBOX' ? 'Inbox' : (path?.split('/').pop() ?? null));

async function run(session: UserSession, input: unknown): Promise<OrganizeResult> {
  const parsed = organizeSchema.safeParse(input);
  if (!parsed.success) return { status: 'failed', message: parsed.error.issues[0]?.message ?? 'Select one or more messages first' };
  try {
    const result = await organize(session, parsed.data);
    return { status: 'done', message: describe(result, lastSegment(result.destination)), undo: result.undo ? sealUndo(session.sid, result.undo) : null };
  } catch (err) {
    return failure(err);
  }
}

export async function organizeAction(input: OrganizeInput): Promise<OrganizeResult> {
  const session = await guard(typeof input?.folder === 'string' ? folderHref(input.folder) : '/mail/INBOX');
  if (!session) return { status: 'failed', message: FORGED };
  return run(session, input);
}

async function runUndo(session: UserSession, token: unknown): Promise<OrganizeResult> {
  const move = typeof token === 'string' && token.length < 30_000 ? openUndo(session.sid, token) : null;
  if (!move) return { status: 'failed', message: 'This can no longer be undone' };
  try {
    const count = await undoMove(session, move);
    if (count === 0) return { status: 'failed', message: 'Nothing to undo: those messages have moved on' };
    return { status: 'done', message: `Undone: ${count === 1 ? '1 message' : `${count} messages`} back in ${lastSegment(move.from)}`, undo: null };
  } catch (err) {
    return failure(err);
  }
}

export async function undoAction(token: string): Promise<OrganizeResult> {
  const session = await guard('/mail/INBOX');
  if (!session) return { status: 'failed', message: FORGED };
  return runUndo(session, token);
}

/** "There is no Archive folder yet" → creates it (see createSpecialFolder for how). */
export async function createSpecialFolderAction(use: MissingUse): Promise<OrganizeResult> {
  const session = await guard('/mail/INBOX');
  if (!session) return { status: 'failed', message: FORGED };
  const parsed = specialFolderUseSchema.safeParse(use);
  if (!parsed.success) return { status: 'failed', message: 'Unknown folder' };
  try {
    const path = await createSpecialFolder(session, parsed.data);
    return { status: 'done', message: `Folder "${lastSegment(path)}" is ready. Try again`, undo: null };
  } catch (err) {
    return failure(err);
  }
}

// ---- Without JavaScript: the list and the message view are plain forms posting here. ----

const text = (data: FormData, name: string) => {
  const value = data.get(name);
  return typeof value === 'string' ? value : undefined;
};

/** The submitting button says what to do: name="op" value="archive", or name="move"/"copy" value=<folder>. */
function formInput(data: FormData): OrganizeInput & { uids: unknown } {
  const move = text(data, 'move');
  const copy = text(data, 'copy');
  const op = (move !== undefined ? 'move' : copy !== undefined ? 'copy' : text(data, 'op')) as OrganizeOp;
  const uids = text(data, 'all') === '1' ? 'all' : data.getAll('uid').map((v) => (typeof v === 'string' ? Number(v) : NaN));
  return { folder: text(data, 'folder') ?? '', uids, op, target: move ?? copy };
}

// Done, these take the open message out of its folder: the message page goes on to the next one.
const REMOVING = ['archive', 'delete', 'junk', 'notjunk', 'move', 'destroy'];

async function back(data: FormData, folder: string, notice: Notice): Promise<never> {
  // read/flag on the open message return to it; archive, delete and move go on to the next message
  // when the page names one; everything else to the list (the message is gone from it).
  const op = notice.op ?? '';
  const stay = ['flag', 'unflag', 'read'].includes(op) ? safeReturnPath(text(data, 'view') ?? '') : null;
  const next = notice.tone === 'done' && REMOVING.includes(op) ? safeReturnPath(text(data, 'next') ?? '') : null;
  const to = stay ?? next ?? safeReturnPath(text(data, 'returnTo') ?? '') ?? folderHref(folder || 'INBOX');
  return appRedirect(noticeHref(to, notice));
}

const toNotice = (result: OrganizeResult, op: string): Notice =>
  result.status === 'done'
    ? { tone: 'done', op, message: result.message, undo: result.undo ?? undefined }
    : { tone: 'failed', op, message: result.message, missing: result.missing };

export async function organizeFormAction(data: FormData): Promise<void> {
  const input = formInput(data);
  const session = await guard(folderHref(input.folder || 'INBOX'));
  if (!session) return back(data, input.folder, { tone: 'failed', message: FORGED });
  return back(data, input.folder, toNotice(await run(session, input), input.op));
}

export async function undoFormAction(data: FormData): Promise<void> {
  const folder = text(data, 'folder') ?? 'INBOX';
  const session = await guard(folderHref(folder));
  if (!session) return back(data, folder, { tone: 'failed', message: FORGED });
  return back(data, folder, toNotice(await runUndo(session, text(data, 'undo')), 'undo'));
}

export async function createSpecialFolderFormAction(data: FormData): Promise<void> {
  const folder = text(data, 'folder') ?? 'INBOX';
  const use = specialFolderUseSchema.catch('archive').parse(text(data, 'use'));
  return back(data, folder, toNotice(await createSpecialFolderAction(use), 'created'));
}
