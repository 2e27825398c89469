// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  // Parallel builds (e.g. a benchmark next to a test run) each get their own output folder.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  // imapflow, nodemailer and jsdom are Node-only and large: load them from node_modules at run time.
  serverExternalPackages: ['imapflow', 'nodemailer', 'jsdom', 'dompurify', 'pino'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on form posts, which
          // Server Actions rightly refuse; other sites still learn nothing.
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
