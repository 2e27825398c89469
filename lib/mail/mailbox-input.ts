// Owns validation of what arrives from URLs and forms about folders and messages.
import { z } from 'zod';

// Control characters never appear in a real mailbox name; refusing them keeps IMAP commands well-formed.
export const folderSchema = z
  .string()
  .min(1)
  .max(1000)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'folder names cannot contain control characters');

export const uidSchema = z.coerce.number().int().positive().max(4_294_967_295);

export const pageSchema = z.coerce.number().int().positive().max(1_000_000).catch(1);

/** Route params arrive URL-encoded by the router; an undecodable one is simply not found. */
export function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function folderHref(path: string): string {
  return `/mail/${encodeURIComponent(path)}`;
}

export function messageHref(path: string, uid: number): string {
  return `${folderHref(path)}/${uid}`;
}
