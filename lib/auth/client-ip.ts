// Owns finding the browser's IP for Dovecot's login penalty and rate limits.
// The last X-Forwarded-For entry is the one Next.js itself appended from the socket; trusting
// entries further left needs a configured reverse proxy (not supported yet).
export function clientIpFrom(headers: Record<string, unknown> | Headers | undefined): string | undefined {
  const value = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const list = (Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '').split(',');
  const last = list.at(-1)?.trim().replace(/^::ffff:/, '');
  return last && /^[0-9a-fA-F:.]+$/.test(last) ? last : undefined;
}
