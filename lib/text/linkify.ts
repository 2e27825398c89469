// Owns finding links in plain text as data; callers build elements from it, never HTML strings (THREATS T4).

export type LinkifyToken = { kind: 'text' | 'link'; value: string; href?: string };

// Candidates start at a scheme or a bare `www.` on a word boundary and run to whitespace or a
// character that cannot appear unescaped in a URL in prose.
const CANDIDATE = /(?:\b(?:https?:\/\/|mailto:)|(?<![\w.@/-])www\.)[^\s<>"`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?'*_~]$/;
const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const BRACKETS = new Set('()[]{}');

/**
 * Drops sentence punctuation and unbalanced closing brackets: "(see http://a.b/c)." → "http://a.b/c".
 * Linear: bracket counts are taken once and updated as characters are dropped (counting again on
 * every step made a URL followed by 100,000 ")" take minutes — THREATS T21).
 */
function trimCandidate(raw: string): string {
  const counts = new Map<string, number>();
  for (const char of raw) if (BRACKETS.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  let end = raw.length;
  while (end > 0) {
    const last = raw[end - 1]!;
    const open = PAIRS[last];
    if (TRAILING_PUNCTUATION.test(last)) end--;
    else if (open && (counts.get(open) ?? 0) < (counts.get(last) ?? 0)) {
      counts.set(last, (counts.get(last) ?? 0) - 1);
      end--;
    } else break;
  }
  return raw.slice(0, end);
}

/** The href to use, or null if the candidate is not a usable http(s)/mailto link. */
function toHref(candidate: string): string | null {
  const withScheme = /^www\./i.test(candidate) ? `https://${candidate}` : candidate;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol === 'mailto:') return url.pathname.includes('@') ? url.href : null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.hostname.includes('.') || url.hostname === 'localhost' ? url.href : null;
}

/** Splits text into text and link tokens; concatenating every `value` gives the input back. */
export function linkify(text: string): LinkifyToken[] {
  const tokens: LinkifyToken[] = [];
  let cursor = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const last = tokens.at(-1);
    if (last?.kind === 'text') last.value += value;
    else tokens.push({ kind: 'text', value });
  };
  for (const match of text.matchAll(CANDIDATE)) {
    const value = trimCandidate(match[0]);
    const href = toHref(value);
    if (!href) continue;
    pushText(text.slice(cursor, match.index));
    tokens.push({ kind: 'link', value, href });
    cursor = match.index + value.length;
  }
  pushText(text.slice(cursor));
  return tokens;
}
