// Owns the status line that a no-JavaScript organize form carries back through its redirect: sealed
// with an HMAC so a crafted link cannot make Satchel show text of someone else's choosing.
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from '@/lib/config';

const noticeSchema = z.object({
  tone: z.enum(['done', 'failed']),
  message: z.string().max(500),
  op: z.string().max(20).optional(),
  undo: z.string().max(30_000).optional(),
  missing: z.enum(['archive', 'trash', 'junk']).optional(),
});
export type Notice = z.infer<typeof noticeSchema>;

const mac = (body: string) => createHmac('sha256', config().authSecret).update(`notice\n${body}`).digest();

/** The path with `notice=` set (any older notice replaced); `to` is an already-checked same-site path. */
export function noticeHref(to: string, notice: Notice): string {
  const url = new URL(to, 'http://satchel.invalid');
  const body = Buffer.from(JSON.stringify(notice)).toString('base64url');
  url.searchParams.set('notice', `${body}.${mac(body).toString('base64url')}`);
  return `${url.pathname}${url.search}`;
}

export function readNotice(value: string | undefined): Notice | null {
  const [body, sig, extra] = (value ?? '').split('.');
  if (!body || !sig || extra !== undefined) return null;
  const given = Buffer.from(sig, 'base64url');
  const expected = mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const parsed = noticeSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
