// Test and demo messages as raw RFC 822 bytes: the demo seed and the tests share these builders.
import MailComposer from 'nodemailer/lib/mail-composer';
import { deflateSync } from 'node:zlib';

export type RawMessage = Buffer;
export type SeedMessage = { mailbox: string; raw: RawMessage; flags: string[]; date: Date };

const DOMAIN = 'satchel.test';
const DAY = 24 * 60 * 60 * 1000;

/** Builds with nodemailer's MailComposer (CRLF line ends, deterministic Message-ID if given). */
export async function compose(options: MailComposer.Options): Promise<RawMessage> {
  return new MailComposer({ xMailer: false, ...options }).compile().build();
}

/** A raw message typed by hand (for headers MailComposer would re-encode); LF becomes CRLF. */
export function rawMessage(headers: Record<string, string>, body: string): RawMessage {
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.from(`${head}\r\n\r\n${body.replace(/\r?\n/g, '\r\n')}`, 'latin1');
}

// --- tiny binary assets ------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG: a simple bar chart, bars of the given heights (0..1). */
export function chartPng(bars = [0.35, 0.5, 0.62, 0.8], size = 48): Buffer {
  const rows: Buffer[] = [];
  const barWidth = Math.floor(size / bars.length);
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3, 255); // filter byte 0, white pixels
    row[0] = 0;
    for (let x = 0; x < size; x++) {
      const height = bars[Math.min(bars.length - 1, Math.floor(x / barWidth))] ?? 0;
      const inBar = x % barWidth > 1 && size - y <= height * size;
      if (inBar) row.set([37, 99, 235], 1 + x * 3);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A minimal, valid one-page PDF showing `text`. */
export function simplePdf(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, '\\$&');
  const stream = `BT /F1 18 Tf 72 720 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// --- the builders tests rely on -----------------------------------------------------------------
/**
 * Subject exactly "Quarterly report with chart"; HTML says "Revenue grew 12%" and shows an
 * inline image (cid:chart@satchel.test); attachment "report.pdf".
 */
export function htmlWithAttachment(opts: { from?: string; to?: string; date?: Date } = {}): Promise<RawMessage> {
  return compose({
    from: opts.from ?? `Dana Finance <dana@finance.example>`,
    to: opts.to ?? `alice@${DOMAIN}`,
    subject: 'Quarterly report with chart',
    date: opts.date ?? new Date('2026-11-03T09:30:00Z'),
    messageId: '<quarterly-report@finance.example>',
    text: 'Revenue grew 12% this quarter. The chart and the full report are attached.',
    html:
      '<p>Hi team,</p><p><strong>Revenue grew 12%</strong> this quarter.</p>' +
      '<p><img src="cid:chart@satchel.test" alt="Revenue chart" width="48" height="48"></p>' +
      '<p>The full report is attached.</p>',
    attachments: [
      { filename: 'chart.png', content: chartPng(), contentType: 'image/png', cid: 'chart@satchel.test' },
      { filename: 'report.pdf', content: simplePdf('Quarterly report: revenue grew 12%'), contentType: 'application/pdf' },
    ],
  });
}

/** HTML newsletter with a remote tracking pixel and a remote stylesheet (must stay blocked). */
export function newsletterWithRemoteContent(opts: { to?: string; date?: Date } = {}): Promise<RawMessage> {
  return compose({
    from: 'The Weekly Byte <news@newsletter.example>',
    to: opts.to ?? `alice@${DOMAIN}`,
    subject: 'The Weekly Byte #42: faster builds, smaller bundles',
    date: opts.date ?? new Date('2026-11-05T07:00:00Z'),
    list: { unsubscribe: 'https://newsletter.example/unsubscribe?u=42' },
    text: 'This week: faster builds and smaller bundles. Read online: https://newsletter.example/42',
    html:
      '<!doctype html><html><head><link rel="stylesheet" href="https://example.com/newsletter.css">' +
      '<style>h1{color:#0b5}</style></head><body><h1>The Weekly Byte #42</h1>' +
      '<p>Faster builds, smaller bundles. <a href="https://newsletter.example/42">Read online</a></p>' +
      '<img src="https://example.com/track.png" width="1" height="1" alt="">' +
      '<p><a href="https://newsletter.example/unsubscribe?u=42">Unsubscribe</a></p></body></html>',
  });
}

/** HTML invoice with an inline cid: logo and a PDF attachment "Invoice 2026-11.pdf". */
export function invoiceWithInlineImage(opts: { to?: string; date?: Date } = {}): Promise<RawMessage> {
  return compose({
    from: 'Vendor Billing <billing@vendor.example>',
    to: opts.to ?? `alice@${DOMAIN}`,
    subject: 'Your invoice for November 2026',
    date: opts.date ?? new Date('2026-11-20T10:15:00Z'),
    text: 'Your invoice 2026-11 is attached. Amount due: EUR 49.00.',
    html:
      '<p><img src="cid:logo@vendor.example" alt="Vendor logo" width="48" height="48"></p>' +
      '<p>Your invoice <b>2026-11</b> is attached. Amount due: <b>EUR 49.00</b>.</p>',
    attachments: [
      { filename: 'logo.png', content: chartPng([0.9, 0.6, 0.3]), contentType: 'image/png', cid: 'logo@vendor.example' },
      { filename: 'Invoice 2026-11.pdf', content: simplePdf('Invoice 2026-11: EUR 49.00'), contentType: 'application/pdf' },
    ],
  });
}

/** format=flowed plain text (soft line breaks end in a space). */
export function flowedText(opts: { to?: string; date?: Date } = {}): RawMessage {
  return rawMessage(
    {
      From: 'Erik Flow <erik@flowed.example>',
      To: opts.to ?? `alice@${DOMAIN}`,
      Subject: 'Notes from the planning meeting',
      Date: (opts.date ?? new Date('2026-11-10T15:00:00Z')).toUTCString().replace('GMT', '+0000'),
      'Message-ID': '<planning-notes@flowed.example>',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=utf-8; format=flowed; delsp=no',
      'Content-Transfer-Encoding': '7bit',
    },
    'Hi Alice,\n\nThis paragraph is long enough that the sender\'s client wrapped it \n' +
      'with soft line breaks, which a format=flowed reader joins back into one \n' +
      'paragraph.\n\n> Quoted text from your last message, also wrapped \n> softly.\n\n' +
      'Cheers,\nErik\n-- \nErik Flow, Planning\n',
  );
}

/** Subject "Grüße aus München" as ISO-8859-1 encoded words, body in ISO-8859-1. */
export function latin1Subject(opts: { to?: string; date?: Date } = {}): RawMessage {
  return rawMessage(
    {
      From: '=?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@beispiel.example>',
      To: opts.to ?? `alice@${DOMAIN}`,
      Subject: '=?ISO-8859-1?Q?Gr=FC=DFe_aus_M=FCnchen?=',
      Date: (opts.date ?? new Date('2026-11-12T08:00:00Z')).toUTCString().replace('GMT', '+0000'),
      'Message-ID': '<gruesse@beispiel.example>',
      'MIME-Version': '1.0',
      'Content-Type': 'text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding': '8bit',
    },
    'Hallo Alice,\n\nviele Grüße aus München! Das Wetter ist schön, die Brezn sind groß.\n\nJürgen\n',
  );
}

/** Japanese subject and body as UTF-8 (subject as B encoded words). */
export function japaneseSubject(opts: { to?: string; date?: Date } = {}): Promise<RawMessage> {
  return compose({
    from: '田中 花子 <hanako@tokyo.example>',
    to: opts.to ?? `alice@${DOMAIN}`,
    subject: '東京からのお知らせ：来週の打ち合わせ',
    date: opts.date ?? new Date('2026-11-14T01:00:00Z'),
    text: 'アリスさん\n\n来週の打ち合わせは火曜日の午後２時からです。よろしくお願いします。\n\n花子',
  });
}

// --- the demo mailbox --------------------------------------------------------------------------
const SENDERS = [
  ['Maya Patel', 'maya@design.example'],
  ['GitHub', 'notifications@github.example'],
  ['Tom Becker', 'tom@becker.example'],
  ['Lena Park', 'lena@park.example'],
  ['Hosting Support', 'support@hosting.example'],
  ['Sam Ortiz', 'sam@ortiz.example'],
  ['Calendar', 'calendar@calendar.example'],
  ['Priya Rao', 'priya@rao.example'],
] as const;

const PLAIN_TOPICS = [
  ['Lunch on Thursday?', 'Are you free for lunch on Thursday? The new place is https://food.example/menu'],
  ['Re: Logo drafts', 'Here are the drafts: https://design.example/drafts/logo-v3 — I like option B.'],
  ['[satchel] Pull request #128 merged', 'Merged #128 into main. https://github.example/satchel/satchel/pull/128'],
  ['Your domain renews in 30 days', 'satchel.example renews on 2026-12-24. Manage it at https://hosting.example/domains'],
  ['Photos from the weekend', 'Uploaded them here: https://photos.example/album/weekend (password in chat).'],
  ['Invitation: Design review @ Mon 10:00', 'Design review, Monday 10:00–11:00, room Ada. Join: https://meet.example/design'],
  ['Quick question about the API', 'Does the /messages endpoint page by UID or by sequence number?'],
  ['Re: Re: Trip budget', 'Updated the sheet: https://sheets.example/trip-budget. We are 40 EUR under.'],
  ['Book recommendation', 'You should read "Designing Data-Intensive Applications". Details: https://books.example/ddia'],
  ['Server maintenance tonight', 'Maintenance window 22:00–23:00 UTC. Status: https://status.hosting.example'],
  ['Coffee next week', 'Coffee next week? Tuesday or Wednesday morning works for me.'],
  ['Re: Conference talk', 'Your talk was accepted! Slides due Nov 30: https://conf.example/speakers'],
  ['Shared document: Roadmap Q1', 'Sam shared "Roadmap Q1" with you: https://docs.example/d/roadmap-q1'],
  ['Password changed', 'Your password for hosting.example was changed. Not you? https://hosting.example/security'],
  ['Re: Weekend plans', 'Hiking on Saturday sounds great. Meet at 9 at the station?'],
  ['Reminder: dentist appointment', 'Reminder: your appointment is on Friday at 15:30.'],
  ['Release notes 2.4', 'Satchel 2.4 is out: threading, better search. https://satchel.example/releases/2.4'],
  ['Feedback on the mockups', 'The mobile mockups look good. Two notes inline: https://design.example/mockups#notes'],
] as const;

/** ~25 INBOX messages over the last weeks, plus Sent, Archive and Projects/* messages. */
export async function demoMessages(user = `alice@${DOMAIN}`, now = new Date()): Promise<SeedMessage[]> {
  const at = (daysAgo: number, hour = 9) => new Date(now.getTime() - daysAgo * DAY + hour * 60 * 60 * 1000 - 12 * 60 * 60 * 1000);
  const inbox: SeedMessage[] = [];
  for (const [i, [subject, text]] of PLAIN_TOPICS.entries()) {
    const [name, email] = SENDERS[i % SENDERS.length] ?? SENDERS[0];
    const date = at(27 - i * 1.4, 8 + (i % 9));
    const raw = await compose({
      from: `${name} <${email}>`, to: user, subject, date,
      messageId: `<demo-${i}@${email.split('@')[1]}>`,
      text: `Hi,\n\n${text}\n\n— ${name.split(' ')[0]}`,
    });
    const flags = i % 3 === 0 ? [] : ['\\Seen'];
    if (i === 4) flags.push('\\Flagged');
    if (i === 7) flags.push('\\Answered');
    inbox.push({ mailbox: 'INBOX', raw, flags, date });
  }
  const special: Array<[RawMessage, string[], Date]> = [
    [flowedText({ to: user, date: at(12) }), ['\\Seen'], at(12)],
    [latin1Subject({ to: user, date: at(9) }), [], at(9)],
    [await japaneseSubject({ to: user, date: at(6) }), ['\\Seen'], at(6)],
    [await newsletterWithRemoteContent({ to: user, date: at(4) }), [], at(4)],
    [await htmlWithAttachment({ to: user, date: at(2) }), ['\\Seen', '\\Flagged'], at(2)],
    [await invoiceWithInlineImage({ to: user, date: at(1) }), [], at(1)],
  ];
  for (const [raw, flags, date] of special) inbox.push({ mailbox: 'INBOX', raw, flags, date });
  inbox.push({
    mailbox: 'INBOX', flags: [], date: at(0, 11),
    raw: await compose({ from: 'Maya Patel <maya@design.example>', to: user, subject: 'Final logo files', date: at(0, 11), text: 'Final files: https://design.example/final.zip' }),
  });

  const other = async (mailbox: string, daysAgo: number, from: string, to: string, subject: string, text: string) => ({
    mailbox, flags: ['\\Seen'], date: at(daysAgo),
    raw: await compose({ from, to, subject, date: at(daysAgo), text }),
  });
  return [
    ...inbox.sort((a, b) => a.date.getTime() - b.date.getTime()),
    await other('Sent', 20, user, 'Maya Patel <maya@design.example>', 'Re: Logo drafts', 'Option B it is. Thanks!'),
    await other('Sent', 3, user, 'Tom Becker <tom@becker.example>', 'Trip budget', 'Can you update the sheet with the train tickets?'),
    await other('Archive', 60, 'Hosting Support <support@hosting.example>', user, 'Welcome to hosting.example', 'Your account is ready.'),
    await other('Archive', 45, 'Lena Park <lena@park.example>', user, 'Old project notes', 'Archived notes from the spring project.'),
    await other('Projects/Satchel', 15, 'Sam Ortiz <sam@ortiz.example>', user, 'Satchel: sprint goals', 'Goals: threading, search, mobile layout.'),
    await other('Projects/Travel', 10, 'Travel Desk <booking@travel.example>', user, 'Booking confirmation LIS-2026', 'Flight to Lisbon confirmed, ref LIS-2026.'),
  ];
}
