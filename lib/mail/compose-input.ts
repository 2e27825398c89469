// Owns validation of the compose form: the strict address parser's result (address-parse.ts) is used
// for checks, counting and the SMTP envelope alike (THREATS T17, T18); no control characters in headers.
import { z } from 'zod';
import { HEADER_CONTROLS, parseRecipients, splitEntries } from './address-parse';
import { MAX_BODY_CHARS } from './body-limit';
import type { ComposeSource } from './compose-types';
import type { Address } from './types';

const SOURCE = /^(reply|reply-all|forward|forward-attachment):(.{1,1000})\/([1-9]\d{0,9})$/s;

export { hasHeaderControls, isPlainAddress, parseRecipients, type ParsedRecipients } from './address-parse';

/** The entries of a half-typed list that already are plain addresses (a draft saves what it can). */
export function recipientsSoFar(input: string): Address[] {
  return splitEntries(input).flatMap((entry) => {
    const parsed = parseRecipients(entry);
    return parsed.ok ? parsed.addresses : [];
  });
}

/** One address as a person would type it back into a list: `"Name" <a@b>` or `a@b`. */
export function formatAddress({ name, address }: Address): string {
  return name ? `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>` : address;
}

/** The SMTP envelope recipients: every parsed address once (case-insensitively), Bcc included. */
export function envelopeRecipients(input: Pick<ComposeInput, 'to' | 'cc' | 'bcc'>): string[] {
  const seen = new Map<string, string>();
  for (const { address } of [...input.to, ...input.cc, ...input.bcc]) {
    if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

const controlsMessage = (label: string) => `${label}: line breaks and control characters are not allowed`;

const recipientField = (label: string) =>
  z
    .string()
    .max(20_000)
    .default('')
    .refine((value) => !HEADER_CONTROLS.test(value), { message: controlsMessage(label), abort: true })
    .transform((value, ctx) => {
      const parsed = parseRecipients(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}: "${parsed.bad}" is not a valid email address` });
        return z.NEVER;
      }
      return parsed.addresses;
    });

// Strict: unknown keys (from, sender, replyTo, headers, attachments, html, raw, envelope…) are an
// error, so nothing but these fields can ever reach nodemailer (THREATS T16, T19).
export const composeSchema = z
  .strictObject({
    to: recipientField('To'),
    cc: recipientField('Cc'),
    bcc: recipientField('Bcc'),
    // Refused rather than silently changed: a browser's one-line input never sends a line break, so
    // one here is a forged request, and the user should see exactly what was sent.
    subject: z.string().max(998).default('').refine((s) => !HEADER_CONTROLS.test(s), controlsMessage('Subject')),
    body: z.string().max(MAX_BODY_CHARS).default('').refine((s) => !s.includes('\u0000'), 'Message: contains a NUL character'),
    sendId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'the form is out of date; reload the page'),
    // The message answered or forwarded: only where it is; its Message-ID and References are read
    // from the server at send time, never taken from the form.
    source: z
      .string()
      .max(1100)
      .default('')
      .transform((value, ctx): ComposeSource | null => {
        if (!value) return null;
        const m = SOURCE.exec(value);
        if (!m) {
          ctx.addIssue({ code: 'custom', message: 'the form is out of date; reload the page' });
          return z.NEVER;
        }
        return { kind: m[1] as ComposeSource['kind'], folder: m[2]!, uid: Number(m[3]) };
      }),
  })
  .refine((m) => m.to.length + m.cc.length + m.bcc.length > 0, { message: 'Add at least one recipient', path: ['to'] });

export type ComposeInput = z.infer<typeof composeSchema>;
