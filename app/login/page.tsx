import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { csrfToken } from '@/lib/auth/csrf';
import { currentSession } from '@/lib/auth/current-session';
import { stripBasePath, withBasePath } from '@/lib/base-path';
import { SETTINGS_REAUTH_FAILED, SIGNIN_DOMAIN_NOT_SERVED, SIGNIN_THROTTLED, SIGNIN_UNREACHABLE } from '@/lib/auth/options';
import { defaultBranding } from '@/lib/domains';
import { BrandMark, brandStyle } from '@/components/brand-mark';
import { PASSWORD_CHANGED } from '@/lib/mail/load-or-fail';
import { safeReturnPath } from '@/lib/safe-return-path';

export const metadata: Metadata = { title: 'Sign in · Satchel' };

type Props = { searchParams: Promise<{ error?: string; callbackUrl?: string }> };

function errorText(code: string | undefined): string | null {
  if (!code) return null;
  if (code === 'CredentialsSignin') return 'Wrong email or password';
  if (code === SIGNIN_UNREACHABLE) return 'Mail server unreachable. Please try again in a moment.';
  if (code === SIGNIN_DOMAIN_NOT_SERVED) return 'This webmail does not serve addresses at that domain. Check the address, or ask your provider for the right webmail.';
  if (code === SIGNIN_THROTTLED) return 'Too many sign-in attempts. Please wait a few minutes and try again.';
  if (code === PASSWORD_CHANGED) return 'Your password was changed. Please sign in again.';
  if (code === SETTINGS_REAUTH_FAILED) return 'That password was not right, so you were signed out to protect your account. Please sign in again.';
  return 'Sign-in failed. Please try again.';
}

export default async function LoginPage({ searchParams }: Props) {
  const { error, callbackUrl } = await searchParams;
  // Either form of a return path: '/mail/INBOX' (ours, the proxy's) or one carrying BASE_PATH.
  const returnTo = callbackUrl ? safeReturnPath(stripBasePath(callbackUrl)) : null;
  if (await currentSession()) redirect(returnTo ?? '/mail/INBOX');
  const message = errorText(error);
  const token = await csrfToken();
  // Before sign-in the domain is unknown: the deployment's own branding.
  const branding = defaultBranding();
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10" style={brandStyle(branding)}>
      <div className="w-full max-w-sm">
        <h1 className="mb-1 text-center text-3xl font-semibold tracking-tight text-accent">
          <BrandMark branding={branding} />
        </h1>
        <p className="mb-8 text-center text-sm text-slate-600">Sign in with your mailbox address and password</p>
        <form method="post" action={withBasePath('/api/auth/callback/credentials')} className="space-y-4 rounded-2xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
          <input type="hidden" name="csrfToken" value={token} />
          {/* next-auth's own default is the site's root, outside BASE_PATH: always say where to go. */}
          <input type="hidden" name="callbackUrl" value={withBasePath(returnTo ?? '/mail/INBOX')} />
          {message && (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-800 ring-1 ring-red-200">
              {message}
            </p>
          )}
          <div>
            <label htmlFor="email" className="mb-1 block text-sm font-medium">Email</label>
            <input id="email" name="email" type="email" required autoComplete="username" autoCapitalize="none" spellCheck={false} inputMode="email"
              className="block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft" />
          </div>
          <div>
            <label htmlFor="password" className="mb-1 block text-sm font-medium">Password</label>
            <input id="password" name="password" type="password" required autoComplete="current-password"
              className="block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent-soft" />
          </div>
          <button type="submit" className="w-full rounded-lg bg-accent px-4 py-2.5 text-base font-semibold text-white hover:bg-blue-800 focus:outline-none focus:ring-2 focus:ring-accent focus:ring-offset-2">
            Sign in
          </button>
        </form>
      </div>
    </main>
  );
}
