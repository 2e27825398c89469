'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentRef } from '@/lib/mail/compose-types';
import type { InlineImage } from './rich-body';
import { formatSize, uploadFile, type UploadHandle } from './upload';

export type AttachmentItem = {
  key: string;
  filename: string;
  size: number;
  /** 0..1 while uploading. */
  progress: number;
  status: 'uploading' | 'done' | 'failed';
  error?: string;
  ref?: AttachmentRef;
  /** Pasted into the text (cid:), not listed as a file. */
  inline: boolean;
};

let counter = 0;
const nextKey = () => `a${++counter}`;

function readDataUrl(file: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
    reader.onerror = () => resolve('');
    reader.readAsDataURL(file);
  });
}

/** Items of a draft opened again: attachments whose cid the HTML references are its inline images. */
export function itemsFromDraft(refs: AttachmentRef[], html: string): AttachmentItem[] {
  return refs.map((ref) => ({
    key: nextKey(), filename: ref.filename, size: ref.size, progress: 1, status: 'done', ref,
    inline: Boolean(ref.cid && html.includes(`cid:${ref.cid}`)),
  }));
}

/** The refs a message carries: finished uploads, inline images only while the HTML still shows them. */
export function attachmentsOf(items: AttachmentItem[], html: string): AttachmentRef[] {
  return items.flatMap((i) => (i.status === 'done' && i.ref && (!i.inline || html.includes(`cid:${i.ref.cid}`)) ? [i.ref] : []));
}

/** Uploads with per-file progress; the per-message size limit is checked before any byte is sent. */
export function useAttachments(draftId: string, maxBytes: number, initial: AttachmentItem[], onSignedOut: () => void) {
  const [items, setItems] = useState<AttachmentItem[]>(initial);
  const [notice, setNotice] = useState<string | null>(null);
  const uploads = useRef(new Map<string, UploadHandle>());
  const used = useRef(0);
  useEffect(() => {
    used.current = items.filter((i) => i.status !== 'failed').reduce((n, i) => n + i.size, 0);
  }, [items]);
  useEffect(() => () => uploads.current.forEach((u) => u.abort()), []);

  const update = (key: string, change: Partial<AttachmentItem>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)));

  const upload = useCallback(
    (file: File, inline: boolean): Promise<AttachmentRef | null> => {
      const key = nextKey();
      const filename = file.name || (inline ? `image.${file.type.split('/')[1] ?? 'png'}` : 'attachment');
      setItems((list) => [...list, { key, filename, size: file.size, progress: 0, status: 'uploading', inline }]);
      const handle = uploadFile(file, filename, draftId, (progress) => update(key, { progress }));
      uploads.current.set(key, handle);
      return handle.done.then(
        (ref) => {
          update(key, { status: 'done', progress: 1, ref, size: ref.size });
          return ref;
        },
        (err: Error & { status?: number }) => {
          if (err.status === 401) onSignedOut();
          update(key, { status: 'failed', error: err.message });
          return null;
        },
      ).finally(() => uploads.current.delete(key));
    },
    [draftId, onSignedOut],
  );

  /** Accepts what fits under the limit, refuses the rest with a message naming the file. */
  const admit = useCallback(
    (files: File[]): File[] => {
      const ok: File[] = [];
      let total = used.current;
      for (const file of files) {
        if (total + file.size > maxBytes) {
          const left = Math.max(0, maxBytes - total);
          setNotice(`“${file.name || 'image'}” (${formatSize(file.size)}) is too large: a message can carry ${formatSize(maxBytes)} of attachments, ${formatSize(left)} left.`);
          continue;
        }
        total += file.size;
        ok.push(file);
      }
      used.current = total;
      if (ok.length === files.length) setNotice(null);
      return ok;
    },
    [maxBytes],
  );

  const addFiles = useCallback((files: File[]) => admit(files).forEach((f) => void upload(f, false)), [admit, upload]);

  const addImages = useCallback(
    async (files: File[]): Promise<InlineImage[]> => {
      const done = await Promise.all(
        admit(files).map(async (file) => {
          const [ref, preview] = await Promise.all([upload(file, true), readDataUrl(file)]);
          return ref?.cid ? { cid: ref.cid, preview, alt: ref.filename } : null;
        }),
      );
      return done.filter((d): d is InlineImage => d !== null);
    },
    [admit, upload],
  );

  const remove = useCallback((key: string) => {
    uploads.current.get(key)?.abort();
    setItems((list) => list.filter((i) => i.key !== key));
    setNotice(null);
  }, []);

  return { items, setItems, notice, addFiles, addImages, remove };
}

/** The message's files: name, size, a progress bar while uploading, an error when refused, Remove. */
export function AttachmentList({ items, onRemove }: { items: AttachmentItem[]; onRemove: (key: string) => void }) {
  const shown = items.filter((i) => !i.inline || i.status !== 'done');
  if (!shown.length) return null;
  return (
    <ul aria-label="Attachments" className="space-y-2">
      {shown.map((item) => (
        <li key={item.key} data-status={item.status} className="flex items-center gap-3 rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-200">
          <div className="min-w-0 flex-1">
            <div className="flex items-baseline gap-2 text-sm">
              <span className="truncate font-medium text-slate-800">{item.filename}</span>
              <span className="shrink-0 text-xs text-slate-600 tabular-nums">{formatSize(item.size)}</span>
            </div>
            {item.status === 'uploading' && (
              <progress className="mt-1 h-1.5 w-full accent-accent" max={1} value={item.progress} aria-label={`Uploading ${item.filename}`}>
                {Math.round(item.progress * 100)}%
              </progress>
            )}
            {item.status === 'failed' && <p role="alert" className="mt-0.5 text-sm text-red-700">{item.error}</p>}
          </div>
          <button type="button" onClick={() => onRemove(item.key)} aria-label={`Remove ${item.filename}`}
            className="flex min-h-10 min-w-10 items-center justify-center rounded-lg text-slate-600 hover:bg-slate-200">✕</button>
        </li>
      ))}
    </ul>
  );
}
