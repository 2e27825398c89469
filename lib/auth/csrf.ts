// Owns reading the CSRF token for server-rendered forms that post to next-auth (sign-in, sign-out).
import 'server-only';
import { cookies } from 'next/headers';
import { config } from '@/lib/config';
import { csrfCookieName, csrfTokenFrom } from './cookies';

export async function csrfToken(): Promise<string> {
  const value = (await cookies()).get(csrfCookieName())?.value;
  return csrfTokenFrom(value, config().authSecret) ?? '';
}
