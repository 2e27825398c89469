// Building replies and forwards (lib/mail/reply.ts): subjects, references, quoting, recipients.
import { describe, expect, it } from 'vitest';
import type { Original } from '@/lib/mail/original';
import { draftFor, quoteText, replyRecipients, replyReferences, replySubject } from '@/lib/mail/reply';
import type { MessageView } from '@/lib/mail/types';

const ME = ['writer@satchel.test', 'sales@satchel.test'];

function view(fields: Partial<MessageView> = {}): MessageView {
  return {
    uid: 7,
    folder: 'INBOX',
    subject: 'Budget',
    from: [{ name: 'Bob', address: 'bob@satchel.test' }],
    to: [{ name: '', address: 'writer@satchel.test' }],
    cc: [],
    replyTo: [],
    date: '2026-11-20T09:30:00.000Z',
    messageId: '<orig@satchel.test>',
    text: 'Line one\nLine two',
    html: '<p>Line one</p>',
    hasRemoteContent: false,
    attachments: [],
    seen: true,
    flagged: false,
    ...fields,
  };
}

const original = (fields: Partial<MessageView> = {}, references: string[] = []): Original => ({ view: view(fields), references, size: 1234 });

describe('replySubject', () => {
  it.each([
    ['reply', 'Budget', 'Re: Budget'],
    ['reply', 'Re: Budget', 'Re: Budget'],
    ['reply', 'RE: re: Aw: Budget', 'Re: Budget'],
    ['reply', 'Re[2]: Budget', 'Re: Budget'],
    ['reply-all', 'Fwd: Budget', 'Re: Budget'],
    ['forward', 'Fwd: FW: Budget', 'Fwd: Budget'],
    ['forward', 'Re: Budget', 'Fwd: Budget'],
    ['forward-attachment', 'WG: Budget', 'Fwd: Budget'],
    ['reply', 'Reader feedback', 'Re: Reader feedback'],
  ] as const)('%s of "%s" is "%s"', (kind, subject, expected) => {
    expect(replySubject(kind, subject)).toBe(expected);
  });
});

describe('replyReferences', () => {
  it('appends the original Message-ID to its References', () => {
    expect(replyReferences(['<a@x>', '<b@x>'], '<c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
  });

  it('drops duplicates and malformed ids', () => {
    expect(replyReferences(['<a@x>', 'junk', '<a@x>', '<b c@x>'], '<a@x>')).toEqual(['<a@x>']);
  });

  it('caps a long thread at 20, keeping its root and the newest', () => {
    const refs = Array.from({ length: 40 }, (_, i) => `<m${i}@x>`);
    const out = replyReferences(refs, '<new@x>');
    expect(out).toHaveLength(20);
    expect(out[0]).toBe('<m0@x>');
    expect(out.at(-1)).toBe('<new@x>');
    expect(out[1]).toBe('<m22@x>');
  });
});

describe('quoteText', () => {
  it('prefixes every line with "> ", deeper quotes with ">"', () => {
    expect(quoteText('Hi\r\n> earlier\n\nbye\n\n')).toBe('> Hi\n>> earlier\n>\n> bye');
  });
});

describe('replyRecipients', () => {
  it('reply goes to Reply-To when set, else From', () => {
    expect(replyRecipients(view(), 'reply', ME).to).toEqual([{ name: 'Bob', address: 'bob@satchel.test' }]);
    const withReplyTo = view({ replyTo: [{ name: 'List', address: 'list@satchel.test' }] });
    expect(replyRecipients(withReplyTo, 'reply', ME).to.map((a) => a.address)).toEqual(['list@satchel.test']);
  });

  it('reply all leaves out the user and every alias, keeps Cc, lists nobody twice', () => {
    const v = view({
      to: [{ name: '', address: 'WRITER@satchel.test' }, { name: 'Carol', address: 'carol@satchel.test' }],
      cc: [{ name: 'Sales', address: 'sales@satchel.test' }, { name: 'Dup', address: 'bob@satchel.test' }, { name: 'Erin', address: 'erin@satchel.test' }],
    });
    const { to, cc } = replyRecipients(v, 'reply-all', ME);
    expect(to.map((a) => a.address)).toEqual(['bob@satchel.test', 'carol@satchel.test']);
    expect(cc.map((a) => a.address)).toEqual(['erin@satchel.test']);
  });

  it('answering one\'s own sent message writes to its recipients', () => {
    const v = view({ from: [{ name: '', address: 'writer@satchel.test' }], to: [{ name: 'Bob', address: 'bob@satchel.test' }] });
    expect(replyRecipients(v, 'reply', ME).to.map((a) => a.address)).toEqual(['bob@satchel.test']);
  });
});

describe('draftFor', () => {
  it('reply: quoted text and HTML under an attribution line, threading and source set', () => {
    const draft = draftFor(original({}, ['<root@x>']), 'reply', { own: ME, email: ME[0]!, mode: 'rich' });
    expect(draft.text).toContain('On 20 Nov 2026, 09:30 UTC, Bob <bob@satchel.test> wrote:\n> Line one\n> Line two');
    expect(draft.html).toMatch(/<p>On 20 Nov 2026, 09:30 UTC, Bob &lt;bob@satchel.test&gt; wrote:<\/p><blockquote type="cite"><p>Line one<\/p><\/blockquote>$/);
    expect(draft).toMatchObject({ to: '"Bob" <bob@satchel.test>', subject: 'Re: Budget', inReplyTo: '<orig@satchel.test>', references: ['<root@x>', '<orig@satchel.test>'], source: { kind: 'reply', folder: 'INBOX', uid: 7 } });
  });

  it('reply to a message sent to an alias answers from that alias', () => {
    const draft = draftFor(original({ to: [{ name: '', address: 'sales@satchel.test' }] }), 'reply', { own: ME, email: ME[0]!, mode: 'plain' });
    expect(draft.from).toBe('sales@satchel.test');
    expect(draft.html).toBe('');
  });

  it('a text-only original is quoted as escaped HTML', () => {
    const draft = draftFor(original({ html: null, text: '<b>not bold</b>\nnext' }), 'reply', { own: ME, email: ME[0]!, mode: 'rich' });
    expect(draft.html).toContain('&lt;b&gt;not bold&lt;/b&gt;<br>next');
  });

  it('forward keeps the original attachments (not its inline images) and sets no threading', () => {
    const attachments = [
      { partId: '0', filename: 'chart.png', contentType: 'image/png', size: 10, inline: true, contentId: 'c1' },
      { partId: '1', filename: 'agenda.pdf', contentType: 'application/pdf', size: 20, inline: false },
    ];
    const draft = draftFor(original({ attachments }), 'forward', { own: ME, email: ME[0]!, mode: 'rich' });
    expect(draft.attachments).toEqual([{ id: 'p1.7.SU5CT1g@part.satchel', filename: 'agenda.pdf', size: 20, contentType: 'application/pdf' }]);
    expect(draft).toMatchObject({ to: '', inReplyTo: null, references: [], subject: 'Fwd: Budget' });
    expect(draft.text).toContain('---------- Forwarded message ---------\nFrom: Bob <bob@satchel.test>');
  });

  it('forward as attachment attaches the whole original as message/rfc822', () => {
    const draft = draftFor(original({ subject: 'Q3: plans/next?' }), 'forward-attachment', { own: ME, email: ME[0]!, mode: 'rich' });
    expect(draft.attachments).toEqual([{ id: 'm.7.SU5CT1g@message.satchel', filename: 'Q3 plansnext.eml', size: 1234, contentType: 'message/rfc822' }]);
    expect(draft.text).toBe('');
  });
});
