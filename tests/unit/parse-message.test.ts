import { describe, expect, it, vi } from 'vitest';
import { getAttachment, parseMessage, RENDER_ERROR } from '@/lib/mail/parse-message';

const meta = { uid: 7, folder: 'INBOX', seen: false, flagged: true };
const opts = { allowRemote: false };
const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'), 'latin1');

describe('parseMessage', () => {
  it('reads a plain text message', async () => {
    const raw = crlf([
      'From: "Ann Example" <ann@example.test>',
      'To: bob@example.test, "Team" <team@example.test>',
      'Cc: Group: c1@example.test, c2@example.test;',
      'Reply-To: replies@example.test',
      'Subject: Hello',
      'Date: Tue, 3 Feb 2026 10:00:00 +0100',
      'Message-ID: <abc@example.test>',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Hi Bob,',
      'see https://example.test',
    ]);
    const view = await parseMessage(raw, meta, opts);
    expect(view).toMatchObject({
      uid: 7, folder: 'INBOX', seen: false, flagged: true, subject: 'Hello',
      from: [{ name: 'Ann Example', address: 'ann@example.test' }],
      to: [{ name: '', address: 'bob@example.test' }, { name: 'Team', address: 'team@example.test' }],
      cc: [{ name: '', address: 'c1@example.test' }, { name: '', address: 'c2@example.test' }],
      replyTo: [{ name: '', address: 'replies@example.test' }],
      date: '2026-02-03T09:00:00.000Z', messageId: '<abc@example.test>',
      html: null, hasRemoteContent: false, attachments: [],
    });
    expect(view.text).toContain('see https://example.test');
    expect(view.renderError).toBeUndefined();
  });

  it('keeps both parts of multipart/alternative, the HTML sanitized', async () => {
    const raw = crlf([
      'From: a@example.test', 'Subject: alt', 'Content-Type: multipart/alternative; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain; charset=utf-8', '', 'plain body',
      '--b1', 'Content-Type: text/html; charset=utf-8', '',
      '<p onclick="x()">html <b>body</b><script>alert(1)</script><img src="http://127.0.0.1:9/t.gif"></p>',
      '--b1--', '',
    ]);
    const view = await parseMessage(raw, meta, opts);
    expect(view.text?.trim()).toBe('plain body');
    expect(view.html?.trim()).toBe('<p>html <b>body</b><img data-satchel-src="http://127.0.0.1:9/t.gif"></p>');
    expect(view.hasRemoteContent).toBe(true);
    const allowed = await parseMessage(raw, meta, { ...opts, allowRemote: true });
    expect(allowed.html).toContain('src="http://127.0.0.1:9/t.gif"');
  });

  it.each([
    ['ISO-8859-1 Q', '=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=', 'Grüße aus Köln'],
    ['UTF-8 B', `=?UTF-8?B?${Buffer.from('Привет 👋').toString('base64')}?=`, 'Привет 👋'],
  ])('decodes an encoded-word subject and name (%s)', async (_name, encoded, expected) => {
    const raw = crlf([`From: ${encoded} <x@example.test>`, `Subject: ${encoded}`, '', 'body']);
    const view = await parseMessage(raw, meta, opts);
    expect(view.subject).toBe(expected);
    expect(view.from).toEqual([{ name: expected, address: 'x@example.test' }]);
  });

  it('draws a cid: image from the message itself (a data: URL of verified PNG bytes) and lists the attachment with a clean name', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUg==', 'base64');
    const raw = crlf([
      'From: a@example.test', 'Subject: pics', 'Content-Type: multipart/mixed; boundary="m"', '',
      '--m', 'Content-Type: multipart/related; boundary="r"', '',
      '--r', 'Content-Type: text/html; charset=utf-8', '', '<p>Logo: <img src="cid:logo@example.test"></p>',
      '--r', 'Content-Type: image/png', 'Content-ID: <logo@example.test>', 'Content-Disposition: inline',
      'Content-Transfer-Encoding: base64', '', png.toString('base64'),
      '--r--',
      '--m', 'Content-Type: application/pdf; name="=?UTF-8?Q?invoice=E2=80=AEfdp.exe?="',
      'Content-Disposition: attachment; filename="=?UTF-8?Q?invoice=E2=80=AEfdp.exe?="',
      'Content-Transfer-Encoding: base64', '', Buffer.from('%PDF-1.4').toString('base64'),
      '--m--', '',
    ]);
    const view = await parseMessage(raw, meta, opts);
    expect(view.html?.trim()).toBe(`<p>Logo: <img src="data:image/png;base64,${png.toString('base64')}" data-satchel-cid="logo@example.test"></p>`);
    expect(view.attachments).toEqual([
      { partId: '0', filename: 'attachment', contentType: 'image/png', size: png.length, inline: true, contentId: 'logo@example.test' },
      { partId: '1', filename: 'invoicefdp.exe', contentType: 'application/pdf', size: 8, inline: false },
    ]);
    const pdf = await getAttachment(raw, '1');
    expect(pdf?.filename).toBe('invoicefdp.exe');
    expect(Buffer.from(pdf?.content ?? []).toString()).toBe('%PDF-1.4');
    expect(await getAttachment(raw, '2')).toBeNull();
    expect(await getAttachment(raw, '../1')).toBeNull();
  });

  it('does not inline a cid: part whose bytes are not a raster image, whatever its Content-Type', async () => {
    const raw = crlf([
      'From: a@example.test', 'Subject: fake', 'Content-Type: multipart/related; boundary="r"', '',
      '--r', 'Content-Type: text/html', '', '<p><img src="cid:x@example.test"></p>',
      '--r', 'Content-Type: image/png', 'Content-ID: <x@example.test>', '', '<svg onload="alert(1)"></svg>',
      '--r--', '',
    ]);
    const view = await parseMessage(raw, meta, opts);
    expect(view.html).not.toContain('data:');
    expect(view.html).not.toContain('svg');
  });

  it('returns renderError instead of throwing on garbage', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256);
    const view = await parseMessage(garbage, meta, opts);
    expect(view.uid).toBe(7);
    expect(view.html).toBeNull();
    // postal-mime is lenient: garbage may parse as an odd text message, or be refused; never a throw.
    if (view.renderError) expect(view.renderError).toBe(RENDER_ERROR);
    const hostileHeaders = Buffer.from(`X-A: ${'a'.repeat(600 * 1024)}\r\n\r\nbody`);
    expect((await parseMessage(hostileHeaders, meta, opts)).renderError).toBe(RENDER_ERROR);
    warn.mockRestore();
  });

  it('handles 200 levels of multipart nesting quickly, within the caps', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const depth = 200;
    const open = Array.from({ length: depth }, (_, i) => `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n`);
    const close = Array.from({ length: depth }, (_, i) => `\r\n--n${depth - 1 - i}--\r\n`);
    const raw = Buffer.from(`From: a@example.test\r\nSubject: deep\r\n${open.join('')}Content-Type: text/plain\r\n\r\ndeep${close.join('')}`);
    const started = performance.now();
    const view = await parseMessage(raw, meta, opts);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(view.renderError).toBe(RENDER_ERROR);
    expect(view.text).toBeNull();
    warn.mockRestore();
  });

  it('parses many sibling parts without listing unbounded attachments', async () => {
    const parts = Array.from({ length: 2_000 }, (_, i) => `--p\r\nContent-Type: application/octet-stream; name="f${i}.bin"\r\n\r\nx\r\n`);
    const raw = Buffer.from(`Subject: many\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n${parts.join('')}--p--\r\n`);
    const started = performance.now();
    const view = await parseMessage(raw, meta, opts);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(view.attachments).toHaveLength(500);
  });

  it('refuses a part bomb before parsing it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const raw = Buffer.from(`Subject: bomb\r\nContent-Type: multipart/mixed; boundary="p"\r\n\r\n${'--p\r\n\r\n'.repeat(50_000)}--p--\r\n`);
    const started = performance.now();
    expect((await parseMessage(raw, meta, opts)).renderError).toBe(RENDER_ERROR);
    expect(performance.now() - started).toBeLessThan(500);
    warn.mockRestore();
  });

  it('enforces the parse time cap by yielding inside postal-mime (fails if its line hook is renamed)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const raw = Buffer.from(`Subject: long\r\n\r\n${'line\r\n'.repeat(10_000)}`);
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const normal = await parseMessage(raw, meta, opts);
    clearInterval(ticker);
    expect(normal.renderError).toBeUndefined();
    expect(ticks).toBeGreaterThan(0);
    // Pretend each clock read is a minute later: the first deadline check must give up.
    let fakeNow = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => (fakeNow += 60_000));
    const capped = await parseMessage(raw, meta, opts);
    now.mockRestore();
    expect(capped.renderError).toBe(RENDER_ERROR);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('parse time cap'));
    warn.mockRestore();
  });

  it('falls back to the text part when the HTML has too many elements to sanitize quickly', async () => {
    const raw = crlf([
      'Subject: huge', 'Content-Type: multipart/alternative; boundary="b"', '',
      '--b', 'Content-Type: text/plain', '', 'the text',
      '--b', 'Content-Type: text/html', '', '<b>'.repeat(25_000), '--b--', '',
    ]);
    const view = await parseMessage(raw, meta, opts);
    expect(view.html).toBeNull();
    expect(view.text?.trim()).toBe('the text');
    expect(view.renderError).toBeUndefined();
  });
});
