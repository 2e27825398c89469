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

export const organizeOps = ['read', 'unread', 'flag', 'unflag', 'archive', 'delete', 'junk', 'notjunk', 'move', 'copy', 'destroy'] as const;

// A page holds 50 rows; "all in this folder" travels as 'all' (1:* on the server), never as a UID list.
export const organizeSchema = z
  .object({
    folder: folderSchema,
    uids: z.union([z.literal('all'), z.array(uidSchema).min(1).max(1000)]),
    op: z.enum(organizeOps),
    target: folderSchema.optional(),
  })
  .refine((v) => (v.op === 'move' || v.op === 'copy') === (v.target !== undefined), 'Choose a folder to move or copy to');

export const specialFolderUseSchema = z.enum(['archive', 'trash', 'junk']);

// A folder name is one level of the path: the server's delimiter would silently nest it, LIST
// wildcards (* %) and controls have no place in it, and "INBOX" is reserved at the top level.
export const folderNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a folder name')
  .max(200, 'Folder names can be at most 200 characters')
  .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'Folder names cannot contain control characters')
  .refine((s) => !/[*%]/.test(s), 'Folder names cannot contain * or %')
  .refine((s) => !/^\.+$/.test(s) && !s.startsWith('~'), 'That folder name is not allowed');
