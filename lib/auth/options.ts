// Owns the next-auth configuration: the password is checked by IMAP LOGIN; the JWT carries a session id and key only.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { withBasePath } from '@/lib/base-path';
import { config } from '@/lib/config';
import { domainSettings } from '@/lib/domains';
import { audit } from '@/lib/log';
import { metrics } from '@/lib/metrics';
import { MailError, logMailError } from '@/lib/mail/errors';
import { connectImap } from '@/lib/mail/imap-client';
import { adoptImap } from '@/lib/mail/imap-pool';
import { callbackCookieName, cookieSecure, csrfCookieName, sessionCookieName } from './cookies';
import { clientIpFrom } from './client-ip';
import { accountTag, failedSignInFields, loginThrottle } from './login-throttle';
import { createSession, endSession } from './sessions';

const credentialsSchema = z.object({
  email: z.email().max(254).transform((s) => s.trim()),
  password: z.string().min(1).max(1024),
});

// next-auth turns a thrown error's message into ?error=<message> on the sign-in page.
export const SIGNIN_UNREACHABLE = 'unreachable';
export const SIGNIN_THROTTLED = 'throttled';
export const SIGNIN_DOMAIN_NOT_SERVED = 'domain_not_served';
// Not from next-auth: the settings page ends a session whose holder got the password wrong (T22).
export const SETTINGS_REAUTH_FAILED = 'reauth_failed';

// Failed attempts are logged by tag and domain only: the address may be a typo or an attacker's guess.
const who = failedSignInFields;

async function authorize(raw: Record<string, string> | undefined, headers: Record<string, unknown> | undefined) {
  const parsed = credentialsSchema.safeParse(raw ?? {});
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Only the admin's listed domains reach a mail server: never a login proxy for any server.
  if (!domainSettings(email)) {
    audit('sign_in', { ok: false, reason: 'domain_not_served', ...who(email) });
    metrics().signIns.inc({ outcome: 'refused_domain' });
    throw new Error(SIGNIN_DOMAIN_NOT_SERVED);
  }
  const clientIp = clientIpFrom(headers);
  const account = accountTag(email);
  // Reserved before the IMAP LOGIN, so a throttled guess never reaches the mail server.
  const verdict = await loginThrottle().reserve(account, clientIp);
  if (!verdict.ok) {
    audit('sign_in_throttled', { ...who(email), scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds });
    metrics().signIns.inc({ outcome: 'throttled' });
    throw new Error(SIGNIN_THROTTLED);
  }
  let client: SignedInClient;
  try {
    client = await connectImap({ email, password, clientIp });
  } catch (err) {
    if (err instanceof MailError && err.code === 'auth_failed') {
      audit('sign_in', { ok: false, reason: 'bad_credentials', ...who(email) });
      metrics().signIns.inc({ outcome: 'failed' });
      return null;
    }
    await loginThrottle().inconclusive(account, clientIp);
    audit('sign_in', { ok: false, reason: 'unreachable', ...who(email) });
    metrics().signIns.inc({ outcome: 'unreachable' });
    logMailError('sign-in', err);
    throw new Error(SIGNIN_UNREACHABLE);
  }
  await loginThrottle().succeeded(account, clientIp);
  return startSession(email, password, client);
}

type SignedInClient = Awaited<ReturnType<typeof connectImap>>;

/** Keeps the sealed password in the store and the connection that checked it in the pool. */
async function startSession(email: string, password: string, client: SignedInClient) {
  try {
    const ticket = await createSession(email, password);
    adoptImap(ticket.sid, client);
    audit('sign_in', { ok: true, email });
    metrics().signIns.inc({ outcome: 'ok' });
    return { id: ticket.sid, email, key: ticket.key };
  } catch (err) {
    // The session store (Redis) is down: the password was right, but there is nowhere to keep it.
    await client.logout().catch(() => client.close());
    audit('sign_in', { ok: false, reason: 'session_store', email });
    logMailError('sign-in session store', err);
    throw new Error(SIGNIN_UNREACHABLE);
  }
}

const cookie = (name: string, httpOnly = true) => ({
  name,
  options: { httpOnly, sameSite: 'lax' as const, path: '/', secure: cookieSecure() },
});

export function authOptions(): NextAuthOptions {
  const { authSecret, sessionMaxMs } = config();
  return {
    secret: authSecret,
    session: { strategy: 'jwt', maxAge: Math.floor(sessionMaxMs / 1000) },
    // next-auth redirects to these as given: they need BASE_PATH.
    pages: { signIn: withBasePath('/login'), error: withBasePath('/login') },
    cookies: {
      sessionToken: cookie(sessionCookieName()),
      csrfToken: cookie(csrfCookieName()),
      callbackUrl: cookie(callbackCookieName()),
    },
    providers: [
      CredentialsProvider({
        name: 'Mailbox',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        authorize: (credentials, req) => authorize(credentials, req?.headers),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sid = user.id;
          token.key = (user as { key?: string }).key;
        }
        return token;
      },
      // What /api/auth/session returns to the browser: the address, never the session key.
      session({ session, token }) {
        return { expires: session.expires, user: { email: token.email ?? null } };
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === 'string') await endSession(token.sid);
        audit('sign_out', { email: token?.email ?? null });
      },
    },
  };
}
