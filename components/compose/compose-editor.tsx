'use client';

import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { discardDraftAction, sendAction, sendDraftAction } from '@/app/compose/actions';
import { ComposeForm } from '@/components/compose-form';
import { withBasePath } from '@/lib/base-path';
import { parseRecipients } from '@/lib/mail/address-parse';
import { bodyTooLong } from '@/lib/mail/body-limit';
import type { ComposeDraft, ComposeLimits } from '@/lib/mail/compose-types';
import type { UserSettings } from '@/lib/mail/user-settings';
import { AttachmentList, attachmentsOf, itemsFromDraft, useAttachments } from './attachments';
import { htmlToText, textToHtml, withSignature } from './body-text';
import { unsavedLocalCopy, type LocalCopy } from './local-draft';
import { RecipientInput } from './recipient-input';
import { SendProgress } from './send-progress';
import { SaveStatus, SignedOutNotice } from './save-status';
import { useDraftSync } from './use-draft-sync';

// Tiptap is fetched only when this screen renders rich text; no other page pays for it.
const RichBody = dynamic(() => import('./rich-body'), {
  ssr: false,
  loading: () => <div className="min-h-64 rounded-lg border border-slate-300 p-3 text-slate-500">Loading editor…</div>,
});

type Props = { initial: ComposeDraft; fromAddresses: string[]; limits: ComposeLimits; settings: UserSettings; undoSeconds: number };
type Phase = { kind: 'editing' } | { kind: 'sending' } | { kind: 'pending'; sendId: string; sendAt: number };

const input = 'block w-full min-w-0 rounded-lg border border-slate-300 px-3 py-2 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft';
const fields = [['to', 'To'], ['cc', 'Cc'], ['bcc', 'Bcc']] as const;
const noSubscribe = () => () => {};

/**
 * The compose screen. The server renders the plain form (it works without JavaScript); once this
 * runs it takes over with rich text, attachments, autosave and undo send.
 */
export function ComposeEditor({ initial, fromAddresses, limits, settings, undoSeconds }: Props) {
  const user = fromAddresses[0] ?? initial.from;
  const router = useRouter();
  // False while the server renders and the page hydrates (the plain form), true once JavaScript runs.
  const mounted = useSyncExternalStore(noSubscribe, () => true, () => false);
  const [draft, setDraft] = useState(() => withSignature(initial, { text: settings.signatureText, html: settings.signatureHtml }));
  const [bodyKey, setBodyKey] = useState(0);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const [alert, setAlert] = useState<string | null>(null);
  // Read once in the browser; the server has no local copies (and renders the plain form anyway).
  const [offer, setOffer] = useState<LocalCopy | null>(() =>
    typeof window === 'undefined' ? null : unsavedLocalCopy(user, { draftId: initial.draftId, serverSavedAt: 0 }),
  );
  const plainText = useRef(initial.mode === 'rich' ? '' : initial.text);
  const [uploadSignedOut, setUploadSignedOut] = useState(false);
  const onSignedOut = useCallback(() => setUploadSignedOut(true), []);
  const files = useAttachments(draft.draftId, limits.maxBytes, itemsFromDraft(initial.attachments, initial.html), onSignedOut);
  // What is saved and sent: the fields plus the finished uploads (inline images only while still in the text).
  const message = useMemo(() => ({ ...draft, attachments: attachmentsOf(files.items, draft.html) }), [draft, files.items]);
  const sync = useDraftSync(user, message, { paused: phase.kind !== 'editing', maxBytes: limits.maxBytes });
  const previewOf = useCallback((cid: string) => {
    const ref = files.items.find((i) => i.ref?.cid === cid)?.ref;
    return ref ? withBasePath(`/compose/attachments?draftId=${encodeURIComponent(draft.draftId)}&id=${encodeURIComponent(ref.id)}`) : null;
  }, [files.items, draft.draftId]);

  const change = (patch: Partial<ComposeDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const onBody = useCallback((html: string, text: string) => {
    plainText.current = text;
    setDraft((d) => ({ ...d, html, text: '' }));
  }, []);

  const replaceDraft = (next: ComposeDraft, saved: boolean) => {
    sync.adopt(next, { saved });
    plainText.current = next.mode === 'rich' ? htmlToText(next.html) : next.text;
    files.setItems(itemsFromDraft(next.attachments, next.html));
    setDraft(next);
    setBodyKey((k) => k + 1);
  };

  const switchMode = (plain: boolean) => {
    if (plain) change({ mode: 'plain', text: plainText.current || htmlToText(draft.html), html: '' });
    else change({ mode: 'rich', html: textToHtml(draft.text), text: '' });
    setBodyKey((k) => k + 1);
  };

  const send = async () => {
    for (const [name, label] of fields) {
      const parsed = parseRecipients(draft[name]);
      if (!parsed.ok) return setAlert(`${label}: “${parsed.bad}” is not a valid email address`);
    }
    if (![draft.to, draft.cc, draft.bcc].some((v) => v.trim())) return setAlert('Add at least one recipient');
    if (files.items.some((i) => i.status === 'uploading')) return setAlert('Wait until the attachments have finished uploading');
    const tooLong = bodyTooLong(message, limits.maxBytes);
    if (tooLong) return setAlert(tooLong);
    setAlert(null);
    setPhase({ kind: 'sending' });
    const result = await sendDraftAction(message).catch(() => null);
    if (result?.status === 'queued') return setPhase({ kind: 'pending', sendId: result.sendId, sendAt: Date.parse(result.sendAt) || Date.now() + undoSeconds * 1000 });
    setPhase({ kind: 'editing' });
    setAlert(result?.message ?? 'Could not reach Satchel. Your message was not sent and is kept here');
  };

  const discard = async () => {
    if (!window.confirm('Discard this message? It will be deleted from Drafts.')) return;
    await discardDraftAction(draft.draftId).catch(() => undefined);
    sync.forget(draft.draftId);
    router.push('/mail/INBOX');
  };

  const { forget } = sync;
  const onSent = useCallback(() => {
    forget(draft.draftId);
    router.push('/mail/INBOX?status=sent');
  }, [forget, draft.draftId, router]);
  const onFailed = useCallback((message: string) => {
    setPhase({ kind: 'editing' });
    setAlert(message);
  }, []);

  if (!mounted) {
    const source = initial.source ? `${initial.source.kind}:${initial.source.folder}/${initial.source.uid}` : '';
    const values = { to: initial.to, cc: initial.cc, bcc: initial.bcc, subject: initial.subject, body: initial.text, sendId: initial.draftId, source };
    return <ComposeForm from={initial.from} initial={{ status: 'idle', message: null, values, attempt: 0 }} action={sendAction} />;
  }

  const editing = phase.kind === 'editing';
  return (
    <div
      className="space-y-3 bg-white p-4"
      onDragOver={(e) => e.dataTransfer.types.includes('Files') && e.preventDefault()}
      onDrop={(e) => {
        if (e.defaultPrevented || !e.dataTransfer.files.length) return;
        e.preventDefault();
        files.addFiles([...e.dataTransfer.files]);
      }}
    >
      {offer && (
        <div role="alertdialog" aria-labelledby="restore-title" className="flex flex-wrap items-center gap-3 rounded-lg bg-amber-50 px-3 py-2 ring-1 ring-amber-300">
          <p id="restore-title" className="flex-1 text-sm font-medium text-amber-950">
            Restore unsent message from {new Date(offer.editedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}?
            {offer.draft.subject && <span className="block font-normal">“{offer.draft.subject}”</span>}
          </p>
          <button type="button" className="min-h-10 rounded-lg bg-accent px-4 text-sm font-semibold text-white"
            onClick={() => { replaceDraft(offer.draft, false); setOffer(null); void sync.flush(); }}>Restore</button>
          <button type="button" className="min-h-10 rounded-lg px-4 text-sm font-medium text-slate-700 ring-1 ring-slate-300"
            onClick={() => { sync.forget(offer.draft.draftId); setOffer(null); }}>Discard</button>
        </div>
      )}
      {phase.kind === 'pending' && (
        <SendProgress sendId={phase.sendId} sendAt={phase.sendAt} onSent={onSent} onFailed={onFailed}
          onUndone={(d) => { replaceDraft(d, true); setPhase({ kind: 'editing' }); }} />
      )}
      {alert && <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">{alert}</p>}
      {(uploadSignedOut || sync.state.kind === 'signed-out') && <SignedOutNotice />}
      <fieldset disabled={!editing} hidden={phase.kind === 'pending'} className="space-y-3">
        <div className="grid grid-cols-[3.5rem_1fr] items-center gap-2 text-sm">
          <label htmlFor="compose-from" className="font-medium text-slate-600">From</label>
          {fromAddresses.length > 1 ? (
            <select id="compose-from" value={draft.from} onChange={(e) => change({ from: e.target.value })} className={input}>
              {fromAddresses.map((a) => <option key={a} value={a}>{settings.displayName ? `${settings.displayName} <${a}>` : a}</option>)}
            </select>
          ) : (
            <span id="compose-from" className="truncate text-slate-800">{settings.displayName ? `${settings.displayName} <${draft.from}>` : draft.from}</span>
          )}
        </div>
        {fields.map(([name, label]) => (
          <RecipientInput key={`${name}-${bodyKey}`} name={name} label={label} value={draft[name]} onChange={(v) => change({ [name]: v })} autoFocus={name === 'to' && !draft.to} />
        ))}
        <div className="grid grid-cols-[3.5rem_1fr] items-center gap-2">
          <label htmlFor="compose-subject" className="text-sm font-medium text-slate-600">Subject</label>
          <input id="compose-subject" value={draft.subject} maxLength={998} onChange={(e) => change({ subject: e.target.value.replace(/[\r\n]/g, ' ') })} className={input} />
        </div>
        {draft.mode === 'rich' ? (
          <RichBody key={bodyKey} initialHtml={draft.html} onChange={onBody} onImages={files.addImages} onFiles={files.addFiles} previewOf={previewOf} />
        ) : (
          <>
            <label htmlFor="compose-body" className="sr-only">Message</label>
            <textarea id="compose-body" key={bodyKey} value={draft.text} rows={14} onChange={(e) => change({ text: e.target.value })} className={`${input} min-h-64`} />
          </>
        )}
        {files.notice && <p role="alert" className="text-sm font-medium text-red-700">{files.notice}</p>}
        <AttachmentList items={files.items} onRemove={files.remove} />
        <div className="flex flex-wrap items-center gap-2">
          <button type="button" onClick={() => void send()} className="min-h-11 rounded-lg bg-accent px-6 font-semibold text-white hover:bg-blue-800 disabled:opacity-60">
            {phase.kind === 'sending' ? 'Sending…' : 'Send'}
          </button>
          <label className="flex min-h-11 cursor-pointer items-center rounded-lg px-4 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-accent">
            Attach files
            <input type="file" multiple className="sr-only" onChange={(e) => { files.addFiles([...(e.target.files ?? [])]); e.target.value = ''; }} />
          </label>
          <label className="flex min-h-11 items-center gap-2 px-2 text-sm text-slate-700">
            <input type="checkbox" className="size-4" checked={draft.mode === 'plain'} onChange={(e) => switchMode(e.target.checked)} />
            Plain text
          </label>
          <SaveStatus state={sync.state} />
          <button type="button" onClick={() => void discard()} className="ml-auto min-h-11 rounded-lg px-4 text-sm font-medium text-red-800 hover:bg-red-50">
            Discard
          </button>
        </div>
      </fieldset>
    </div>
  );
}
