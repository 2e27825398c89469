// Owns sending the IMAP commands imapflow has no method for (UID SORT, UID THREAD) and reading their
// untagged answers, plus the small parsers for those answers.
import 'server-only';
import type { ImapFlow, SearchObject } from 'imapflow';
import { searchCompiler } from 'imapflow/lib/search-compiler.js';

/** A token as imapflow's parser hands it over: atoms/strings/sequences, or a parenthesised list. */
export type ImapToken = { type: string; value: string } | ImapToken[];

type Untagged = { attributes?: ImapToken[] };
type Exec = (command: string, attributes: unknown[], options: { untagged: Record<string, (u: Untagged) => Promise<void>> }) => Promise<{ next: () => void }>;

/**
 * imapflow 2.10.2 has no sort() or thread(). Its own search() is built on client.exec(command,
 * attributes, { untagged }) — marked @internal, not in its .d.ts — which queues the command on the
 * same connection, compiles and quotes attributes with the library's compiler, and routes the named
 * untagged responses to our handler. Using that path (rather than writing to the socket) keeps
 * literals, command ordering, the mailbox lock and error mapping imapflow's; only this function
 * depends on it. A NO/BAD rejects like any imapflow command.
 */
export async function execCollect(client: ImapFlow, command: string, attributes: unknown[], responses: string[]): Promise<ImapToken[][]> {
  const exec = (client as unknown as { exec: Exec }).exec.bind(client);
  const collected: ImapToken[][] = [];
  const untagged = Object.fromEntries(responses.map((name) => [name, async (u: Untagged) => void collected.push(u.attributes ?? [])]));
  const response = await exec(command, attributes, { untagged });
  response.next();
  return collected;
}

/**
 * SEARCH criteria as imapflow compiles them for its own search(), without the CHARSET prefix it adds
 * for non-ASCII values: SORT and THREAD always name their charset (we send UTF-8) in their own place.
 */
export function compileCriteria(client: ImapFlow, search: SearchObject): unknown[] {
  if (Object.keys(search).length === 0) return [{ type: 'ATOM', value: 'ALL' }];
  const attrs = searchCompiler(client, search) as Array<{ type?: string; value?: unknown }>;
  const first = attrs[0];
  const charset = first && !Array.isArray(first) && first.type === 'ATOM' && String(first.value).toUpperCase() === 'CHARSET';
  return charset ? attrs.slice(2) : attrs;
}

export const atom = (value: string) => ({ type: 'ATOM', value });

const isList = (t: ImapToken | undefined): t is ImapToken[] => Array.isArray(t);
const text = (t: ImapToken | undefined): string => (t && !isList(t) ? String(t.value) : '');

/** Positive 32-bit numbers only: the answer comes from a server and must not poison a later command. */
const validNumber = (n: number) => Number.isInteger(n) && n > 0 && n <= 4_294_967_295;

/**
 * A sequence set as the server sent it, in its order (ESORT lists results in sort order; a:b runs from
 * a to b). At most `limit` numbers are expanded, so a hostile 1:4294967295 costs nothing.
 */
export function expandSet(set: string, limit: number): number[] {
  const out: number[] = [];
  for (const part of set.split(',')) {
    const [a, b] = part.split(':').map(Number);
    if (a === undefined || !validNumber(a)) continue;
    const end = b === undefined ? a : b;
    if (!validNumber(end)) continue;
    const step = end >= a ? 1 : -1;
    for (let n = a; out.length < limit; n += step) {
      out.push(n);
      if (n === end) break;
    }
    if (out.length >= limit) break;
  }
  return out;
}

/** The numbers of an untagged SORT (or SEARCH) answer. */
export function numbersOf(responses: ImapToken[][]): number[] {
  return responses.flat().map((t) => Number(text(t))).filter(validNumber);
}

/** ESEARCH data after (TAG "x") and UID: { PARTIAL: "set", COUNT: "n", ALL: "set" }. */
export function esearchData(responses: ImapToken[][]): { partial?: string; count?: number; all?: string } {
  const out: { partial?: string; count?: number; all?: string } = {};
  for (const attrs of responses) {
    let i = isList(attrs[0]) ? 1 : 0;
    if (text(attrs[i]).toUpperCase() === 'UID') i++;
    for (; i + 1 < attrs.length; i += 2) {
      const key = text(attrs[i]).toUpperCase();
      const value = attrs[i + 1];
      if (key === 'COUNT') out.count = Number(text(value));
      if (key === 'ALL') out.all = text(value);
      if (key === 'PARTIAL' && isList(value)) out.partial = text(value[1]);
    }
  }
  return out;
}
