// Owns sending one file to the upload route with progress (fetch has no upload progress; XHR does).
import { withBasePath } from '@/lib/base-path';
import type { AttachmentRef } from '@/lib/mail/compose-types';

export type UploadHandle = { done: Promise<AttachmentRef>; abort: () => void };

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function errorMessage(xhr: XMLHttpRequest): string {
  try {
    const body = JSON.parse(xhr.responseText) as { error?: unknown };
    if (typeof body.error === 'string' && body.error) return body.error;
  } catch {
    // not JSON: fall through to the status text below
  }
  if (xhr.status === 413) return 'This file is too large to send';
  if (xhr.status === 401) return 'You were signed out. Sign in again to add attachments';
  return 'The upload failed';
}

/** POST /compose/attachments with the raw bytes; onProgress gets 0..1. */
export function uploadFile(file: Blob, filename: string, draftId: string, onProgress: (fraction: number) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<AttachmentRef>((resolve, reject) => {
    xhr.open('POST', withBasePath('/compose/attachments'));
    xhr.setRequestHeader('X-Filename', encodeURIComponent(filename));
    xhr.setRequestHeader('X-Draft-Id', draftId);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      if (xhr.status !== 200) return reject(new UploadError(errorMessage(xhr), xhr.status));
      try {
        const ref = JSON.parse(xhr.responseText) as AttachmentRef;
        if (typeof ref.id !== 'string') throw new Error('bad answer');
        onProgress(1);
        resolve(ref);
      } catch {
        reject(new UploadError('The upload failed', xhr.status));
      }
    };
    xhr.onerror = () => reject(new UploadError('The upload failed: check your connection', 0));
    xhr.onabort = () => reject(new UploadError('Upload cancelled', 0));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

const units = ['bytes', 'KB', 'MB', 'GB'];

/** 1536 → "1.5 KB": sizes as people read them. */
export function formatSize(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
