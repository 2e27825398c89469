// Owns the Content-Security-Policy of Satchel's own pages (the message frame adds a stricter one of its own)
// and the other per-response security headers the proxy sets at run time.
// No `server-only`: the proxy imports it.

export type PagePolicyOptions = {
  /** Fresh per response: Next reads it from the request's CSP header and puts it on its own scripts. */
  nonce: string;
  /** The reader clicked "Show remote content" for this message (`?remote=1`). */
  allowRemote: boolean;
  /** The public URL is https: upgrade stray http loads too. */
  https: boolean;
};

/** 128 random bits, base64: unguessable, and in the character set Next's nonce parser accepts. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The message frame is a srcdoc iframe, and about:srcdoc inherits this policy on top of its own
 * `<meta>` one. So this policy must not be looser than the frame needs, and must not block what
 * the reader opted into: remote images and fonts appear only on `?remote=1` message pages.
 */
export function pagePolicy({ nonce, allowRemote, https }: PagePolicyOptions): string {
  const remote = allowRemote ? ' http: https:' : '';
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts Next's nonce'd bootstrap loads are trusted; host allowlists and
    // 'self' are ignored by CSP3 browsers, so an injected <script src=/…> still does not run.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Inline styles are needed: React `style={…}` attributes (frame height, route announcer). Style
    // cannot run script, the app renders no mail HTML outside the sandboxed frame, so the remaining
    // risk is CSS-only; a nonce here would silently disable 'unsafe-inline' and break them.
    "style-src 'self' 'unsafe-inline'",
    // data: for inline (cid:) images the sanitizer turns into data: URIs.
    `img-src 'self' data:${remote}`,
    `font-src 'self'${remote}`,
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/** The nonce of a policy built by pagePolicy, or null. */
export function nonceOf(policy: string): string | null {
  return /'nonce-([A-Za-z0-9+/_-]+={0,2})'/.exec(policy)?.[1] ?? null;
}

/** HSTS only when the public URL is https: on plain http a browser ignores it, and it would only mislead. */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return publicUrl?.startsWith('https://') ? 'max-age=31536000; includeSubDomains' : null;
}

// Route handlers that serve mail bytes set `CSP: sandbox` themselves (THREATS T5, T26); the page
// policy must not replace it.
const DOWNLOAD_PATH = /^\/mail\/[^/]+\/[^/]+\/(?:source|attachments\/[^/]+)\/?$/;

/** True for paths whose responses get the page policy: everything except the download routes. */
export function wantsPagePolicy(pathname: string): boolean {
  return !DOWNLOAD_PATH.test(pathname);
}
