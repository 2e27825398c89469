'use client';
/**
 * The one way the browser changes messages: every button, key, swipe and drop calls runOrganize.
 *
 *   import { runOrganize, selectedUids, listFolder } from '@/components/organize-client';
 *   // one message (keyboard `e`, a swipe, the open message's actions bar):
 *   await runOrganize({ folder, uids: [uid], op: 'archive' });
 *   // the ticked rows of the list (keyboard `#`, dragging a selection onto a folder):
 *   await runOrganize({ folder: listFolder()!, uids: selectedUids(), op: 'move', target: 'Projects' });
 *   // after archive/delete of the open message, go somewhere else once it is done:
 *   await runOrganize({ folder, uids: [uid], op: 'delete' }, { navigate: '/mail/INBOX' });
 *
 * It shows the result in the page's status toast (components/undo-toast.tsx, mounted once by
 * MailShell), offers "Undo" for moves (archive, delete, junk, not junk, move) for 8 s, and refreshes
 * the route. 'destroy' (delete for good) asks for confirmation unless `confirmed: true` is passed.
 * Rows are `<li data-uid={uid}>` inside `<form data-message-list data-folder={path}>`, each with a
 * `<input type="checkbox" name="uid" value={uid}>`.
 */
import { createSpecialFolderAction, organizeAction, undoAction, type OrganizeInput, type OrganizeResult } from '@/app/mail/actions';

export const ORGANIZE_EVENT = 'satchel:organize';
export type OrganizeEventDetail = { result: OrganizeResult; op: OrganizeInput['op'] | 'undo' | 'create'; navigate?: string };
type Options = { navigate?: string; confirmed?: boolean };

const UNREACHABLE: OrganizeResult = { status: 'failed', message: 'Satchel could not be reached. Nothing was changed' };

function announce(detail: OrganizeEventDetail): void {
  window.dispatchEvent(new CustomEvent<OrganizeEventDetail>(ORGANIZE_EVENT, { detail }));
}

export async function runOrganize(input: OrganizeInput, { navigate, confirmed = false }: Options = {}): Promise<OrganizeResult> {
  if (input.uids !== 'all' && input.uids.length === 0) {
    const result: OrganizeResult = { status: 'failed', message: 'Select one or more messages first' };
    announce({ result, op: input.op });
    return result;
  }
  if (input.op === 'destroy' && !confirmed) {
    const what = input.uids === 'all' ? 'every message in this folder' : input.uids.length === 1 ? 'this message' : `these ${input.uids.length} messages`;
    if (!window.confirm(`Delete ${what} for good? This cannot be undone.`)) return { status: 'failed', message: 'Nothing was deleted' };
  }
  const result = await organizeAction(input).catch(() => UNREACHABLE);
  announce({ result, op: input.op, navigate: result.status === 'done' ? navigate : undefined });
  return result;
}

export async function runUndo(token: string): Promise<OrganizeResult> {
  const result = await undoAction(token).catch(() => UNREACHABLE);
  announce({ result, op: 'undo' });
  return result;
}

export async function createMissingFolder(use: 'archive' | 'trash' | 'junk'): Promise<OrganizeResult> {
  const result = await createSpecialFolderAction(use).catch(() => UNREACHABLE);
  announce({ result, op: 'create' });
  return result;
}

function listForm(): HTMLFormElement | null {
  return document.querySelector<HTMLFormElement>('form[data-message-list]');
}

/** UIDs of the ticked rows of the message list on screen, in list order. */
export function selectedUids(): number[] {
  const boxes = listForm()?.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="uid"]:checked') ?? [];
  return [...boxes].map((box) => Number(box.value)).filter((uid) => Number.isInteger(uid) && uid > 0);
}

/** The folder of the message list on screen, or null when there is none. */
export function listFolder(): string | null {
  return listForm()?.dataset.folder ?? null;
}
