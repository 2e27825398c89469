export type ConnectionState = 'online' | 'offline' | 'server-down';

const messages: Record<Exclude<ConnectionState, 'online'>, string> = {
  offline: 'Offline — reconnecting…',
  'server-down': 'Mail server unreachable — reconnecting…',
};

/** A small pill in a corner while live updates are cut off; the region is always there so it is announced. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const text = state === 'online' ? '' : messages[state];
  return (
    <p
      role="status"
      aria-live="polite"
      className={
        text
          ? 'pointer-events-none fixed bottom-3 left-1/2 z-30 -translate-x-1/2 rounded-full bg-slate-800/90 px-4 py-2 text-sm text-white shadow-lg md:left-4 md:translate-x-0'
          : 'sr-only'
      }
    >
      {text}
    </p>
  );
}
