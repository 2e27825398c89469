// Owns the search box language: one string of operators and words in, an imapflow SearchObject or a
// message for the user out. Pure: no IMAP here, so every malformed input is answered without a server.
import type { SearchObject } from 'imapflow';

/** The scope value for "every folder" in URLs (/search?in=all). */
export const ALL_FOLDERS = 'all';
export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 20;

/** What the search box understands, for the help text next to it. */
export const SEARCH_HELP =
  'from: to: subject: has:attachment is:unread is:read is:flagged before:YYYY-MM-DD after:YYYY-MM-DD "exact words"';

export type SearchTerm =
  | { kind: 'text'; field: 'from' | 'to' | 'subject' | 'text'; value: string }
  | { kind: 'attachment' }
  | { kind: 'flag'; flag: 'unread' | 'read' | 'flagged' }
  | { kind: 'date'; field: 'before' | 'after'; day: string };

export type ParsedQuery = { ok: true; terms: SearchTerm[]; search: SearchObject } | { ok: false; empty: boolean; error: string };

const TEXT_FIELDS = { from: 'from', to: 'to', subject: 'subject' } as const;
const FLAGS = { unread: 'unread', read: 'read', flagged: 'flagged' } as const;

class QueryError extends Error {}

type Token = { key: string | null; value: string; quoted: boolean };

// A bare token runs to the next space; a key is letters before a colon; a value may be "quoted".
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    if (/\s/.test(input[i]!)) {
      i++;
      continue;
    }
    let key: string | null = null;
    const keyMatch = /^([A-Za-z]+):/.exec(input.slice(i, i + 30));
    if (keyMatch) {
      key = keyMatch[1]!.toLowerCase();
      i += keyMatch[0].length;
    }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      if (end < 0) throw new QueryError('A quote is not closed: add the missing " at the end of the phrase.');
      tokens.push({ key, value: input.slice(i + 1, end), quoted: true });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!)) end++;
    const value = input.slice(i, end);
    if (value.includes('"')) throw new QueryError('A quote is not closed: add the missing " at the end of the phrase.');
    tokens.push({ key, value, quoted: false });
    i = end;
  }
  return tokens;
}

/** A calendar day written YYYY-MM-DD, checked for real (no 2026-02-30); returned as UTC midnight. */
function parseDay(value: string, op: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== value || Number(m[1]) < 1970) {
    throw new QueryError(`${op}: needs a date written YYYY-MM-DD, for example ${op}:2026-01-31.`);
  }
  return date;
}

function toTerm({ key, value, quoted }: Token): SearchTerm {
  const v = value.trim();
  if (key === null) {
    if (!v) throw new QueryError('An empty phrase ("") cannot be searched for.');
    return { kind: 'text', field: 'text', value: v };
  }
  if (!v) throw new QueryError(`${key}: needs a value after the colon, for example ${key === 'is' ? 'is:unread' : key === 'has' ? 'has:attachment' : `${key}:anna`}.`);
  if (key in TEXT_FIELDS) return { kind: 'text', field: TEXT_FIELDS[key as keyof typeof TEXT_FIELDS], value: v };
  if (key === 'has') {
    if (v.toLowerCase() !== 'attachment' || quoted) throw new QueryError('has: only knows has:attachment.');
    return { kind: 'attachment' };
  }
  if (key === 'is') {
    const flag = FLAGS[v.toLowerCase() as keyof typeof FLAGS];
    if (!flag || quoted) throw new QueryError('is: knows is:unread, is:read and is:flagged.');
    return { kind: 'flag', flag };
  }
  if (key === 'before' || key === 'after') {
    parseDay(v, key);
    return { kind: 'date', field: key, day: v };
  }
  throw new QueryError(`Unknown operator "${key}:". Use ${SEARCH_HELP}, or put the words in quotes.`);
}

type Criterion = [keyof SearchObject, SearchObject[keyof SearchObject]];

function criterion(term: SearchTerm): Criterion {
  switch (term.kind) {
    case 'text':
      return [term.field, term.value];
    // Approximation: IMAP SEARCH has no "has attachment" key. A message with attachments is almost
    // always multipart/mixed; a bare PDF (single-part) is missed and a mixed message holding only
    // inline parts is included.
    case 'attachment':
      return ['header', { 'Content-Type': 'multipart/mixed' }];
    case 'flag':
      return term.flag === 'flagged' ? ['flagged', true] : ['seen', term.flag === 'read'];
    // before:D is strictly before day D (IMAP BEFORE); after:D is from day D on (IMAP SINCE), so
    // after:2026-01-01 before:2026-02-01 is exactly January. Days are UTC, compared with the
    // date the server received the message (INTERNALDATE).
    case 'date':
      return [term.field === 'before' ? 'before' : 'since', parseDay(term.day, term.field)];
  }
}

/**
 * A SearchObject holds each key once, yet IMAP ANDs any number of keys (two words, two from:).
 * Repeats go one level down as NOT (NOT …), which is the same set and stays a plain SearchObject.
 */
export function combine(criteria: Criterion[]): SearchObject {
  const layers: SearchObject[] = [];
  for (const [key, value] of criteria) {
    let layer = layers.find((l) => !(key in l));
    if (!layer) layers.push((layer = {}));
    (layer as Record<string, unknown>)[key] = value;
  }
  return layers.reduceRight<SearchObject | null>((inner, layer) => (inner ? { ...layer, not: { not: inner } } : layer), null) ?? {};
}

export function parseSearchQuery(input: string): ParsedQuery {
  if (input.length > MAX_QUERY_LENGTH) return { ok: false, empty: false, error: `That search is too long: keep it under ${MAX_QUERY_LENGTH} characters.` };
  // Control characters never belong in a search and must never reach an IMAP command line.
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(input)) return { ok: false, empty: false, error: 'The search contains characters that cannot be searched for.' };
  try {
    const terms = tokenize(input.replace(/\t/g, ' ')).map(toTerm);
    if (terms.length === 0) return { ok: false, empty: true, error: 'Type something to search for.' };
    if (terms.length > MAX_TERMS) return { ok: false, empty: false, error: `Use at most ${MAX_TERMS} words and operators in one search.` };
    return { ok: true, terms, search: combine(terms.map(criterion)) };
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, empty: false, error: err.message };
    throw err;
  }
}
