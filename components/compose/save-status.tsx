'use client';

import { withBasePath } from '@/lib/base-path';
import type { SaveState } from './use-draft-sync';

const time = (ms: number) => new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** The sign-in link brings the user back to /compose, where the local copy is offered again. */
export function SignedOutNotice() {
  return (
    <p role="alert" className="rounded-lg bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950 ring-1 ring-amber-300">
      You were signed out. Your message is kept on this device.{' '}
      <a href={withBasePath(`/login?callbackUrl=${encodeURIComponent('/compose')}`)} className="underline">Sign in again</a> to continue it.
    </p>
  );
}

/** "Saving…", "Saved 12:04", or why the server copy is behind (the local copy never is). */
export function SaveStatus({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saving' ? 'Saving…'
    : state.kind === 'saved' ? `Saved ${time(state.at)}`
    : state.kind === 'offline' ? 'Offline: your message is kept on this device and saved when you are back'
    : state.kind === 'failed' ? `Not saved: ${state.message}. Your message is kept on this device`
    : state.kind === 'signed-out' ? 'Kept on this device'
    : '';
  return (
    <p role="status" aria-live="polite" data-save-state={state.kind} className={`text-sm ${state.kind === 'failed' || state.kind === 'offline' ? 'text-amber-800' : 'text-slate-600'}`}>
      {text}
    </p>
  );
}
