// The sort fallback's rules (RFC 5256 base subject, key then arrival order) and reading SORT/ESEARCH answers.
import { describe, expect, it } from 'vitest';
import { esearchData, expandSet, numbersOf } from '@/lib/mail/imap-exec';
import { baseSubject, sortEntries, sortSchema } from '@/lib/mail/sort';

describe('baseSubject', () => {
  it('strips reply and forward markers, list tags and (fwd) as SORT SUBJECT does', () => {
    expect(baseSubject('Re: Hello')).toBe('hello');
    expect(baseSubject('RE: re: Fwd: Hello')).toBe('hello');
    expect(baseSubject('[list] Re: Hello (fwd)')).toBe('hello');
    expect(baseSubject('Fw: [fwd: Hello]')).toBe('hello');
    expect(baseSubject('  Many   spaces  ')).toBe('many spaces');
    expect(baseSubject('[only a tag]')).toBe('[only a tag]');
    expect(baseSubject('Reply all: the plan')).toBe('reply all: the plan');
  });
});

describe('sortEntries', () => {
  const e = (seq: number, key: string | number) => ({ seq, uid: seq * 10, key });

  it('orders by key, ties by arrival, and reverses only the key for desc', () => {
    const entries = [e(1, 'b'), e(2, 'a'), e(3, 'b'), e(4, 'c')];
    expect(sortEntries(entries, 'asc')).toEqual([20, 10, 30, 40]);
    expect(sortEntries(entries, 'desc')).toEqual([40, 10, 30, 20]);
  });

  it('compares numbers as numbers', () => {
    expect(sortEntries([e(1, 100), e(2, 9), e(3, 1000)], 'asc')).toEqual([20, 10, 30]);
  });
});

describe('sortSchema', () => {
  it('defaults: date newest first; other keys A to Z / smallest first; junk ignored', () => {
    expect(sortSchema.parse({})).toEqual({ key: 'date', dir: 'desc' });
    expect(sortSchema.parse({ sort: 'subject' })).toEqual({ key: 'subject', dir: 'asc' });
    expect(sortSchema.parse({ sort: 'size', dir: 'desc' })).toEqual({ key: 'size', dir: 'desc' });
    expect(sortSchema.parse({ sort: 'x\r\n', dir: 'up' })).toEqual({ key: 'date', dir: 'desc' });
  });
});

describe('reading answers', () => {
  const a = (value: string) => ({ type: 'ATOM', value });

  it('expands a sequence set in the order given, within a limit', () => {
    expect(expandSet('5,3:1,9:10', 50)).toEqual([5, 3, 2, 1, 9, 10]);
    expect(expandSet('1:4294967295', 3)).toEqual([1, 2, 3]);
    expect(expandSet('0,x,-1,7', 10)).toEqual([7]);
  });

  it('reads ESEARCH PARTIAL and COUNT after the tag and UID', () => {
    const answer = [[[a('TAG'), a('A7')], a('UID'), a('PARTIAL'), [{ type: 'SEQUENCE', value: '1:3' }, { type: 'SEQUENCE', value: '30,10,20' }], a('COUNT'), a('3')]];
    expect(esearchData(answer)).toEqual({ partial: '30,10,20', count: 3 });
  });

  it('reads a plain SORT answer, dropping what is not a UID', () => {
    expect(numbersOf([[a('3'), a('1'), a('0'), a('abc'), a('2')]])).toEqual([3, 1, 2]);
  });
});
