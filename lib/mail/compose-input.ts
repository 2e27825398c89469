// Owns validation of the compose form: every address checked, the bad one named.
import addressparser from 'nodemailer/lib/addressparser';
import { z } from 'zod';
import type { Address } from './types';

const emailSchema = z.email();

export type ParsedRecipients = { ok: true; addresses: Address[] } | { ok: false; bad: string };

/** Splits "Ann <a@x>, b@y; c@z" into addresses; reports the first entry that is not a valid address. */
export function parseRecipients(input: string): ParsedRecipients {
  const addresses: Address[] = [];
  for (const entry of addressparser(input.replace(/;/g, ','), { flatten: true })) {
    const address = entry.address.trim();
    if (!emailSchema.safeParse(address).success) return { ok: false, bad: entry.address || entry.name };
    addresses.push({ name: entry.name.trim(), address });
  }
  return { ok: true, addresses };
}

const recipientField = (label: string) =>
  z
    .string()
    .max(20_000)
    .default('')
    .transform((value, ctx) => {
      const parsed = parseRecipients(value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `${label}: "${parsed.bad}" is not a valid email address` });
        return z.NEVER;
      }
      return parsed.addresses;
    });

export const composeSchema = z
  .object({
    to: recipientField('To'),
    cc: recipientField('Cc'),
    bcc: recipientField('Bcc'),
    subject: z.string().max(998).default('').transform((s) => s.replace(/[\r\n]+/g, ' ')),
    body: z.string().max(5_000_000).default(''),
    sendId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'the form is out of date; reload the page'),
  })
  .refine((m) => m.to.length + m.cc.length + m.bcc.length > 0, { message: 'Add at least one recipient', path: ['to'] });

export type ComposeInput = z.infer<typeof composeSchema>;
