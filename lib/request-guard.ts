// Owns the request-forgery check (THREATS T10): a state-changing request must come from Satchel's own pages.
// No `server-only` and no Next imports: the proxy, Server Actions and unit tests all use it.

/** What the check needs from a request; plain strings so it can be fed from any header source. */
export type RequestFacts = {
  method: string;
  /** The `Origin` header, or null when absent. */
  origin: string | null;
  /** The `Sec-Fetch-Site` header, or null when the browser sent none (old browsers, non-browsers). */
  secFetchSite: string | null;
  /** The `Host` header: the public origin's host when NEXTAUTH_URL is not configured. */
  host: string | null;
  /** NEXTAUTH_URL, the public base URL the admin configured; undefined/empty when unset. */
  publicUrl?: string;
};

export type ForgeryReason = 'cross-site' | 'missing-origin' | 'null-origin' | 'foreign-origin';
export type Verdict = { ok: true } | { ok: false; reason: ForgeryReason };

// GET and HEAD never change state in Satchel (docs/security.md), so they need no proof of origin.
const SAFE_METHODS = new Set(['GET', 'HEAD']);
// `none` = typed into the address bar / bookmark; `same-origin` = our own page. `same-site` is refused
// on purpose: another port or subdomain of the same site is a different origin and not trusted.
const TRUSTED_FETCH_SITES = new Set(['same-origin', 'none']);

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

/** Decides whether a request may change state; GET/HEAD always may. */
export function checkRequest(facts: RequestFacts): Verdict {
  if (SAFE_METHODS.has(facts.method.toUpperCase())) return { ok: true };
  const site = facts.secFetchSite?.trim().toLowerCase();
  if (site && !TRUSTED_FETCH_SITES.has(site)) return { ok: false, reason: 'cross-site' };
  const origin = facts.origin?.trim();
  // Browsers send Origin on every POST; a missing one means a non-browser client or a very old browser.
  if (!origin) return { ok: false, reason: 'missing-origin' };
  // `null` is what sandboxed frames, data: URLs and some redirects send: never our own page.
  if (origin === 'null') return { ok: false, reason: 'null-origin' };
  const expected = facts.publicUrl ? originOf(facts.publicUrl) : null;
  if (expected) return originOf(origin) === expected ? { ok: true } : { ok: false, reason: 'foreign-origin' };
  // Without a configured public URL, compare with Host the way Next's Server Actions do.
  const host = facts.host?.trim().toLowerCase();
  return host && hostOf(origin)?.toLowerCase() === host ? { ok: true } : { ok: false, reason: 'foreign-origin' };
}

// Outlook's Autodiscover POST carries no Origin and no Sec-Fetch-Site. Its route reads no cookie and changes
// nothing (it answers public server settings), so it is the one exemption: these exact paths (the two casings
// Outlook uses), POST only, and never with Next's Server Action header, so no action can ride along.
const AUTODISCOVER_PATHS = new Set(['/autodiscover/autodiscover.xml', '/Autodiscover/Autodiscover.xml']);

/** True for a request that skips the origin check because its endpoint cannot change state. */
export function isStatelessPost(method: string, pathname: string, headers: HeaderSource): boolean {
  return method.toUpperCase() === 'POST' && AUTODISCOVER_PATHS.has(pathname) && headers.get('next-action') === null;
}

type HeaderSource = { get(name: string): string | null };

/** The facts from a request's method and headers, with the public URL from the environment. */
export function requestFacts(method: string, headers: HeaderSource, publicUrl = process.env.NEXTAUTH_URL): RequestFacts {
  return {
    method,
    origin: headers.get('origin'),
    secFetchSite: headers.get('sec-fetch-site'),
    host: headers.get('host'),
    publicUrl,
  };
}

/** The 403 a forged request gets: plain text, no detail an attacker could use, never cached. */
export function forbiddenResponse(): Response {
  return new Response('Forbidden: this request did not come from Satchel', {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
