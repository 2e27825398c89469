// Owns one session's live IMAP connection: IDLE in the folder a tab is watching, a LIST-STATUS of the
// subscribed folders between IDLEs (other folders' changes and unread counts), and reconnection with
// QRESYNC after the server went away, so tabs learn what changed instead of reloading everything.
import 'server-only';
import type { ImapFlow, ListResponse } from 'imapflow';
import { logMailError } from './errors';
import { createImapClient, type MailCredentials } from './imap-client';

/** One folder as STATUS reports it; uidValidity and highestModseq as strings (bigint in imapflow). */
export type FolderState = { uidValidity: string; uidNext: number; messages: number; unseen: number; highestModseq: string | null };
export type Change = { folder: string; token: string; messages: number; unseen: number; added: number; removed: number; flagsChanged: number };
export type LiveEvent =
  | { type: 'ready'; data: { folder: string; token: string; messages: number; unseen: number } }
  | { type: 'changed'; data: Change }
  | { type: 'counts'; data: { unread: Record<string, number> } }
  | { type: 'server'; data: { reachable: boolean } }
  | { type: 'ended'; data: { reason: 'signed-out' | 'password-rejected' | 'shutdown' } };
/** A tab: the folder it shows and the state token it last saw (null until its first `ready`). */
export type Subscriber = { folder: string; seen: string | null; send: (event: LiveEvent) => void };

// Between two LIST-STATUS polls: how late another folder's change or count may show.
const POLL_MS = 20_000;
// A command that gets no answer means a half-open connection (network gone without a FIN).
const COMMAND_TIMEOUT_MS = 15_000;
// Untagged responses come in bursts (a move is EXISTS + FETCH + EXPUNGE): one poll for the lot.
const SETTLE_MS = 150;
const BACKOFF_BASE_MS = 500;
// Low enough that a tab recovers within seconds of a long outage ending; jitter spreads the sessions.
const BACKOFF_CAP_MS = 10_000;

/** A state as one opaque string: equal tokens mean nothing changed (HIGHESTMODSEQ covers flags too). */
export function stateToken(s: FolderState): string {
  return `${s.uidValidity}.${s.uidNext}.${s.messages}.${s.highestModseq ?? `u${s.unseen}`}`;
}

/** Capped exponential backoff with jitter (half fixed, half random), so a restarted server is not stampeded. */
export function backoffMs(attempt: number, random = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

function uidNextOf(token: string | null): number | null {
  const [validity, uidNext] = (token ?? '').split('.');
  return validity && uidNext ? Number(uidNext) : null;
}

function toState(entry: ListResponse): FolderState | null {
  const s = entry.status;
  if (!s || s.uidValidity === undefined || s.uidNext === undefined || s.messages === undefined) return null;
  const highestModseq = s.highestModseq !== undefined ? String(s.highestModseq) : null;
  return { uidValidity: String(s.uidValidity), uidNext: s.uidNext, messages: s.messages, unseen: s.unseen ?? 0, highestModseq };
}

type Tally = { added: number; removed: number; flagsChanged: number };

export class Watcher {
  readonly subscribers = new Set<Subscriber>();
  private readonly states = new Map<string, FolderState>();
  private readonly tallies = new Map<string, Tally>();
  private readonly unopenable = new Set<string>();
  private unread: Record<string, number> | null = null;
  private reachable = true;
  private stopped = false;
  private client: ImapFlow | null = null;
  private wakeUp: (() => void) | null = null;
  // A wake-up that came while the loop was busy (an event during a poll): the next wait is skipped.
  private wakePending = false;
  private settleTimer: NodeJS.Timeout | undefined;
  readonly finished: Promise<void>;

  constructor(
    private readonly creds: MailCredentials,
    private readonly onEnd: (reason: 'password-rejected') => void,
  ) {
    this.finished = this.run();
  }

  /** True while an IMAP connection is open (for the connection-cost figures). */
  get connected(): boolean {
    return this.client?.usable ?? false;
  }

  add(sub: Subscriber): void {
    this.subscribers.add(sub);
    if (this.unread) sub.send({ type: 'counts', data: { unread: this.unread } });
    if (!this.reachable) sub.send({ type: 'server', data: { reachable: false } });
    this.report(sub);
    // A new folder to IDLE in, or one not polled yet: look now rather than at the next poll (but a
    // tab arriving while the server is down does not cut the reconnect backoff short).
    if (this.client?.usable) this.wake();
  }

  remove(sub: Subscriber): void {
    this.subscribers.delete(sub);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    this.wake();
    const client = this.client;
    if (client?.usable) await Promise.race([client.logout().catch(() => undefined), new Promise((r) => setTimeout(r, 2_000))]);
    client?.close();
    await this.finished;
  }

  private async run(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const client = createImapClient(this.creds);
      // Read when connect() sends ENABLE: QRESYNC lets a re-SELECT report what changed while we were away.
      client.options.qresync = true;
      this.listen(client);
      this.client = client;
      try {
        await client.connect();
        attempt = 0;
        this.setReachable(true);
        await this.watch(client);
      } catch (err) {
        if ((err as { authenticationFailed?: boolean }).authenticationFailed) {
          this.stopped = true;
          this.onEnd('password-rejected');
        } else if (!this.stopped && client.usable) {
          logMailError('live', err);
        }
      } finally {
        client.close();
        if (this.client === client) this.client = null;
      }
      if (this.stopped) return;
      this.setReachable(false);
      await this.sleep(backoffMs(attempt));
    }
  }

  private listen(client: ImapFlow): void {
    client.on('exists', (e) => this.note(e.path, { added: Math.max(0, e.count - e.prevCount) }));
    client.on('expunge', (e) => this.note(e.path, { removed: 1 }));
    client.on('flags', (e) => this.note(e.path, { flagsChanged: 1 }));
    client.on('highestModseq', (e) => this.note(e.path, {}));
    client.on('close', () => this.wake());
  }

  private note(folder: string, delta: Partial<Tally>): void {
    const t = this.tallies.get(folder) ?? { added: 0, removed: 0, flagsChanged: 0 };
    this.tallies.set(folder, { added: t.added + (delta.added ?? 0), removed: t.removed + (delta.removed ?? 0), flagsChanged: t.flagsChanged + (delta.flagsChanged ?? 0) });
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.wake(), SETTLE_MS);
  }

  private async watch(client: ImapFlow): Promise<void> {
    while (!this.stopped && client.usable) {
      this.wakePending = false;
      const folder = this.idleFolder();
      if (client.mailbox === false || client.mailbox.path !== folder) await this.open(client, folder);
      await this.deadline(client, this.poll(client));
      if (this.stopped || !client.usable) return;
      if (this.wakePending) continue;
      // Ends when the next command (the next poll) breaks it: imapflow sends DONE first.
      if (client.mailbox) client.idle().catch(() => undefined);
      await this.sleep(POLL_MS);
    }
  }

  /** The newest tab's folder (the one most likely in front of the user), else the inbox. */
  private idleFolder(): string {
    const folders = [...this.subscribers].map((s) => s.folder).filter((f) => !this.unopenable.has(f));
    return folders.at(-1) ?? 'INBOX';
  }

  private async open(client: ImapFlow, folder: string): Promise<void> {
    const known = this.states.get(folder);
    const resync = known?.highestModseq ? { changedSince: BigInt(known.highestModseq), uidValidity: BigInt(known.uidValidity) } : {};
    try {
      // Read-only: this connection only listens, it never changes \Seen or anything else.
      await this.deadline(client, client.mailboxOpen(folder, { readOnly: true, ...resync }));
    } catch (err) {
      if (!client.usable) throw err;
      // A folder deleted or renamed meanwhile: keep listening in the inbox instead.
      this.unopenable.add(folder);
      if (folder !== 'INBOX') await this.deadline(client, client.mailboxOpen('INBOX', { readOnly: true }));
    }
  }

  private async poll(client: ImapFlow): Promise<void> {
    clearTimeout(this.settleTimer);
    const entries = await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true } });
    const watched = new Set([...this.subscribers].map((s) => s.folder));
    const unread: Record<string, number> = {};
    for (const entry of entries) {
      const state = toState(entry);
      if (!state) continue;
      if (entry.subscribed || entry.specialUse === '\\Inbox' || watched.has(entry.path)) this.states.set(entry.path, state);
      if (entry.subscribed || entry.specialUse === '\\Inbox') unread[entry.path] = state.unseen;
      if (this.unopenable.has(entry.path)) this.unopenable.delete(entry.path);
    }
    for (const sub of this.subscribers) this.report(sub);
    this.tallies.clear();
    if (JSON.stringify(unread) !== JSON.stringify(this.unread)) {
      this.unread = unread;
      this.broadcast({ type: 'counts', data: { unread } });
    }
  }

  /** Tells a tab its folder's state: `ready` the first time, `changed` when it differs from what it saw. */
  private report(sub: Subscriber): void {
    const state = this.states.get(sub.folder);
    if (!state) return;
    const token = stateToken(state);
    if (sub.seen === token) return;
    if (sub.seen === null) {
      sub.send({ type: 'ready', data: { folder: sub.folder, token, messages: state.messages, unseen: state.unseen } });
    } else {
      const tally = this.tallies.get(sub.folder) ?? { added: 0, removed: 0, flagsChanged: 0 };
      const before = uidNextOf(sub.seen);
      const added = Math.max(tally.added, before !== null && sub.seen.startsWith(`${state.uidValidity}.`) ? state.uidNext - before : 0);
      sub.send({ type: 'changed', data: { folder: sub.folder, token, messages: state.messages, unseen: state.unseen, ...tally, added } });
    }
    sub.seen = token;
  }

  private broadcast(event: LiveEvent): void {
    for (const sub of this.subscribers) sub.send(event);
  }

  private setReachable(reachable: boolean): void {
    if (reachable === this.reachable) return;
    this.reachable = reachable;
    this.broadcast({ type: 'server', data: { reachable } });
  }

  /** A command that hangs (half-open TCP) closes the connection, which the reconnect loop then replaces. */
  private async deadline<T>(client: ImapFlow, work: Promise<T>): Promise<T> {
    const timer = setTimeout(() => client.close(), COMMAND_TIMEOUT_MS);
    try {
      return await work;
    } finally {
      clearTimeout(timer);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeUp === done) this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }
}
