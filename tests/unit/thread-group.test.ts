// Conversation grouping without THREAD on the server, and reading the server's THREAD answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupThreads, messageIds, threadsFromResponse, type ThreadItem } from '@/lib/mail/threads';

const item = (uid: number, subject: string, ids: Partial<Pick<ThreadItem, 'messageId' | 'inReplyTo' | 'references'>> = {}): ThreadItem => ({
  uid,
  subject,
  messageId: ids.messageId ?? `<m${uid}@x>`,
  inReplyTo: ids.inReplyTo ?? null,
  references: ids.references ?? [],
});

const sorted = (groups: number[][]) => groups.map((g) => [...g].sort((a, b) => a - b)).sort((a, b) => a[0]! - b[0]!);

describe('groupThreads', () => {
  it('joins replies to their original by In-Reply-To and References', () => {
    const groups = groupThreads([
      item(1, 'Plan', { messageId: '<a@x>' }),
      item(2, 'Other topic'),
      item(3, 'Answer', { inReplyTo: '<a@x>' }),
      item(4, 'Later answer', { references: ['<a@x>', '<m3@x>'] }),
    ]);
    expect(sorted(groups)).toEqual([[1, 3, 4], [2]]);
  });

  it('joins two replies to an original that is not in the folder (a shared missing parent)', () => {
    const groups = groupThreads([item(5, 'A', { references: ['<gone@x>'] }), item(6, 'B', { inReplyTo: '<gone@x>' }), item(7, 'C')]);
    expect(sorted(groups)).toEqual([[5, 6], [7]]);
  });

  it('joins by base subject: "Re:", "Fwd:", [list] tags and case do not matter', () => {
    const groups = groupThreads([item(1, 'Budget 2026'), item(2, 'RE: budget 2026'), item(3, '[team] Fwd: Re: Budget 2026'), item(4, 'Budget 2027')]);
    expect(sorted(groups)).toEqual([[1, 2, 3], [4]]);
  });

  it('keeps messages without subject or references apart', () => {
    expect(sorted(groupThreads([item(1, ''), item(2, '')]))).toEqual([[1], [2]]);
  });

  it('puts every message in exactly one thread', () => {
    const arb = fc.array(fc.record({ subject: fc.constantFrom('a', 'Re: a', 'b', ''), parent: fc.option(fc.nat(20)) }), { maxLength: 40 });
    fc.assert(
      fc.property(arb, (rows) => {
        const items = rows.map((r, i) => item(i + 1, r.subject, { inReplyTo: r.parent === null ? null : `<m${r.parent}@x>` }));
        const uids = groupThreads(items).flat().sort((a, b) => a - b);
        expect(uids).toEqual(items.map((i) => i.uid));
      }),
    );
  });
});

describe('the server answer', () => {
  const n = (value: string) => ({ type: 'ATOM', value });

  it('flattens each THREAD tree into its UIDs', () => {
    // * THREAD (2)(3 6 (4 23)(44 7 96))
    const answer = [[[n('2')], [n('3'), n('6'), [n('4'), n('23')], [n('44'), n('7'), n('96')]]]];
    expect(threadsFromResponse(answer)).toEqual([[2], [3, 4, 6, 7, 23, 44, 96]]);
  });

  it('ignores anything that is not a number, and hostile nesting', () => {
    let deep: unknown = [n('9')];
    for (let i = 0; i < 1000; i++) deep = [deep];
    expect(threadsFromResponse([[[n('x'), n('1')], deep as never]])).toEqual([[1]]);
  });

  it('reads Message-IDs out of a References header', () => {
    expect(messageIds('<a@b>\r\n <c@d> junk <e@f>')).toEqual(['<a@b>', '<c@d>', '<e@f>']);
    expect(messageIds(null)).toEqual([]);
  });
});
