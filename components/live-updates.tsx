'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { withBasePath } from '@/lib/base-path';
import { withUnreadCount } from '@/lib/mail/live-title';
import { ConnectionStatus, type ConnectionState } from './connection-status';

// Several changes in a row (a sender's burst, a move in another tab) become one refresh.
const REFRESH_DEBOUNCE_MS = 400;
// A blip shorter than this (a proxy recycling the stream, a server restart) shows nothing.
const DOWN_GRACE_MS = 4_000;
const RETRY_CAP_MS = 30_000;
// The stream opens this long after the page's load event: it must not compete with the page's own
// requests on a slow network (and tools waiting for the network to go quiet see it quiet).
const AFTER_LOAD_MS = 1_500;

type Counts = { messages: number; unseen: number };

/** Calls fn once the page has loaded and AFTER_LOAD_MS passed; returns the cancel function. */
function whenSettled(fn: () => void): () => void {
  let timer = 0;
  const schedule = () => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const loadedAt = nav?.loadEventEnd || performance.now();
    timer = window.setTimeout(fn, Math.max(0, loadedAt + AFTER_LOAD_MS - performance.now()));
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    window.removeEventListener('load', schedule);
    window.clearTimeout(timer);
  };
}

/**
 * Keeps the open page current (mounted once by MailShell): listens to /api/live for the folder shown,
 * re-renders the page from the server when it changed, keeps the tab title's inbox count, and says
 * so when the stream or the mail server is gone. Without JavaScript the page simply stays as loaded.
 */
export function LiveUpdates({ folder, rendered }: { folder: string | null; rendered: Counts | null }) {
  const router = useRouter();
  const [unread, setUnread] = useState<number | null>(null);
  const [connection, setConnection] = useState<ConnectionState>('online');
  // What the server rendered this page from: the first `ready` tells whether mail came in between.
  const renderedRef = useRef(rendered);
  useEffect(() => {
    renderedRef.current = rendered;
  });

  useEffect(() => {
    const watched = folder ?? 'INBOX';
    let source: EventSource | null = null;
    let seen = '';
    let counts: string | null = null;
    let attempts = 0;
    let stopped = false;
    let busy = false;
    let pending = false;
    const timers = { refresh: 0, down: 0, retry: 0 };
    const down = new Set<Exclude<ConnectionState, 'online'>>();

    // Not while the user drags or presses rows (a selection, a swipe): the list would move under them.
    const refreshSoon = () => {
      pending = true;
      window.clearTimeout(timers.refresh);
      timers.refresh = window.setTimeout(flush, REFRESH_DEBOUNCE_MS);
    };
    const flush = () => {
      if (!pending || busy || document.hidden || stopped) return;
      pending = false;
      router.refresh();
    };
    const setBusy = (value: boolean) => () => {
      busy = value;
      if (!value && pending) refreshSoon();
    };
    const showState = () => {
      window.clearTimeout(timers.down);
      if (down.size === 0) return setConnection('online');
      const state = down.has('offline') ? 'offline' : 'server-down';
      timers.down = window.setTimeout(() => setConnection(state), DOWN_GRACE_MS);
    };
    const mark = (kind: Exclude<ConnectionState, 'online'>, isDown: boolean) => {
      if (down.has(kind) === isDown) return;
      if (isDown) down.add(kind);
      else down.delete(kind);
      showState();
    };

    const open = () => {
      const params = new URLSearchParams({ folder: watched });
      if (seen) params.set('since', seen);
      const url = withBasePath(`/api/live?${params}`);
      const es = new EventSource(url);
      source = es;
      es.addEventListener('open', () => {
        attempts = 0;
        mark('offline', false);
      });
      es.addEventListener('ready', (e) => {
        seen = e.lastEventId;
        const now = JSON.parse(e.data) as Counts;
        const then = renderedRef.current;
        if (folder !== null && then && (now.messages !== then.messages || now.unseen !== then.unseen)) refreshSoon();
      });
      es.addEventListener('changed', (e) => {
        seen = e.lastEventId;
        if (folder !== null) refreshSoon();
      });
      es.addEventListener('counts', (e) => {
        const data = JSON.parse(e.data) as { unread: Record<string, number> };
        setUnread(data.unread.INBOX ?? 0);
        // Another folder's count moved (mail filed elsewhere): the folder list shows counts too.
        const next = JSON.stringify(data.unread);
        if (counts !== null && next !== counts && folder !== null) refreshSoon();
        counts = next;
      });
      es.addEventListener('server', (e) => mark('server-down', !(JSON.parse(e.data) as { reachable: boolean }).reachable));
      es.addEventListener('ended', () => {
        stopped = true;
        es.close();
        // Signed out or expired: the server now sends this page to the sign-in form.
        router.refresh();
      });
      es.onerror = () => {
        mark('offline', true);
        // EventSource retries network errors by itself; an HTTP error makes it give up for good.
        if (es.readyState === EventSource.CLOSED && !stopped) {
          window.clearTimeout(timers.retry);
          timers.retry = window.setTimeout(() => void retry(url), Math.min(RETRY_CAP_MS, 1000 * 2 ** attempts++));
        }
      };
    };
    const retry = async (url: string) => {
      const status = await fetch(url, { method: 'HEAD' }).then((r) => r.status, () => 0);
      if (stopped) return;
      if (status === 401) return router.refresh();
      // Bad folder or too many tabs: this page stays as loaded, without live updates.
      if (status === 400 || status === 429) return;
      if (status === 204) return open();
      timers.retry = window.setTimeout(() => void retry(url), Math.min(RETRY_CAP_MS, 1000 * 2 ** attempts++));
    };

    const onVisible = () => !document.hidden && flush();
    const listeners: Array<[string, () => void]> = [
      ['pointerdown', setBusy(true)],
      ['pointerup', setBusy(false)],
      ['pointercancel', setBusy(false)],
      ['dragstart', setBusy(true)],
      ['dragend', setBusy(false)],
      ['visibilitychange', onVisible],
    ];
    for (const [type, fn] of listeners) document.addEventListener(type, fn, true);
    const cancelStart = whenSettled(open);
    return () => {
      stopped = true;
      cancelStart();
      source?.close();
      for (const [type, fn] of listeners) document.removeEventListener(type, fn, true);
      Object.values(timers).forEach((t) => window.clearTimeout(t));
    };
  }, [folder, router]);

  // The server-rendered title carries the count already; keep it when the page or the count changes.
  useEffect(() => {
    if (unread === null) return;
    const apply = () => {
      const title = withUnreadCount(document.title, unread);
      if (title !== document.title) document.title = title;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  }, [unread]);

  return <ConnectionStatus state={connection} />;
}
