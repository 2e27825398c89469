// Owns turning mail-layer failures into what a page does: 404, back to sign-in, or the error boundary.
import 'server-only';
import { notFound, redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/current-session';
import { endRejectedSession } from '@/lib/auth/sessions';
import { MailError, logMailError } from './errors';

/** The ?error= code /login turns into "Your password was changed. Please sign in again." */
export const PASSWORD_CHANGED = 'password_changed';

export async function loadOrFail<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof MailError && (err.code === 'not_found' || err.code === 'invalid_input')) notFound();
    if (err instanceof MailError && err.code === 'auth_failed') await passwordStoppedWorking();
    if ((err as { name?: string })?.name === 'ZodError') notFound();
    logMailError('page', err);
    throw err;
  }
}

// The IMAP server refused the stored password (changed elsewhere, or the account was locked): the
// session must not live on with a dead password, so it ends here, not at its idle timeout.
async function passwordStoppedWorking(): Promise<never> {
  const session = await currentSession();
  if (session) await endRejectedSession(session.sid, session.email);
  redirect(`/login?error=${PASSWORD_CHANGED}`);
}
