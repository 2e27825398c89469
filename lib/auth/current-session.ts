// Owns "who is asking": decodes the next-auth cookie and resolves it against the session store, once per request.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { decode } from 'next-auth/jwt';
import { cache } from 'react';
import { appRedirect } from '@/lib/app-redirect';
import { config } from '@/lib/config';
import type { MailCredentials } from '@/lib/mail/imap-client';
import { clientIpFrom } from './client-ip';
import { sessionCookieName } from './cookies';
import { peekSession, resolveSession, type ActiveSession, type SessionTicket } from './sessions';

/** What the mail layer needs to act for the user: the pool key and the credentials. */
export type UserSession = { sid: string; email: string; creds: MailCredentials };

// Decoding the cookie (an HKDF key derivation and a JWE decryption) was ~1 ms of CPU on every request,
// for the same cookie each time. The decoded ticket is kept, by the cookie's exact value, until the
// token expires. Only the decoding: every request still resolves the ticket against the session
// store, so a sign-out (here or, through Redis, on another node) ends the session at once.
const DECODED_MAX = 1000;
type Decoded = { ticket: SessionTicket; expiresAt: number };
const holder = globalThis as typeof globalThis & { __satchelDecodedCookies?: Map<string, Decoded> };
const decoded = (holder.__satchelDecodedCookies ??= new Map<string, Decoded>());

async function ticketFrom(raw: string): Promise<SessionTicket | null> {
  const now = Date.now();
  const hit = decoded.get(raw);
  if (hit && hit.expiresAt > now) return hit.ticket;
  decoded.delete(raw);
  const token = await decode({ token: raw, secret: config().authSecret }).catch(() => null);
  if (!token || typeof token.sid !== 'string' || typeof token.key !== 'string') return null;
  const ticket = { sid: token.sid, key: token.key };
  // Only tokens that decoded (forging one needs the secret), so guessing cookies cannot fill this.
  if (typeof token.exp === 'number' && token.exp * 1000 > now) {
    if (decoded.size >= DECODED_MAX) decoded.delete(decoded.keys().next().value!);
    decoded.set(raw, { ticket, expiresAt: token.exp * 1000 });
  }
  return ticket;
}

async function sessionFromCookie(
  resolve: (ticket: SessionTicket) => Promise<ActiveSession | null>,
): Promise<{ ticket: SessionTicket; session: UserSession } | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  const ticket = await ticketFrom(raw);
  if (!ticket) return null;
  const session = await resolve(ticket);
  if (!session) return null;
  const clientIp = clientIpFrom(await headers());
  return { ticket, session: { sid: session.sid, email: session.email, creds: { email: session.email, password: session.password, clientIp } } };
}

export const currentSession = cache(async (): Promise<UserSession | null> => (await sessionFromCookie(resolveSession))?.session ?? null);

/**
 * For a long-lived stream (live updates): the session without counting the request as activity, so an
 * open tab does not keep a session from idling out, and the ticket to re-check it later (peekSession).
 */
export function watchingSession(): Promise<{ ticket: SessionTicket; session: UserSession } | null> {
  return sessionFromCookie(peekSession);
}

/** The sign-in page that comes back to returnTo (an app path) after. */
export const signInHref = (returnTo: string) => `/login?callbackUrl=${encodeURIComponent(returnTo)}`;

/** For pages and server actions (not route handlers): a signed-out visitor goes to /login and comes back to returnTo after. */
export async function requireSession(returnTo: string): Promise<UserSession> {
  const session = await currentSession();
  return session ?? appRedirect(signInHref(returnTo));
}
