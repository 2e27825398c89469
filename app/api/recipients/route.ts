import { z } from 'zod';
import { MailError, logMailError } from '@/lib/mail/errors';
import { suggestRecipients } from '@/lib/mail/recipients';
import { currentSession } from '@/lib/auth/current-session';

const querySchema = z.string().trim().min(1).max(100);
const noStore = { 'Cache-Control': 'private, no-store' };

/** GET /api/recipients?q=ann → { suggestions: [{ name, address }] } from the user's own correspondence. */
export async function GET(request: Request): Promise<Response> {
  const session = await currentSession();
  if (!session) return Response.json({ error: 'Sign in required' }, { status: 401, headers: noStore });
  const q = querySchema.safeParse(new URL(request.url).searchParams.get('q') ?? '');
  if (!q.success) return Response.json({ suggestions: [] }, { headers: noStore });
  try {
    return Response.json({ suggestions: await suggestRecipients(session, q.data) }, { headers: noStore });
  } catch (err) {
    if (!(err instanceof MailError && err.code === 'auth_failed')) logMailError('recipients', err);
    return Response.json({ error: 'Suggestions are unavailable right now' }, { status: 502, headers: noStore });
  }
}
