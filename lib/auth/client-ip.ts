// Owns finding the browser's IP for Dovecot's login penalty (x-originating-ip) and, later, rate limits.
// Next.js only fills X-Forwarded-For from the socket when the request has none, so a browser can
// forge it: it is used only when the admin says a reverse proxy in front overwrites it
// (TRUST_PROXY_HEADERS=true); otherwise we claim no client IP rather than a forged one.
export function clientIpFrom(
  headers: Record<string, unknown> | Headers | undefined,
  trustProxy = process.env.TRUST_PROXY_HEADERS === 'true',
): string | undefined {
  if (!trustProxy) return undefined;
  const value = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const list = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '').split(',');
  // The proxy appends the address it saw last; entries to its left came from the client.
  const last = list.at(-1)?.trim().replace(/^::ffff:/, '');
  return last && /^[0-9a-fA-F:.]+$/.test(last) ? last : undefined;
}
