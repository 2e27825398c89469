// Owns a rough height for the message frame. The sandboxed frame cannot report its own height
// (that would need scripts in it or same-origin access), so short mail gets a short frame from
// this estimate and long mail scrolls inside a frame capped at most of the viewport.
const LINE_PX = 22;
const CHARS_PER_LINE = 90;

export function estimateHtmlHeight(html: string): number {
  const text = html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').length;
  const blocks = (html.match(/<(p|div|br|tr|li|h[1-6]|blockquote|hr)\b/gi) ?? []).length;
  const images = (html.match(/<img\b/gi) ?? []).length;
  return Math.max(160, Math.round(32 + LINE_PX * (text / CHARS_PER_LINE + blocks) + images * 160));
}
