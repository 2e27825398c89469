'use client';

import { useEffect, useState } from 'react';
import { sendStatusAction, undoSendAction } from '@/app/compose/actions';
import type { ComposeDraft } from '@/lib/mail/compose-types';

type Props = {
  sendId: string;
  sendAt: number;
  onUndone: (draft: ComposeDraft) => void;
  onSent: () => void;
  onFailed: (message: string) => void;
};

const POLL_MS = 1_000;
// Bounded: after this many checks the user is told to look in Sent rather than wait forever.
const MAX_POLLS = 90;

/** "Sending in 10 s… Undo", then the server's answer: sent, or failed with the draft kept. */
export function SendProgress({ sendId, sendAt, onUndone, onSent, onFailed }: Props) {
  const [now, setNow] = useState(() => Date.now());
  const [note, setNote] = useState<string | null>(null);
  const [undoing, setUndoing] = useState(false);
  const left = Math.max(0, Math.ceil((sendAt - now) / 1000));

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(tick);
  }, []);

  useEffect(() => {
    let polls = 0;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      if (stopped) return;
      const status = await sendStatusAction(sendId).catch(() => null);
      if (stopped) return;
      if (status?.status === 'sent') return onSent();
      if (status?.status === 'failed') return onFailed(status.message ?? 'Sending failed. Your message was not sent and is kept here');
      if (++polls >= MAX_POLLS) return setNote('Still waiting for the mail server. Check your Sent folder before sending again.');
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    timer = setTimeout(() => void poll(), Math.max(0, sendAt - Date.now()) + 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [sendId, sendAt, onSent, onFailed]);

  const undo = async () => {
    setUndoing(true);
    const result = await undoSendAction(sendId).catch(() => null);
    setUndoing(false);
    if (result?.status === 'undone') return onUndone(result.draft);
    setNote(result?.message ?? 'Could not reach Satchel to undo');
  };

  return (
    <div className="flex flex-wrap items-center gap-3 rounded-lg bg-slate-900 px-4 py-3 text-white">
      <p role="status" aria-live="polite" className="flex-1 text-sm font-medium">
        {left > 0 ? `Sending in ${left} s…` : 'Sending…'}
        {note && <span className="mt-1 block font-normal text-amber-200">{note}</span>}
      </p>
      {left > 0 && (
        <button type="button" onClick={undo} disabled={undoing} className="min-h-10 rounded-lg bg-white px-4 text-sm font-semibold text-slate-900 disabled:opacity-60">
          Undo
        </button>
      )}
    </div>
  );
}
