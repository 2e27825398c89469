// Owns changing messages on the server: read/flag, move, copy, delete, archive, junk, undo — one IMAP
// command per action over a UID set ("1:*" for a whole folder), never one command per message.
import 'server-only';
import type { ImapFlow } from 'imapflow';
import type { z } from 'zod';
import type { UserSession } from '@/lib/auth/current-session';
import { MailError } from './errors';
import { specialFolderPath, type SpecialUse } from './folders';
import { selectedMailbox, syncSelected, withImap } from './imap-pool';
import { organizeSchema, type organizeOps } from './mailbox-input';
import { toUidSet, type UndoMove } from './undo-token';

export type OrganizeOp = (typeof organizeOps)[number];
export type OrganizeRequest = z.input<typeof organizeSchema>;
export type MissingUse = Extract<SpecialUse, 'archive' | 'trash' | 'junk'>;
/** `undo` is set for moves the server reported new UIDs for (UIDPLUS), so they can be moved back. */
export type Organized = { op: OrganizeOp; count: number; destination: string | null; undo: UndoMove | null };

const folderLabels: Record<MissingUse, string> = { archive: 'Archive', trash: 'Trash', junk: 'Junk' };

/** A special-use folder the action needs does not exist: the UI offers to create it. */
export class MissingFolderError extends MailError {
  constructor(readonly use: MissingUse) {
    super('not_found', `There is no ${folderLabels[use]} folder yet`);
  }
}

const flagOps: Partial<Record<OrganizeOp, { add: boolean; flag: string }>> = {
  read: { add: true, flag: '\\Seen' },
  unread: { add: false, flag: '\\Seen' },
  flag: { add: true, flag: '\\Flagged' },
  unflag: { add: false, flag: '\\Flagged' },
};
const specialTargets: Partial<Record<OrganizeOp, MissingUse>> = { archive: 'archive', delete: 'trash', junk: 'junk' };

function refused(): MailError {
  return new MailError('unknown', 'The mail server did not accept this change. Nothing was changed');
}

function alreadyThere(op: OrganizeOp): MailError {
  const text = op === 'delete' ? 'These messages are already in Trash: use "Delete forever" to remove them for good' : 'These messages are already in that folder';
  return new MailError('invalid_input', text);
}

async function destinationOf(client: ImapFlow, op: OrganizeOp, target: string | undefined): Promise<string | null> {
  if (op === 'move' || op === 'copy') return target!;
  if (op === 'notjunk') return 'INBOX';
  const use = specialTargets[op];
  if (!use) return null;
  const path = await specialFolderPath(client, use);
  if (!path) throw new MissingFolderError(use);
  return path;
}

// imapflow answers a refused STORE/MOVE/COPY/EXPUNGE with false, and so does a dropped connection:
// selectedMailbox() throws for the latter so withImap reconnects, the rest is a refusal.
function check<T>(client: ImapFlow, result: T | false | undefined): T {
  if (result) return result;
  selectedMailbox(client);
  throw refused();
}

export async function organize(session: UserSession, request: OrganizeRequest): Promise<Organized> {
  const { folder, uids, op, target } = organizeSchema.parse(request);
  const range = uids === 'all' ? '1:*' : toUidSet(uids);
  return withImap(session.sid, session.creds, async (client) => {
    const destination = await destinationOf(client, op, target);
    if (destination === folder) throw alreadyThere(op);
    const lock = await client.getMailboxLock(folder);
    try {
      // The selection is reused across requests: NOOP brings its message count up to date.
      if (uids === 'all') await client.noop();
      const exists = selectedMailbox(client).exists;
      if (exists === 0) return { op, count: 0, destination, undo: null };
      const count = uids === 'all' ? exists : uids.length;
      const flags = flagOps[op];
      if (flags) {
        const store = flags.add ? client.messageFlagsAdd(range, [flags.flag], { uid: true }) : client.messageFlagsRemove(range, [flags.flag], { uid: true });
        check(client, await store);
        return { op, count, destination: null, undo: null };
      }
      // UID EXPUNGE (UIDPLUS): only these messages go, not others someone flagged \Deleted elsewhere.
      if (op === 'destroy') {
        check(client, await client.messageDelete(range, { uid: true }));
        return { op, count, destination: null, undo: null };
      }
      const copied = check(client, await (op === 'copy' ? client.messageCopy : client.messageMove).call(client, range, destination!, { uid: true }));
      const moved = copied.uidMap ? [...copied.uidMap.values()] : [];
      const undo = op !== 'copy' && moved.length > 0 ? { from: folder, to: destination!, set: toUidSet(moved) } : null;
      return { op, count: copied.uidMap?.size ?? count, destination, undo };
    } finally {
      lock.release();
    }
    // A lost connection is retried once: repeating a UID MOVE/STORE/EXPUNGE is harmless, a COPY is not.
  }, { retry: op !== 'copy', folder });
}

/** Moves the messages of an undone move back where they were; returns how many went back. */
export async function undoMove(session: UserSession, move: UndoMove): Promise<number> {
  return withImap(session.sid, session.creds, async (client) => {
    const lock = await client.getMailboxLock(move.to);
    try {
      // The move was made on the connection of the folder it left: this one may not know the new UIDs yet.
      await syncSelected(client);
      const moved = check(client, await client.messageMove(move.set, move.from, { uid: true }));
      return moved.uidMap?.size ?? 0;
    } finally {
      lock.release();
    }
  }, { folder: move.to });
}

/**
 * Creates a missing Archive/Trash/Junk folder. Dovecot here offers no CREATE-SPECIAL-USE (and
 * imapflow's mailboxCreate has no USE option), so it gets the conventional name, which imapflow and
 * other mail apps recognise as that folder. Returns the folder's path, existing or new.
 */
export async function createSpecialFolder(session: UserSession, use: MissingUse): Promise<string> {
  return withImap(session.sid, session.creds, async (client) => {
    const existing = await specialFolderPath(client, use);
    if (existing) return existing;
    const created = await client.mailboxCreate(folderLabels[use]);
    return created.path;
  });
}

/** Pure: the sentence the status line shows after an action. */
export function describe(result: Organized, destinationName: string | null): string {
  const n = result.count;
  const what = n === 1 ? '1 message' : `${n.toLocaleString('en-GB')} messages`;
  const verbs: Record<OrganizeOp, string> = {
    read: 'marked as read',
    unread: 'marked as unread',
    flag: 'flagged',
    unflag: 'unflagged',
    archive: 'archived',
    delete: 'moved to Trash',
    junk: 'marked as junk',
    notjunk: 'moved to Inbox',
    move: `moved to ${destinationName ?? result.destination}`,
    copy: `copied to ${destinationName ?? result.destination}`,
    destroy: 'deleted for good',
  };
  return n === 0 ? 'No messages to change' : `${what} ${verbs[result.op]}`;
}
