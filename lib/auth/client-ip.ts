// Owns finding the browser's IP for Dovecot's login penalty (x-originating-ip) and sign-in limits.
// X-Forwarded-For is trustworthy here: lib/socket-address.ts rewrote it to one address before Next.js
// saw the request (the socket's, or the client a trusted proxy named), whatever the browser sent.
export function clientIpFrom(headers: Record<string, unknown> | Headers | undefined): string | undefined {
  const value = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const list = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '').split(',');
  // One entry after the rewrite; the last one is taken should a path ever skip it.
  const last = list.at(-1)?.trim().replace(/^::ffff:/, '');
  return last && /^[0-9a-fA-F:.]+$/.test(last) ? last : undefined;
}
