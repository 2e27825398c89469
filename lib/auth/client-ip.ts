// Owns finding the browser's IP for Dovecot's login penalty (x-originating-ip) and sign-in limits.
// X-Forwarded-For is trustworthy here: either a configured reverse proxy appended the address it
// saw, or lib/socket-address.ts replaced whatever the browser sent with the socket's own address.
export function clientIpFrom(headers: Record<string, unknown> | Headers | undefined): string | undefined {
  const value = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const list = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '').split(',');
  // The proxy appends the address it saw last; entries to its left came from the client.
  const last = list.at(-1)?.trim().replace(/^::ffff:/, '');
  return last && /^[0-9a-fA-F:.]+$/.test(last) ? last : undefined;
}
