// Owns the path Satchel is served under (BASE_PATH, next.config.js basePath) for the URLs Next does not
// prefix itself: plain <a href>, <form action>, fetch, EventSource, XHR, <img src>, and the Location of
// route handlers and of Server Actions posted without JavaScript. <Link>, router.push and redirect() in
// a page already get it from Next. Client-safe: next.config.js inlines BASE_PATH into every bundle.

/** The base path this build serves under: '' at the root, else like '/webmail'. Fixed at build time. */
export function basePath(): string {
  return process.env.BASE_PATH ?? '';
}

/** '/mail/INBOX' → '/webmail/mail/INBOX'. For an app path starting with '/' (query and hash may follow). */
export function withBasePath(path: string): string {
  const base = basePath();
  if (!base) return path;
  return path === '/' ? base : `${base}${path}`;
}

/** The app path of a browser path: '/webmail/mail/INBOX' → '/mail/INBOX'; a path outside the base unchanged. */
export function stripBasePath(path: string): string {
  const base = basePath();
  if (!base || !path.startsWith(base)) return path;
  const rest = path.slice(base.length);
  if (rest === '' || rest.startsWith('/')) return rest || '/';
  return rest.startsWith('?') || rest.startsWith('#') ? `/${rest}` : path;
}

/** Why the server must not start: BASE_PATH at run time (config's basePath) is not the build's. Null when they agree. */
export function basePathMismatch(atRunTime: string): string | null {
  const built = basePath();
  if (atRunTime === built) return null;
  const was = built ? `under "${built}"` : 'at the root (built without BASE_PATH)';
  const now = atRunTime ? `"${atRunTime}"` : 'unset';
  return `BASE_PATH: this build serves ${was}, but BASE_PATH is ${now} now; set the same BASE_PATH for the build and for the server`;
}
