// Owns turning mail-layer failures into what a page does: 404, back to sign-in, or the error boundary.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { MailError, logMailError } from './errors';

export async function loadOrFail<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof MailError && (err.code === 'not_found' || err.code === 'invalid_input')) notFound();
    // The stored password stopped working (changed elsewhere): ask for the new one.
    if (err instanceof MailError && err.code === 'auth_failed') redirect('/login?error=CredentialsSignin');
    if ((err as { name?: string })?.name === 'ZodError') notFound();
    logMailError('page', err);
    throw err;
  }
}
