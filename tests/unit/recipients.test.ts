import { describe, expect, it } from 'vitest';
import { matchCorrespondents, rankCorrespondents } from '@/lib/mail/recipients';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 27);

describe('recipient ranking', () => {
  it('puts people the user writes to, and recently, first; leaves out the user and junk addresses', () => {
    const ranked = rankCorrespondents(
      [
        { name: 'Newsletter', address: 'news@shop.test', weight: 1, date: now - day },
        { name: 'Newsletter', address: 'news@shop.test', weight: 1, date: now - 2 * day },
        { name: 'Ann Lee', address: 'ann@x.test', weight: 3, date: now - day },
        { name: 'Old Friend', address: 'old@x.test', weight: 3, date: now - 900 * day },
        { name: 'Me', address: 'Me@Satchel.test', weight: 3, date: now },
        { name: 'Bad', address: 'not an address', weight: 3, date: now },
      ],
      ['me@satchel.test'],
      now,
    );
    expect(ranked.map((c) => c.address)).toEqual(['ann@x.test', 'news@shop.test', 'old@x.test']);
  });

  it('keeps the newest name and drops names that look like another address', () => {
    const [c] = rankCorrespondents(
      [
        { name: 'A. Lee', address: 'ann@x.test', weight: 1, date: now - 5 * day },
        { name: 'Ann Lee', address: 'ann@x.test', weight: 1, date: now - day },
        { name: 'boss@corp.test', address: 'ann@x.test', weight: 1, date: now },
      ],
      [],
      now,
    );
    expect(c).toMatchObject({ name: 'Ann Lee', address: 'ann@x.test' });
  });

  it('matches the address anywhere and the start of any word of the name', () => {
    const list = rankCorrespondents([{ name: "Jo O'Brien", address: 'jo.obrien@mail.test', weight: 1, date: now }], [], now);
    expect(matchCorrespondents(list, 'brien')).toHaveLength(1);
    expect(matchCorrespondents(list, 'OBr')).toHaveLength(1);
    expect(matchCorrespondents(list, 'rien')).toHaveLength(1); // part of the address
    expect(matchCorrespondents(list, 'zzz')).toHaveLength(0);
    expect(matchCorrespondents(list, '  ')).toHaveLength(0);
  });
});
