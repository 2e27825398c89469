// Owns how much text one message may carry to the server. The editor posts the draft through a Server
// Action: next.config.js sets serverActions.bodySizeLimit to ACTION_BODY_BYTES, kept under the 10 MB
// the proxy buffers (proxyClientMaxBodySize; past it Next cuts the body short instead of refusing it).
// Attachments go through their own upload route and do not count here. No `server-only`: the editor
// checks before it posts, so an over-long text gets a clear message and stays in the editor.
import { formatSize } from '@/lib/format';
import type { ComposeDraft } from './compose-types';

export const ACTION_BODY_BYTES = 9 * 1024 * 1024;
/** The server refuses a longer html or text (draft-input.ts, compose-input.ts), in characters. */
export const MAX_BODY_CHARS = 5_000_000;
// Room for the other fields (addresses, subject, attachment list) and React's encoding of the draft.
const FIELDS_HEADROOM = 256 * 1024;

/** The most bytes the text may take: one request's worth, and never more than a whole message. */
export function bodyLimitBytes(messageMaxBytes: number): number {
  return Math.min(ACTION_BODY_BYTES - FIELDS_HEADROOM, messageMaxBytes);
}

/** Why this draft's text is too long to save or send, in words; null when it fits. */
export function bodyTooLong(draft: Pick<ComposeDraft, 'html' | 'text'>, messageMaxBytes: number): string | null {
  const chars = Math.max(draft.html.length, draft.text.length);
  if (chars > MAX_BODY_CHARS) return `The message text is too long (${chars.toLocaleString('en')} characters; at most ${MAX_BODY_CHARS.toLocaleString('en')}). Shorten it, or attach the text as a file`;
  // As the request carries it: JSON, where a quote or a line break takes two bytes.
  const bytes = new Blob([JSON.stringify(draft.html), JSON.stringify(draft.text)]).size;
  const limit = bodyLimitBytes(messageMaxBytes);
  if (bytes > limit) return `The message text is too long (${formatSize(bytes)}; at most ${formatSize(limit)}). Shorten it, or attach the text as a file`;
  return null;
}
