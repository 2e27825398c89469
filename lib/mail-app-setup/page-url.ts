// Owns the absolute URL of a Satchel page as a phone must open it (for the setup page's QR code).
import 'server-only';
import { headers } from 'next/headers';
import { withBasePath } from '@/lib/base-path';

/** NEXTAUTH_URL's origin when configured (the public name), else the Host this request came to. */
export async function absoluteUrl(path: string): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  const origin = configured ? new URL(configured).origin : `http://${(await headers()).get('host') ?? 'localhost'}`;
  return `${origin}${withBasePath(path)}`;
}
