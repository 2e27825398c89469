// Hand-built RFC 822 for the corpora: headers go out exactly as written (no re-encoding), CRLF line ends.

export type Threat = 'T1' | 'T2' | 'T3' | 'T4' | 'T5' | 'T6' | 'T7' | 'T8' | 'T9' | 'T21' | 'T26';

export type HostileExpect = {
  /** Text that must be visible on the page as literal text (T4: the payload shown, not run). */
  literalText?: string[];
  /** Non-inline attachments the reader must be offered (T5/T6: each is fetched and opened). */
  attachments?: number;
  /** The body holds an element whose text is `OVERLAY-<id>` (T8). */
  overlay?: boolean;
  /** A structure/size bomb: the page must answer within 10 s, content or the render error (T21). */
  dos?: boolean;
  /** Open the raw source view of this message too (T26). */
  source?: boolean;
  /** The message tries remote loads (T7): after "Show remote content" requests must appear. */
  remoteAfterOptIn?: boolean;
};

export type LegitExpect = { text: string[]; attachments?: string[]; subject?: string };

export type HostileMessage = { id: string; threat: Threat; description: string; raw: Buffer | string; html?: string; expect?: HostileExpect };
export type LegitMessage = { id: string; description: string; raw: Buffer | string; expect: LegitExpect };

/** tests/support/marker-server.ts listens here during the browser tests and records every hit. */
export const MARKER_PORT = 18909;
export const MARKER_ORIGIN = `http://127.0.0.1:${MARKER_PORT}`;
export const markerUrl = (id: string) => `${MARKER_ORIGIN}/XSS-${id}`;
/** What every payload does if it ever runs: tell the top window, retitle, and phone home. */
export const markerJs = (id: string) =>
  `window.top.postMessage('XSS:${id}','*');document.title='XSS:${id}';new Image().src='${markerUrl(id)}'`;

export type Part = { headers: string[]; body: Buffer | string } | { headers: string[]; parts: Part[]; boundary?: string };

let boundaryCounter = 0;
const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');

export function serialize(part: Part): Buffer {
  if ('parts' in part) {
    const boundary = part.boundary ?? `=_corpus_${++boundaryCounter}_${Math.random().toString(36).slice(2, 10)}`;
    const headers = part.headers.map((h) => h.replace('{boundary}', boundary));
    const chunks: Buffer[] = [Buffer.from(`${headers.join('\r\n')}\r\n\r\n`, 'latin1')];
    for (const child of part.parts) chunks.push(Buffer.from(`--${boundary}\r\n`, 'latin1'), serialize(child), Buffer.from('\r\n', 'latin1'));
    chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
  const body = typeof part.body === 'string' ? Buffer.from(crlf(part.body), 'utf8') : part.body;
  return Buffer.concat([Buffer.from(`${part.headers.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

const base64Lines = (content: Buffer | string) =>
  (Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')).toString('base64').replace(/.{76}/g, '$&\r\n');

export const html = (markup: string, charset = 'utf-8'): Part => ({
  headers: [`Content-Type: text/html; charset=${charset}`, 'Content-Transfer-Encoding: base64'],
  body: base64Lines(markup),
});
export const text = (value: string, charset = 'utf-8'): Part => ({
  headers: [`Content-Type: text/plain; charset=${charset}`, 'Content-Transfer-Encoding: base64'],
  body: base64Lines(value),
});
export const multipart = (subtype: string, parts: Part[], extra = ''): Part => ({
  headers: [`Content-Type: multipart/${subtype}; boundary="{boundary}"${extra}`],
  parts,
});
/** A base64 part with the headers given verbatim (Content-Type, Content-Disposition, …). */
export const file = (headers: string[], content: Buffer | string): Part => ({
  headers: [...headers, 'Content-Transfer-Encoding: base64'],
  body: base64Lines(content),
});
export const attachment = (name: string, type: string, content: Buffer | string): Part =>
  file([`Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`], content);

type Envelope = { id: string; subject?: string; from?: string; extra?: string[] };

/** A whole message: envelope headers, then the root part's headers and body. */
export function message(env: Envelope, root: Part): Buffer {
  const head = [
    `From: ${env.from ?? 'Corpus Sender <sender@corpus.example>'}`,
    'To: bulk@satchel.test',
    ...(env.subject === undefined ? [] : [`Subject: ${env.subject}`]),
    'Date: Tue, 03 Nov 2026 09:30:00 +0000',
    `Message-ID: <${env.id}@corpus.example>`,
    'MIME-Version: 1.0',
    ...(env.extra ?? []),
  ];
  const rootBytes = serialize(root);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n`, 'latin1'), rootBytes]);
}

/** The common case: one HTML body carrying the payload, subject naming the corpus id. */
export const htmlMessage = (id: string, markup: string) => message({ id, subject: `Corpus ${id}` }, html(markup));
export const textMessage = (id: string, value: string) => message({ id, subject: `Corpus ${id}` }, text(value));

/** RFC 2047 encoded word (B encoding, UTF-8). */
export const encodedWord = (value: string) => `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
