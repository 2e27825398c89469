// Owns graceful shutdown on SIGTERM/SIGINT: stop taking requests, let in-flight sends and requests
// finish (at most SHUTDOWN_TIMEOUT_SECONDS), log out of every IMAP connection, then exit 0.
// Next's own signal handler is switched off (NEXT_MANUAL_SIG_HANDLE, scripts/start.sh) so this runs.
import 'server-only';
import { config } from '@/lib/config';
import { log } from '@/lib/log';
import { closeAllImap } from '@/lib/mail/imap-pool';
import { closeAllLive } from '@/lib/mail/live';
import { redis } from '@/lib/redis';
import { markDraining, requestServers } from '@/lib/socket-address';

type State = { draining: boolean; inFlight: Set<Promise<unknown>> };
// On globalThis: the send path (a page bundle) and the signal handler (instrumentation) share it.
const holder = globalThis as typeof globalThis & { __satchelShutdown?: State };
const state = (holder.__satchelShutdown ??= { draining: false, inFlight: new Set() });

export const shuttingDown = (): boolean => state.draining;

/** Work that must finish before the process exits (a message being submitted): returns it unchanged. */
export function inFlight<T>(work: Promise<T>): Promise<T> {
  state.inFlight.add(work);
  const forget = () => void state.inFlight.delete(work);
  work.then(forget, forget);
  return work;
}

const SETTLE_MS = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

async function drain(signal: string): Promise<void> {
  const deadline = Date.now() + config().shutdownTimeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  log.info({ event: 'shutdown', signal, inFlight: state.inFlight.size }, 'shutting down');
  markDraining();
  // Live-update streams never fall idle: end them first so the server can close (browsers reconnect).
  const live = closeAllLive();
  const servers = [...requestServers()];
  const closed = Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  // Connections between requests would hold close() open: close them as they fall idle.
  for (let done = false; !done && left() > 0; ) {
    for (const s of servers) s.closeIdleConnections();
    done = await Promise.race([closed.then(() => true), sleep(Math.min(200, left())).then(() => false)]);
  }
  for (const s of servers) s.closeAllConnections();
  // A send started by a request or a timer just before may still be on its way, and its follow-up work
  // (filing in Sent) comes right after: wait until no send has been in flight for a moment.
  for (let quietSince = Date.now(); left() > 0 && Date.now() - quietSince < SETTLE_MS; ) {
    if (state.inFlight.size > 0) {
      await Promise.race([Promise.allSettled([...state.inFlight]), sleep(left())]);
      quietSince = Date.now();
    } else await sleep(Math.min(100, left()));
  }
  await Promise.race([Promise.all([closeAllImap(), live]), sleep(5_000)]);
  await redis()?.quit().catch(() => undefined);
  log.info({ event: 'shutdown_done', unfinished: state.inFlight.size }, 'shut down');
}

/** Installs the signal handlers once per process (instrumentation.ts). */
export function installShutdown(): void {
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.draining) return;
    state.draining = true;
    drain(signal).then(
      () => process.exit(0),
      (err: Error) => {
        log.error({ event: 'shutdown_error', detail: err.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
