// Owns how mail-derived bytes leave as downloads: never rendered by the browser, never sniffed.
import { contentDisposition } from '@/lib/mail/filename';

export function downloadResponse(body: Uint8Array, filename: string, contentType = 'application/octet-stream'): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': contentDisposition(filename),
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-store',
    },
  });
}
