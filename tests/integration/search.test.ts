// Search against the real Dovecot: each operator, one folder or all folders, paging, empty and
// malformed searches. find's mailbox is seeded once (tests/support/find-seed.ts); nothing writes to it here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_FOLDERS, searchMail } from '@/lib/mail/search';
import { closeDalSessions, configureDal, dalSession } from '../support/dal-session';
import { NEWSLETTERS, seedFindMailbox } from '../support/find-seed';

configureDal();

beforeAll(async () => {
  await seedFindMailbox();
});

afterAll(async () => {
  await closeDalSessions();
});

async function found(q: string, scope = 'INBOX', page = 1) {
  const outcome = await searchMail(dalSession('find'), q, scope, page);
  if (!outcome.ok) throw new Error(`search "${q}" failed: ${outcome.error}`);
  return outcome.result;
}

const subjects = async (q: string, scope = 'INBOX') => (await found(q, scope)).messages.map((m) => m.subject);

describe('operators in one folder, newest first', () => {
  it('from: matches name or address', async () => {
    expect(await subjects('from:anna')).toEqual(['Re: Project kickoff', 'Lunch on Friday']);
    expect(await subjects('from:billing@vendor.example')).toEqual(['Invoice 2026-02', 'Invoice 2026-01']);
  });

  it('to:, subject: and quoted phrases', async () => {
    expect(await subjects('to:anna', 'Sent')).toEqual(['Re: Project kickoff']);
    expect(await subjects('subject:"project kickoff"')).toEqual(['Re: Project kickoff', 'Project kickoff']);
    expect(await subjects('"count me in"')).toEqual(['Re: Project kickoff']);
  });

  it('plain words match anywhere, and all of them must', async () => {
    expect(await subjects('budget')).toEqual(['Invoice 2026-01']);
    expect(await subjects('amount due')).toEqual(['Invoice 2026-02', 'Invoice 2026-01']);
    expect(await subjects('amount budget')).toEqual(['Invoice 2026-01']);
  });

  it('has:attachment, is:unread, is:read, is:flagged', async () => {
    expect(await subjects('has:attachment')).toEqual(['Quarterly report with chart']);
    expect(await subjects('is:unread')).toEqual(['Re: Project kickoff', 'Lunch on Friday']);
    expect(await subjects('is:flagged')).toEqual(['Invoice 2026-01']);
    expect(await subjects('is:read from:anna')).toEqual([]);
  });

  it('before: is strictly before the day, after: is from the day on', async () => {
    expect(await subjects('before:2026-01-20')).toEqual(['Lunch on Friday', 'Quarterly report with chart']);
    expect(await subjects('after:2026-03-02')).toEqual(['Re: Project kickoff']);
    expect(await subjects('after:2026-01-01 before:2026-02-01')).toEqual(['Invoice 2026-01', 'Lunch on Friday']);
  });
});

describe('scope', () => {
  it('all folders: results say which folder each message is in, newest first', async () => {
    const result = await found('subject:invoice', ALL_FOLDERS);
    expect(result.messages.map((m) => [m.subject, m.folder])).toEqual([
      ['Invoice 2026-02', 'INBOX'],
      ['Invoice 2026-01', 'INBOX'],
      ['Invoice 2025-12', 'Archive'],
    ]);
    expect(result.shown).toBeNull();
  });

  it('all folders includes the Sent copy of a reply', async () => {
    const result = await found('subject:kickoff', ALL_FOLDERS);
    expect(result.messages.map((m) => m.folder)).toEqual(['Sent', 'INBOX', 'INBOX']);
  });
});

describe('paging and edge cases', () => {
  it('pages 50 at a time, newest first, in one folder and across folders', async () => {
    for (const scope of ['Lists', ALL_FOLDERS]) {
      const first = await found('from:newsletter', scope, 1);
      expect(first).toMatchObject({ total: NEWSLETTERS, page: 1, pageCount: 2 });
      expect(first.messages).toHaveLength(50);
      expect(first.messages[0]?.subject).toBe(`Weekly Byte issue ${NEWSLETTERS}`);
      const second = await found('from:newsletter', scope, 2);
      expect(second.messages.map((m) => m.subject)).toEqual(['Weekly Byte issue 5', 'Weekly Byte issue 4', 'Weekly Byte issue 3', 'Weekly Byte issue 2', 'Weekly Byte issue 1']);
      expect(second.messages.every((m) => m.folder === 'Lists')).toBe(true);
    }
  });

  it('a page past the end shows the last page', async () => {
    expect(await found('from:newsletter', 'Lists', 99)).toMatchObject({ page: 2 });
  });

  it('an empty result is an empty page, not an error', async () => {
    expect(await found('subject:zzzz-nothing', ALL_FOLDERS)).toEqual({ messages: [], page: 1, pageCount: 1, total: 0, shown: null });
  });

  it('a malformed query answers with a message and never reaches the server', async () => {
    const outcome = await searchMail(dalSession('find'), 'before:2026-02-30', 'INBOX', 1);
    expect(outcome).toMatchObject({ ok: false, empty: false });
    expect(!outcome.ok && outcome.error).toMatch(/YYYY-MM-DD/);
  });

  it('non-ASCII words are searched as UTF-8 (the subject is ISO-8859-1 on the server)', async () => {
    expect((await found('Grüße', ALL_FOLDERS)).messages.map((m) => [m.subject, m.folder])).toEqual([['Grüße aus München', 'Archive']]);
  });
});
