// Owns turning one body form into the other in the browser (plain ↔ rich) and adding the signature.
import type { ComposeDraft } from '@/lib/mail/compose-types';

export type Signature = { text: string; html: string };

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text as paragraphs, line breaks kept: what switching to rich text shows. */
export function textToHtml(text: string): string {
  if (!text.trim()) return '';
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** The text a browser would show for an HTML fragment (DOMParser builds an inert document). */
export function htmlToText(html: string): string {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  doc.querySelectorAll('p, li, blockquote, div').forEach((el) => el.append('\n\n'));
  return (doc.body.textContent ?? '').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * The signature above whatever the page prepared (a reply's quote), unless the draft already holds
 * it (a draft opened again). "-- " is the conventional delimiter mail apps recognise.
 */
export function withSignature(draft: ComposeDraft, sig: Signature): ComposeDraft {
  const text = sig.text.trim();
  const html = sig.html.trim() || textToHtml(text);
  if (!text && !html) return draft;
  // A rough tag strip is enough to tell whether the signature is already there; it also runs on the server.
  const strip = (h: string) => h.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  const marker = (text || strip(html)).replace(/\s+/g, ' ');
  const body = (draft.mode === 'rich' ? strip(draft.html) : draft.text).replace(/\s+/g, ' ');
  if (marker && body.includes(marker.slice(0, 60))) return draft;
  if (draft.mode === 'plain') return { ...draft, text: `\n\n-- \n${text || strip(html)}\n${draft.text ? `\n${draft.text}` : ''}` };
  return { ...draft, html: `<p></p><p>-- </p>${html}${draft.html}` };
}
