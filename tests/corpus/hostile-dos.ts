// Parser DoS messages (THREATS T21): structure and size bombs that must fail fast or render, never hang.
import { markerJs, message, multipart, text, type HostileMessage, type Part } from './mime';

const MB = 1024 * 1024;

function nestedMultiparts(depth: number): Part {
  let part: Part = text('the innermost part');
  for (let i = 0; i < depth; i++) part = multipart('mixed', [part]);
  return part;
}

function nestedRfc822(depth: number): Part {
  let part: Part = text('the innermost message');
  for (let i = 0; i < depth; i++) {
    const inner = message({ id: `nest-${i}`, subject: `level ${i}` }, part);
    part = { headers: ['Content-Type: message/rfc822'], body: inner };
  }
  return part;
}

const plain8bit = (value: string): Part => ({ headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], body: value });
const html8bit = (value: string): Part => ({ headers: ['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], body: value });

function hugeHeader(bytes: number): string {
  // Folded into 78-character lines: one logical header of `bytes` characters.
  const line = 'x'.repeat(76);
  return `X-Filler: start\r\n${Array.from({ length: Math.ceil(bytes / 78) }, () => ` ${line}`).join('\r\n')}`;
}

const dos = (id: string, description: string, raw: Buffer): HostileMessage => ({ id, threat: 'T21', description, raw, expect: { dos: true } });

export const DOS_CASES: HostileMessage[] = [
  dos('t21-deep-nesting', '500 nested multipart/mixed levels', message({ id: 't21-deep-nesting', subject: 'Corpus t21-deep-nesting' }, nestedMultiparts(500))),
  dos('t21-many-parts', '20,000 sibling parts', message({ id: 't21-many-parts', subject: 'Corpus t21-many-parts' }, multipart('mixed', Array.from({ length: 20_000 }, (_, i) => text(`part ${i}`))))),
  dos('t21-many-attachments', '4,000 small attachments (below the part cap)', message({ id: 't21-many-attachments', subject: 'Corpus t21-many-attachments' }, multipart('mixed', [text('many files'), ...Array.from({ length: 4_000 }, (_, i): Part => ({ headers: [`Content-Type: application/octet-stream; name="f${i}.bin"`, 'Content-Disposition: attachment'], body: 'x' }))]))),
  dos('t21-huge-header', 'a 1 MB folded header', message({ id: 't21-huge-header', subject: 'Corpus t21-huge-header', extra: [hugeHeader(MB)] }, text('huge header'))),
  dos('t21-long-line', 'a 5 MB single line of text', message({ id: 't21-long-line', subject: 'Corpus t21-long-line' }, plain8bit(`<script>${markerJs('t21-long-line')}</script>${'x'.repeat(5 * MB)}\n`))),
  dos('t21-html-nested-divs', '2 MB HTML of nested divs', message({ id: 't21-html-nested-divs', subject: 'Corpus t21-html-nested-divs' }, html8bit(`${'<div>'.repeat((2 * MB) / 5)}deep`))),
  dos('t21-html-deep-under-cap', '19,000 nested elements, just under the tag cap', message({ id: 't21-html-deep-under-cap', subject: 'Corpus t21-html-deep-under-cap' }, html8bit(`${'<div><b>'.repeat(9_500)}deep text<img src=x onerror="${markerJs('t21-html-deep-under-cap')}">`))),
  dos('t21-linkify-brackets', 'a URL followed by 200,000 closing brackets and dots (linkifier trimming)', message({ id: 't21-linkify-brackets', subject: 'Corpus t21-linkify-brackets' }, plain8bit(`see http://a.example/${')'.repeat(100_000)}${'.]'.repeat(50_000)}\n`))),
  dos('t21-many-links', '100,000 links on one line', message({ id: 't21-many-links', subject: 'Corpus t21-many-links' }, plain8bit(`${'http://a.example/x '.repeat(100_000)}\n`))),
  dos('t21-rfc822-chain', '100 nested forwarded messages', message({ id: 't21-rfc822-chain', subject: 'Corpus t21-rfc822-chain' }, nestedRfc822(100))),
  dos('t21-many-lines', '300,000 short lines starting with "--" (quoted signature bait)', message({ id: 't21-many-lines', subject: 'Corpus t21-many-lines' }, plain8bit('-- \n'.repeat(300_000)))),
];
