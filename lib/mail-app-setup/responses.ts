// Owns the HTTP side of mail app discovery: which domain a request asks about, the capped Autodiscover
// body, and the status codes. Public endpoints: they read no session and change nothing.
import 'server-only';
import { AUTODISCOVER_MAX_BYTES, autodiscoverErrorXml, autodiscoverResponseXml, parseAutodiscoverRequest, type AutodiscoverErrorCode } from './autodiscover';
import { autoconfigXml } from './autoconfig';
import { setupFactsForAddress, setupFactsForDomain } from './lookup';

const xmlResponse = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/xml; charset=utf-8', 'Cache-Control': 'no-store' } });

const textResponse = (body: string, status: number) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/** autoconfig.example.com or example.com (Thunderbird's two places to look) -> example.com. */
function domainFromHost(host: string | null): string {
  const name = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  return name.startsWith('autoconfig.') ? name.slice('autoconfig.'.length) : name;
}

/**
 * GET config-v1.1.xml[?emailaddress=…]. Thunderbird sends the address unless the user turned that off;
 * without it, the domain is the one the client asked (autoconfig.<domain> or <domain> itself).
 */
export function autoconfigResponse(request: Request): Response {
  const address = new URL(request.url).searchParams.get('emailaddress');
  const facts = address !== null ? setupFactsForAddress(address.trim()) : setupFactsForDomain(domainFromHost(request.headers.get('host')));
  if (!facts) return textResponse('No mail settings for this address here', 404);
  return xmlResponse(autoconfigXml(facts));
}

/** The body's bytes, or null past `max` bytes (checked while reading, not after the whole body arrived). */
async function readCapped(request: Request, max: number): Promise<Uint8Array | null> {
  if (Number(request.headers.get('content-length') ?? 0) > max) return null;
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Bounded: every read either ends the stream or adds at least one byte towards `max`.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const autodiscoverError = (code: AutodiscoverErrorCode, status: number) => xmlResponse(autodiscoverErrorXml(code), status);

/** POST autodiscover.xml: Outlook's request in, the IMAP and SMTP settings for that address out. */
export async function autodiscoverResponse(request: Request): Promise<Response> {
  const bytes = await readCapped(request, AUTODISCOVER_MAX_BYTES);
  if (bytes === null) return autodiscoverError(600, 413);
  const body = utf8(bytes);
  const parsed = body === null ? ({ ok: false, reason: 'malformed' } as const) : parseAutodiscoverRequest(body);
  if (!parsed.ok) return autodiscoverError(parsed.reason === 'unsupported-schema' ? 601 : 600, 400);
  const facts = setupFactsForAddress(parsed.email);
  if (!facts) return autodiscoverError(500, 404);
  return xmlResponse(autodiscoverResponseXml(facts, parsed.email));
}
