// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  // One self-contained server (.next/standalone/server.js): what `npm start`, the tests and the Dockerfile run.
  output: 'standalone',
  // Serving under a path (https://example.com/webmail): fixed at build time, so BASE_PATH must be set
  // for `npm run build` and again at run time (with NEXTAUTH_URL=https://example.com/webmail/api/auth).
  basePath: process.env.BASE_PATH || '',
  // The same value inlined into every bundle, the browser's too: lib/base-path.ts prefixes the URLs
  // Next does not (plain links and forms, fetch, EventSource).
  env: { BASE_PATH: process.env.BASE_PATH || '' },
  // scripts/test.sh has run `tsc --noEmit` on the same tree before it builds: not twice more.
  typescript: { ignoreBuildErrors: process.env.SATCHEL_BUILD_SKIP_TYPECHECK === '1' },
  // Parallel builds (e.g. a benchmark next to a test run) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // Compose posts the message text through a Server Action (files go to their own upload route). 9 MB,
  // ACTION_BODY_BYTES in lib/mail/body-limit.ts (the editor checks it first): under the 10 MB the proxy
  // buffers, so a longer body is refused, never cut short.
  experimental: { serverActions: { bodySizeLimit: 9 * 1024 * 1024 } },
  // imapflow, nodemailer and jsdom are Node-only and large: load them from node_modules at run time.
  serverExternalPackages: ['imapflow', 'nodemailer', 'jsdom', 'dompurify', 'pino', 'prom-client'],
  // Headers that never change per response; the nonce CSP and HSTS (which depend on the request and
  // on NEXTAUTH_URL at run time) are set in proxy.ts. docs/security.md explains each.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts, which
          // Server Actions rightly refuse; other sites still learn nothing.
          { key: 'Referrer-Policy', value: 'same-origin' },
          // Clickjacking (THREATS T24): old browsers honour this; new ones CSP frame-ancestors (proxy.ts).
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
          // No other site keeps a window handle on Satchel, nor embeds its responses (T25, attachments).
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Resource-Policy', value: 'same-origin' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
