/** A plain POST to next-auth's sign-out: works without JavaScript; the server side of the session is deleted. */
export function SignOutForm({ csrfToken }: { csrfToken: string }) {
  return (
    <form method="post" action="/api/auth/signout" className="ml-auto sm:ml-0">
      <input type="hidden" name="csrfToken" value={csrfToken} />
      <input type="hidden" name="callbackUrl" value="/login" />
      <button type="submit" className="min-h-10 rounded-lg px-3 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-100">
        Sign out
      </button>
    </form>
  );
}
