'use client';

// Owns "nothing typed is lost": every change goes to the browser's local copy at once, and to the
// server's Drafts folder a moment after typing stops, one save at a time, plus a last save when the
// page is hidden or closed.
import { useCallback, useEffect, useRef, useState } from 'react';
import { saveDraftAction } from '@/app/compose/actions';
import { withBasePath } from '@/lib/base-path';
import { bodyTooLong } from '@/lib/mail/body-limit';
import type { ComposeDraft } from '@/lib/mail/compose-types';
import { removeLocalCopy, writeLocalCopy } from './local-draft';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: number }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  | { kind: 'failed'; message: string };

const SAVE_DELAY_MS = 2_500;

/**
 * Signed in? The recipients route answers 401 without a live session. Asked before each save: a
 * Server Action called with an ended session would navigate to the sign-in page, away from the text.
 */
async function sessionStatus(): Promise<'ok' | 'signed-out' | 'offline'> {
  try {
    const response = await fetch(withBasePath('/api/recipients'), { cache: 'no-store', redirect: 'manual' });
    if (response.status === 401 || response.type === 'opaqueredirect') return 'signed-out';
    return response.ok ? 'ok' : 'offline';
  } catch {
    return 'offline';
  }
}

export function useDraftSync(user: string, draft: ComposeDraft, { paused, maxBytes }: { paused: boolean; maxBytes: number }) {
  const [state, setState] = useState<SaveState>({ kind: 'idle' });
  const latest = useRef(draft);
  const initial = useRef(draft);
  const edits = useRef(0);
  const savedEdits = useRef(0);
  const serverSavedAt = useRef(0);
  const inFlight = useRef<Promise<void> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pausedRef = useRef(paused);
  // The save that follows a save: flush calls itself through this ref.
  const again = useRef<() => Promise<void>>(() => Promise.resolve());

  const flush = useCallback((): Promise<void> => {
    clearTimeout(timer.current);
    // Never two saves in flight: a change made meanwhile is saved when this one answers.
    if (inFlight.current) return inFlight.current;
    if (edits.current === savedEdits.current || pausedRef.current) return Promise.resolve();
    const snapshot = latest.current;
    const version = edits.current;
    const run = async () => {
      // The server would refuse the request with no word of why: say it here.
      const tooLong = bodyTooLong(snapshot, maxBytes);
      if (tooLong) return setState({ kind: 'failed', message: tooLong });
      setState({ kind: 'saving' });
      const session = await sessionStatus();
      if (session !== 'ok') return setState({ kind: session });
      const result = await saveDraftAction(snapshot).catch(() => null);
      if (!result) return setState({ kind: 'offline' });
      if (result.status !== 'saved') return setState({ kind: 'failed', message: result.message });
      savedEdits.current = Math.max(savedEdits.current, version);
      serverSavedAt.current = Date.now();
      writeLocalCopy(user, { draft: latest.current, editedAt: edits.current === version ? serverSavedAt.current - 1 : Date.now(), serverSavedAt: serverSavedAt.current });
      setState({ kind: 'saved', at: serverSavedAt.current });
    };
    inFlight.current = run().finally(() => {
      inFlight.current = null;
      if (edits.current !== savedEdits.current && !pausedRef.current) timer.current = setTimeout(() => void again.current(), SAVE_DELAY_MS);
    });
    return inFlight.current;
  }, [user, maxBytes]);

  useEffect(() => {
    again.current = flush;
    pausedRef.current = paused;
  }, [flush, paused]);

  useEffect(() => {
    latest.current = draft;
    if (draft === initial.current) return;
    edits.current += 1;
    writeLocalCopy(user, { draft, editedAt: Date.now(), serverSavedAt: serverSavedAt.current });
    if (pausedRef.current) return;
    clearTimeout(timer.current);
    // After a failed save, keep trying only when the user changes something or the network returns.
    if (!inFlight.current) timer.current = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }, [draft, user, flush]);

  useEffect(() => {
    const onHide = () => document.visibilityState === 'hidden' && void flush();
    const onLeave = () => void flush();
    const onOnline = () => void flush();
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('pagehide', onLeave);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('pagehide', onLeave);
      window.removeEventListener('online', onOnline);
      clearTimeout(timer.current);
    };
  }, [flush]);

  /** A replaced draft (undo, restore) is the new baseline: saved as soon as it is edited again. */
  const adopt = useCallback((next: ComposeDraft, { saved }: { saved: boolean }) => {
    initial.current = next;
    latest.current = next;
    if (saved) savedEdits.current = edits.current;
    else edits.current = savedEdits.current + 1;
  }, []);

  /** After a confirmed send or discard: the local copy has done its job. */
  const forget = useCallback((draftId: string) => {
    clearTimeout(timer.current);
    savedEdits.current = edits.current;
    removeLocalCopy(user, draftId);
  }, [user]);

  return { state, flush, adopt, forget };
}
