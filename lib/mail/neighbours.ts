// Owns finding the messages either side of an open one in its folder's default order (newest first),
// for the message page's Newer/Older links and the keyboard's j/k there.
import 'server-only';
import type { ImapFlow } from 'imapflow';

/** UIDs of the message above (newer) and below (older) in the list; null at either end. */
export type Neighbours = { newer: number | null; older: number | null };

// Sequence numbers looked at on each side of the open message's (see below).
const WINDOW = 2;

/**
 * The list's default order is arrival order, which is sequence order (messages.ts, datePage), so the
 * neighbours are the messages just before and after the open one by sequence number: one FETCH of a
 * few UIDs around `seq`, whatever the folder's size. The window is two wide on each side because
 * `seq` may already be stale: another mail app's deletion can be reported with the very FETCH that
 * gave it, and renumbers what follows (a plain FETCH, unlike UID FETCH, sees no such change while it
 * runs). The caller holds the folder's lock; `exists` is the folder's current message count.
 */
export async function neighboursAt(client: ImapFlow, uid: number, seq: number, exists: number): Promise<Neighbours> {
  const low = Math.max(1, seq - WINDOW);
  const high = Math.min(exists, seq + WINDOW);
  if (low > high) return { newer: null, older: null };
  const window = (await client.fetchAll(`${low}:${high}`, { uid: true })).sort((a, b) => a.seq - b.seq);
  const at = window.findIndex((m) => m.uid === uid);
  if (at < 0) return { newer: null, older: null };
  // Only a message next to it in the folder counts, never one past the window's edge.
  const next = (by: 1 | -1) => {
    const m = window[at + by];
    return m && m.seq === window[at]!.seq + by ? m.uid : null;
  };
  return { newer: next(1), older: next(-1) };
}
