'use client';

import { useActionState } from 'react';
import type { UserSettings } from '@/lib/mail/user-settings';

export type SettingsState = {
  status: 'idle' | 'saved' | 'invalid' | 'failed';
  message: string | null;
  /** What the user typed comes back on failure, so nothing is lost. */
  values: UserSettings;
  attempt: number;
};

type Limits = { displayName: number; signatureText: number; signatureHtml: number };
type Props = { email: string; limits: Limits; initial: SettingsState; action: (state: SettingsState, data: FormData) => Promise<SettingsState> };

const input = 'block w-full min-w-0 rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft';

/** Display name, signatures and compose mode; a plain POST without JavaScript. */
export function SettingsForm({ email, limits, initial, action }: Props) {
  const [state, formAction, pending] = useActionState(action, initial);
  const v = state.values;
  const tone = state.status === 'saved' ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-red-50 text-red-800 ring-red-200';
  return (
    // key: remount after each answer so the stored (sanitized) values become the defaults.
    <form key={state.attempt} action={formAction} className="max-w-2xl space-y-5 bg-white p-4" aria-busy={pending}>
      {state.message && (
        <p role={state.status === 'saved' ? 'status' : 'alert'} className={`rounded-lg px-3 py-2 text-sm font-medium ring-1 ${tone}`}>
          {state.message}
        </p>
      )}
      <div className="space-y-1">
        <label htmlFor="displayName" className="block text-sm font-medium text-slate-700">Display name</label>
        <input id="displayName" name="displayName" defaultValue={v.displayName} maxLength={limits.displayName} className={input} autoComplete="name" />
        <p className="text-xs text-slate-600">Shown to recipients as “{v.displayName || 'Your Name'}” &lt;{email}&gt;.</p>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">When I write a message</legend>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="radio" name="composeMode" value="rich" defaultChecked={v.composeMode === 'rich'} className="size-4" />
          Rich text (bold, lists, links, images)
        </label>
        <label className="flex min-h-11 items-center gap-3 text-sm">
          <input type="radio" name="composeMode" value="plain" defaultChecked={v.composeMode === 'plain'} className="size-4" />
          Plain text
        </label>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="signatureText" className="block text-sm font-medium text-slate-700">Signature (plain text)</label>
        <textarea id="signatureText" name="signatureText" defaultValue={v.signatureText} maxLength={limits.signatureText} rows={4} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="signatureHtml" className="block text-sm font-medium text-slate-700">Signature (HTML, for rich-text messages)</label>
        <textarea id="signatureHtml" name="signatureHtml" defaultValue={v.signatureHtml} maxLength={limits.signatureHtml} rows={4}
          className={`${input} font-mono text-sm`} spellCheck={false} aria-describedby="signatureHtmlHint" />
        <p id="signatureHtmlHint" className="text-xs text-slate-600">
          Simple HTML such as &lt;b&gt;, &lt;i&gt; and links. Scripts and remote images are removed. Left empty, the text signature is used.
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="currentPassword" className="block text-sm font-medium text-slate-700">Your password</label>
        <input id="currentPassword" name="currentPassword" type="password" required autoComplete="current-password" className={input} aria-describedby="currentPasswordHint" />
        <p id="currentPasswordHint" className="text-xs text-slate-600">
          Needed to save, so nobody who finds your session open can change what goes out in your name. A wrong password signs you out.
        </p>
      </div>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-lg bg-accent px-6 font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
          {pending ? 'Saving…' : 'Save settings'}
        </button>
        <span role="status" aria-live="polite" className="text-sm text-slate-600">{pending ? 'Saving your settings' : ''}</span>
      </div>
    </form>
  );
}
