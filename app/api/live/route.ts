// Live updates as Server-Sent Events: `ready` and `changed` for the folder the tab shows (the event id is
// the folder's state, so a reconnecting EventSource says what it last saw), `counts` (unread per
// folder), `server` (mail server reachable or not), `ended` (session gone), and a heartbeat.
import { z } from 'zod';
import { watchingSession, type UserSession } from '@/lib/auth/current-session';
import { endRejectedSession, peekSession, type SessionTicket } from '@/lib/auth/sessions';
import { closeLive, watchFolder, type LiveEvent } from '@/lib/mail/live';
import { folderSchema } from '@/lib/mail/mailbox-input';

export const dynamic = 'force-dynamic';

// Proxies and load balancers close a response that stays silent for about a minute.
const HEARTBEAT_MS = 25_000;
// Sign-out on this node closes the stream at once; expiry, and sign-out on another node, by this check.
const SESSION_CHECK_MS = 60_000;
const tokenSchema = z.string().regex(/^[0-9a-z.]{1,120}$/);

function frame(event: LiveEvent): string {
  const id = event.type === 'ready' || event.type === 'changed' ? `id: ${event.data.token}\n` : '';
  return `event: ${event.type}\n${id}data: ${JSON.stringify(event.data)}\n\n`;
}

type Admitted = { folder: string; ticket: SessionTicket; session: UserSession };

async function admit(request: Request): Promise<Admitted | Response> {
  const folder = folderSchema.safeParse(new URL(request.url).searchParams.get('folder'));
  if (!folder.success) return new Response('Unknown folder', { status: 400 });
  // Without counting as activity: an open tab must not keep an idle session alive.
  const watching = await watchingSession();
  if (!watching) return new Response('Sign in required', { status: 401 });
  return { folder: folder.data, ...watching };
}

/** What a stream would answer, without opening one: the page asks after EventSource gave up. */
export async function HEAD(request: Request): Promise<Response> {
  const admitted = await admit(request);
  return admitted instanceof Response ? new Response(null, { status: admitted.status }) : new Response(null, { status: 204 });
}

export async function GET(request: Request): Promise<Response> {
  const admitted = await admit(request);
  if (admitted instanceof Response) return admitted;
  const { folder, ticket, session } = admitted;
  const url = new URL(request.url);
  // EventSource resends the last id itself; `since` carries it when the page had to open a new one.
  const seen = tokenSchema.safeParse(request.headers.get('last-event-id') ?? url.searchParams.get('since'));

  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  const timers: NodeJS.Timeout[] = [];
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      end();
    }
  };
  const send = (event: LiveEvent) => {
    // At shutdown the stream just ends: EventSource then reconnects by itself.
    if (event.type !== 'ended' || event.data.reason !== 'shutdown') write(frame(event));
    if (event.type !== 'ended') return;
    if (event.data.reason === 'password-rejected') void endRejectedSession(session.sid, session.email);
    end();
  };
  // start() runs inside the constructor, so `controller` is set before anything is sent.
  const stream = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c), cancel: () => end() });
  write('retry: 3000\n\n');
  unsubscribe = watchFolder(session, folder, seen.success ? seen.data : null, send);
  if (!unsubscribe) return new Response('Too many open tabs for this session', { status: 429 });

  function end(): void {
    if (closed) return;
    closed = true;
    timers.forEach(clearInterval);
    request.signal.removeEventListener('abort', end);
    unsubscribe?.();
    try {
      controller.close();
    } catch {
      // already closed by the client going away
    }
  }
  request.signal.addEventListener('abort', end);
  timers.push(setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS));
  timers.push(
    setInterval(async () => {
      // A session store hiccup is not a sign-out: only a definite "gone" ends the stream.
      const active = await peekSession(ticket).then(Boolean, () => true);
      if (closed || active) return;
      // Expired or ended elsewhere: every tab of it on this node ends, and so does its connection.
      await closeLive(session.sid);
      send({ type: 'ended', data: { reason: 'signed-out' } });
    }, SESSION_CHECK_MS),
  );

  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      // no-transform: no compression (it buffers), no proxy rewriting; X-Accel-Buffering for nginx.
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
    },
  });
}
