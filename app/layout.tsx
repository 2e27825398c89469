import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = { title: 'Satchel', description: 'Your mailbox in any browser' };
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1d4ed8' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page is rendered per request, so Next can stamp that response's CSP nonce (proxy.ts) on its
  // scripts. A prerendered page (e.g. the 404 for an unknown URL) would carry no nonce, and the
  // browser would rightly refuse to run its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh bg-slate-50 text-slate-900 antialiased">{children}</body>
    </html>
  );
}
