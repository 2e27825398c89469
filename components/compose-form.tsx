'use client';

import { useActionState } from 'react';
import type { ComposeState } from '@/lib/mail/compose-state';

type Props = { from: string; initial: ComposeState; action: (state: ComposeState, data: FormData) => Promise<ComposeState> };

const input = 'block w-full min-w-0 rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft';

function Field({ name, label, value, type = 'text', hint }: { name: string; label: string; value: string; type?: string; hint?: string }) {
  return (
    <div className="grid grid-cols-[3.5rem_1fr] items-center gap-2">
      <label htmlFor={name} className="text-sm font-medium text-slate-600">{label}</label>
      <input id={name} name={name} type={type} defaultValue={value} className={input} multiple={type === 'email' || undefined}
        autoCapitalize="none" spellCheck={type === 'email' ? false : undefined} placeholder={hint} />
    </div>
  );
}

/** Works as a plain POST without JavaScript; with it, no page reload and a double click sends once. */
export function ComposeForm({ from, initial, action }: Props) {
  const [state, formAction, pending] = useActionState(action, initial);
  const v = state.values;
  return (
    // key: React resets a form after an action; remounting applies the returned values as defaults.
    <form key={state.attempt} action={formAction} className="space-y-3 bg-white p-4" aria-busy={pending}>
      <input type="hidden" name="sendId" value={v.sendId} />
      <input type="hidden" name="source" value={v.source} />
      {state.message && (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">{state.message}</p>
      )}
      <div className="grid grid-cols-[3.5rem_1fr] items-center gap-2 text-sm">
        <span className="font-medium text-slate-600">From</span>
        <span className="truncate text-slate-800">{from}</span>
      </div>
      <Field name="to" label="To" value={v.to} hint="name@example.com, …" />
      <Field name="cc" label="Cc" value={v.cc} />
      <Field name="bcc" label="Bcc" value={v.bcc} />
      <Field name="subject" label="Subject" value={v.subject} />
      <label htmlFor="body" className="sr-only">Message</label>
      <textarea id="body" name="body" defaultValue={v.body} rows={14} className={`${input} min-h-64 font-sans`} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-accent px-6 font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? 'Sending…' : 'Send'}
        </button>
        <span role="status" aria-live="polite" className="text-sm text-slate-600">{pending ? 'Sending your message' : ''}</span>
      </div>
    </form>
  );
}
