// The legitimate corpus: hard but real mail that must keep displaying its text and its attachments.
import { chartPng, simplePdf } from '../../scripts/mailserver/fixtures';
import { attachment, file, html, message, multipart, text, type LegitMessage, type Part } from './mime';

const hex = (h: string) => Buffer.from(h, 'hex');
/** A text part whose bytes are given already encoded in `charset` (Node has no encoders for most). */
const encodedText = (charset: string, bytes: Buffer, cte: 'base64' | '8bit' | 'quoted-printable' = 'base64', subtype = 'plain'): Part => ({
  headers: [`Content-Type: text/${subtype}; charset=${charset}`, `Content-Transfer-Encoding: ${cte}`],
  body: cte === 'base64' ? bytes.toString('base64') : bytes,
});
const qp = (bytes: Buffer) => Buffer.from([...bytes].map((b) => (b >= 0x80 || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b))).join(''), 'latin1');

const legit = (id: string, description: string, raw: Buffer, expect: LegitMessage['expect']): LegitMessage => ({ id, description, raw, expect });
const env = (id: string, subject?: string, extra?: string[], from?: string) => ({ id, subject, extra, from });

const calendar = [
  'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Corpus//EN', 'METHOD:REQUEST', 'BEGIN:VEVENT',
  'UID:sync-1@corpus.example', 'DTSTAMP:20261103T093000Z', 'DTSTART:20261110T150000Z', 'DTEND:20261110T153000Z',
  'SUMMARY:Team sync', 'ORGANIZER:mailto:dana@corpus.example', 'END:VEVENT', 'END:VCALENDAR', '',
].join('\r\n');

const forwarded = message(env('inner-fwd', 'Original budget thread', undefined, 'Erin <erin@corpus.example>'), text('The original budget figures are final.'));

const newsletter = `<!doctype html><html><head><meta charset="utf-8"><title>News</title><style>td{font-family:Arial}</style></head>
<body style="margin:0;background:#eeeeee"><table width="100%" cellpadding="0" cellspacing="0" bgcolor="#eeeeee"><tr><td align="center">
<table width="600" style="background-color:#ffffff;border:1px solid #dddddd;border-collapse:collapse"><tr>
<td style="padding:24px;font-size:22px;font-weight:bold;color:#222222">Spring collection is here</td></tr>
<tr><td style="padding:0 24px 24px;line-height:1.6;color:#444444">Fresh styles for the new season. <a href="https://shop.example/spring" style="color:#0066cc">Shop now</a></td></tr>
<tr><td><table width="100%"><tr><td width="50%" valign="top" style="padding:12px">Linen shirts from 29&nbsp;&euro;</td><td width="50%" valign="top" style="padding:12px">Canvas shoes from 45&nbsp;&euro;</td></tr></table></td></tr>
<tr><td style="font-size:11px;color:#999999;padding:12px 24px">You receive this because you subscribed. <a href="https://shop.example/unsubscribe">Unsubscribe</a></td></tr>
</table></td></tr></table></body></html>`;

export const LEGIT: LegitMessage[] = [
  legit('l-latin1', 'ISO-8859-1 text, quoted-printable, Q-encoded subject', message(env('l-latin1', '=?ISO-8859-1?Q?R=E9sum=E9_du_jour?='), encodedText('ISO-8859-1', qp(hex('436166e9206372e86d6520e0206c61206672616ee761697365')), 'quoted-printable')), { text: ['Café crème à la française'], subject: 'Résumé du jour' }),
  legit('l-latin9', 'ISO-8859-15 with the euro sign', message(env('l-latin9', 'Latin-9 prices'), encodedText('ISO-8859-15', hex('507269783a20323020a4206e6574'))), { text: ['Prix: 20 € net'] }),
  legit('l-cp1252', 'Windows-1252 smart quotes, in HTML, 8bit', message(env('l-cp1252', 'Windows quotes'), encodedText('windows-1252', Buffer.concat([Buffer.from('<p>'), hex('93536d6172742071756f74657394209620616e64208520656c6c69707369732080'), Buffer.from('</p>')]), '8bit', 'html')), { text: ['“Smart quotes” – and … ellipsis €'] }),
  legit('l-koi8r', 'KOI8-R body and B-encoded KOI8-R subject', message(env('l-koi8r', '=?KOI8-R?B?79Teo9Q=?='), encodedText('KOI8-R', hex('f0d2c9d7c5d42c20cdc9d2'))), { text: ['Привет, мир'], subject: 'Отчёт' }),
  legit('l-shift-jis', 'Shift_JIS body', message(env('l-shift-jis', 'Shift_JIS'), encodedText('Shift_JIS', hex('82b182f182c982bf82cd90a28a45'))), { text: ['こんにちは世界'] }),
  legit('l-iso-2022-jp', 'ISO-2022-JP body (7bit escapes) and subject', message(env('l-iso-2022-jp', '=?ISO-2022-JP?B?GyRCMnE1RCROJCpDTiRpJDsbKEI=?='), encodedText('ISO-2022-JP', hex('1b2442467c4b5c386c244e2546252d253925481b2842'), '8bit')), { text: ['日本語のテキスト'], subject: '会議のお知らせ' }),
  legit('l-big5', 'Big5 body', message(env('l-big5', 'Big5'), encodedText('Big5', hex('c163c5e9a4a4a4e5b4fab8d5'))), { text: ['繁體中文測試'] }),
  legit('l-gb18030', 'GB18030 body with a 4-byte sequence (U+20000)', message(env('l-gb18030', 'GB18030'), encodedText('GB18030', hex('bcf2cce5d6d0cec4b2e2cad42095328236'))), { text: ['简体中文测试 𠀀'] }),
  legit('l-encoded-names', 'encoded words in names and a subject folded across two encoded words', message(env('l-encoded-names', '=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus?=\r\n =?UTF-8?B?IEvDtmxu?=', ['Cc: =?UTF-8?B?w4lsb2RpZSBEdXBvbnQ=?= <elodie@corpus.example>'], '=?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@corpus.example>'), text('Encoded names body.')), { text: ['Jürgen Müller', 'Élodie Dupont', 'Encoded names body.'], subject: 'Grüße aus Köln' }),
  legit('l-nested', 'mixed > alternative > related with an inline image, plus a PDF', message(env('l-nested', 'Nested parts'), multipart('mixed', [
    multipart('alternative', [text('Plain version of the board minutes.'), multipart('related', [html('<p>Board <b>minutes</b> attached.</p><img src="cid:logo@corpus" alt="logo">'), file(['Content-Type: image/png', 'Content-ID: <logo@corpus>', 'Content-Disposition: inline; filename="logo.png"'], chartPng())], '; type="text/html"')]),
    attachment('minutes.pdf', 'application/pdf', simplePdf('Minutes')),
  ])), { text: ['Board minutes attached.'], attachments: ['minutes.pdf'] }),
  legit('l-rfc2231', 'RFC 2231 filenames: UTF-8 percent-encoded and continuations', message(env('l-rfc2231', 'Rates'), multipart('mixed', [
    text('Rates attached.'),
    file(['Content-Type: application/pdf', "Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf"], simplePdf('rates')),
    file(['Content-Type: application/vnd.ms-excel', "Content-Disposition: attachment;\r\n filename*0*=UTF-8''Quarterly%20;\r\n filename*1*=%E2%80%93%20Q3;\r\n filename*2=\".xls\""], 'x'),
  ])), { text: ['Rates attached.'], attachments: ['€ rates.pdf', 'Quarterly – Q3.xls'] }),
  legit('l-flowed', 'format=flowed; delsp=yes', message(env('l-flowed', 'Flowed'), { headers: ['Content-Type: text/plain; charset=utf-8; format=flowed; delsp=yes', 'Content-Transfer-Encoding: 7bit'], body: 'This paragraph was wrapped by the sen \nder and flows back together.\n\n> Quoted text stays quoted.\n' }), { text: ['This paragraph was wrapped by the sender and flows back together.', 'Quoted text stays quoted.'] }),
  legit('l-calendar', 'calendar invitation (text/calendar)', message(env('l-calendar', 'Invitation: Team sync'), multipart('mixed', [
    multipart('alternative', [text('You are invited to Team sync on 10 November.'), { headers: ['Content-Type: text/calendar; charset=utf-8; method=REQUEST'], body: calendar }]),
    file(['Content-Type: application/ics; name="invite.ics"', 'Content-Disposition: attachment; filename="invite.ics"'], calendar),
  ])), { text: ['You are invited to Team sync'], attachments: ['invite.ics'] }),
  legit('l-dsn', 'delivery status notification (multipart/report)', message(env('l-dsn', 'Undelivered Mail Returned to Sender', undefined, 'MAILER-DAEMON <mailer-daemon@corpus.example>'), multipart('report', [
    text('Delivery to the following recipient failed permanently: nobody@corpus.example'),
    { headers: ['Content-Type: message/delivery-status'], body: 'Reporting-MTA: dns; mx.corpus.example\n\nFinal-Recipient: rfc822; nobody@corpus.example\nAction: failed\nStatus: 5.1.1\n' },
    { headers: ['Content-Type: message/rfc822'], body: message(env('l-dsn-orig', 'Lunch plans'), text('Shall we meet at noon?')) },
  ], '; report-type=delivery-status')), { text: ['Delivery to the following recipient failed permanently'] }),
  legit('l-smime', 'S/MIME signed (multipart/signed, pkcs7 signature)', message(env('l-smime', 'Signed statement'), multipart('signed', [text('This statement is signed.'), file(['Content-Type: application/pkcs7-signature; name="smime.p7s"', 'Content-Disposition: attachment; filename="smime.p7s"'], Buffer.from([0x30, 0x82, 0x01, 0x00, 0x06, 0x09]))], '; protocol="application/pkcs7-signature"; micalg=sha-256')), { text: ['This statement is signed.'], attachments: ['smime.p7s'] }),
  legit('l-forwarded', 'forwarded message/rfc822 attachment', message(env('l-forwarded', 'Fwd: Original budget thread'), multipart('mixed', [text('See the forwarded thread below.'), { headers: ['Content-Type: message/rfc822; name="budget.eml"', 'Content-Disposition: attachment; filename="budget.eml"'], body: forwarded }])), { text: ['See the forwarded thread below.'], attachments: ['budget.eml'] }),
  legit('l-long-lines', 'a 30,000-character line of prose', message(env('l-long-lines', 'Long line'), text(`${'lorem ipsum dolor sit amet '.repeat(1100)}END-OF-LONG-LINE`)), { text: ['END-OF-LONG-LINE'] }),
  legit('l-qp-soft', 'quoted-printable soft breaks inside words and UTF-8 sequences', message(env('l-qp-soft', 'QP'), { headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable'], body: 'This sentence contin=\nues without a br=\neak and costs 5 =E2=\n=82=AC.\n' }), { text: ['This sentence continues without a break and costs 5 €.'] }),
  legit('l-base64-text', 'base64 UTF-8 text', message(env('l-base64-text', 'Base64'), text('Ünïcödé in base64 ✓')), { text: ['Ünïcödé in base64 ✓'] }),
  legit('l-newsletter', 'HTML-only newsletter with nested tables and inline styles', message(env('l-newsletter', 'Spring newsletter'), html(newsletter)), { text: ['Spring collection is here', 'Linen shirts from 29', 'Canvas shoes from 45'] }),
  legit('l-url-parens', 'URLs in parentheses and before punctuation', message(env('l-url-parens', 'Links'), text('See (https://en.wikipedia.org/wiki/Foo_(bar)) and https://example.com/a. Or <https://example.org/b>.')), { text: ['https://en.wikipedia.org/wiki/Foo_(bar)', 'https://example.com/a', 'https://example.org/b'] }),
  legit('l-no-subject-date', 'no Subject and no Date header', Buffer.from('From: plain@corpus.example\r\nTo: bulk@satchel.test\r\nMessage-ID: <l-no-subject-date@corpus.example>\r\n\r\nA message without subject or date.\r\n'), { text: ['A message without subject or date.'], subject: '(no subject)' }),
  legit('l-8bit-no-charset', '8bit UTF-8 without a charset parameter', message(env('l-8bit-no-charset', 'No charset'), { headers: ['Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'], body: 'Grüße aus Köln — naïve café.' }), { text: ['Grüße aus Köln — naïve café.'] }),
  legit('l-comparisons', 'plain text full of < > & that must stay text', message(env('l-comparisons', 'Maths'), text('if a < b && c > d then <b>bold</b> is literal & so is &amp;')), { text: ['if a < b && c > d then <b>bold</b> is literal & so is &amp;'] }),
  legit('l-inline-image', 'HTML with a cid: inline image (must draw) and a PNG attachment', message(env('l-inline-image', 'Chart inline'), multipart('related', [html('<p>The chart:</p><img src="cid:chart@corpus" alt="chart" width="48" height="48">'), file(['Content-Type: image/png', 'Content-ID: <chart@corpus>', 'Content-Disposition: inline'], chartPng())])), { text: ['The chart:'] }),
];
