import { signOutEverywhereAction } from '@/app/account/actions';
import { withBasePath } from '@/lib/base-path';

/** A plain POST to next-auth's sign-out: works without JavaScript; the server side of the session is deleted. */
export function SignOutForm({ csrfToken }: { csrfToken: string }) {
  return (
    <form method="post" action={withBasePath('/api/auth/signout')}>
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value={withBasePath('/login')} />
      <button type="submit" className="min-h-10 rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}

/** Ends every session of this address (other browsers, a lost phone); a Server Action, so it also works without JavaScript. */
export function SignOutEverywhereForm() {
  return (
    <form action={signOutEverywhereAction}>
      <p className="mb-2 text-xs text-slate-600">Signed in on another device you no longer have? End every session, this one too.</p>
      <button type="submit" className="min-h-10 w-full rounded-lg px-3 text-sm font-medium text-red-800 ring-1 ring-red-200 hover:bg-red-50">
        Sign out everywhere
      </button>
    </form>
  );
}
