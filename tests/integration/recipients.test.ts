// Suggestions come from drafter's own Sent (To/Cc) and INBOX (From) on the real server; the first
// lookup of a session scans, later ones answer from memory (times are printed, not asserted).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendMany, closeDalSessions, configureDal, dalSession, uniqueSubject } from '../support/dal-session';

configureDal();
const { suggestRecipients } = await import('@/lib/mail/recipients');

const tag = uniqueSubject('r').split(' ')[1]!;
const raw = (headers: string) => Buffer.from(`${headers}\r\nSubject: ${tag}\r\nDate: ${new Date().toUTCString()}\r\n\r\nHi\r\n`);

beforeAll(async () => {
  await appendMany('drafter', 'Sent', [
    { raw: raw(`From: drafter@satchel.test\r\nTo: "Quill ${tag}" <quill-${tag}@elsewhere.test>\r\nCc: cc-${tag}@elsewhere.test`), flags: ['\\Seen'] },
  ]);
  await appendMany('drafter', 'INBOX', [{ raw: raw(`From: Robin ${tag} <robin-${tag}@elsewhere.test>\r\nTo: drafter@satchel.test`) }]);
});

afterAll(closeDalSessions);

describe('recipient suggestions', () => {
  it('suggests people drafter wrote to (To and Cc) and who wrote to drafter, with names', async () => {
    const session = dalSession('drafter');
    const t0 = performance.now();
    const first = await suggestRecipients(session, `quill-${tag}`);
    const t1 = performance.now();
    const later = await suggestRecipients(session, `robin ${tag}`.split(' ')[0]!);
    const t2 = performance.now();
    console.log(`recipients: first lookup ${(t1 - t0).toFixed(1)} ms, later lookup ${(t2 - t1).toFixed(2)} ms`);
    expect(first).toEqual([{ name: `Quill ${tag}`, address: `quill-${tag}@elsewhere.test` }]);
    expect(later.map((s) => s.address)).toContain(`robin-${tag}@elsewhere.test`);
    expect((await suggestRecipients(session, `cc-${tag}`)).map((s) => s.address)).toEqual([`cc-${tag}@elsewhere.test`]);
    expect(await suggestRecipients(session, 'drafter@satchel')).toEqual([]);
  });
});
