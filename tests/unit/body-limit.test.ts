// How long a message's text may be (lib/mail/body-limit.ts): next.config.js lets a Server Action
// carry it, under what the proxy buffers; the editor's check agrees with the server's draft schema.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_BYTES, MAX_BODY_CHARS, bodyLimitBytes, bodyTooLong } from '@/lib/mail/body-limit';
import { draftSchema } from '@/lib/mail/draft-input';
import type { NextConfig } from 'next';

const nextConfig = createRequire(import.meta.url)('../../next.config.js') as NextConfig;
const MB = 1024 * 1024;
const draft = { draftId: '00000000-0000-4000-8000-000000000000', from: 'a@satchel.test', to: '', cc: '', bcc: '', subject: '', mode: 'plain' as const, html: '', attachments: [], inReplyTo: null, references: [], source: null };

describe('the Server Action body limit', () => {
  it('is what next.config.js sets, above Next’s 1 MB default and below the proxy’s 10 MB buffer', () => {
    const { bodySizeLimit } = nextConfig.experimental?.serverActions ?? {};
    expect(bodySizeLimit).toBe(ACTION_BODY_BYTES);
    expect(ACTION_BODY_BYTES).toBeGreaterThan(MB);
    expect(ACTION_BODY_BYTES).toBeLessThan(Number(nextConfig.experimental?.proxyClientMaxBodySize ?? 10 * MB));
  });

  it('leaves the text what one request can carry, and never more than the admin’s message limit', () => {
    expect(bodyLimitBytes(25 * MB)).toBe(ACTION_BODY_BYTES - 256 * 1024);
    expect(bodyLimitBytes(2 * MB)).toBe(2 * MB);
  });
});

describe('bodyTooLong', () => {
  it('lets a long pasted text through that the old 1 MB limit refused', () => {
    expect(bodyTooLong({ html: '', text: 'x'.repeat(3 * MB) }, 25 * MB)).toBeNull();
  });

  it('names the size and the limit, counting what the request carries (a line break takes two bytes)', () => {
    expect(bodyTooLong({ html: '', text: '\n'.repeat(4.5 * MB) }, 25 * MB)).toBe('The message text is too long (9.0 MB; at most 8.8 MB). Shorten it, or attach the text as a file');
    expect(bodyTooLong({ html: `<p>${'é'.repeat(MB)}</p>`, text: '' }, MB)).toMatch(/^The message text is too long \(2\.0 MB; at most 1\.0 MB\)\./);
  });

  it('agrees with the server’s draft schema on the length in characters', () => {
    const longest = 'a'.repeat(MAX_BODY_CHARS);
    expect(bodyTooLong({ html: '', text: longest }, 25 * MB)).toBeNull();
    expect(draftSchema.safeParse({ ...draft, text: longest }).success).toBe(true);
    const over = `${longest}a`;
    expect(bodyTooLong({ html: '', text: over }, 25 * MB)).toBe('The message text is too long (5,000,001 characters; at most 5,000,000). Shorten it, or attach the text as a file');
    expect(draftSchema.safeParse({ ...draft, text: over }).success).toBe(false);
  });
});
