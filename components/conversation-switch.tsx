import { withBasePath } from '@/lib/base-path';
import { pageHref } from './pagination';

/** Plain list or conversations, as two links: the choice lives in the URL (?view=threads). */
export function ConversationSwitch({ base, threads }: { base: string; threads: boolean }) {
  const tab = 'inline-flex min-h-10 items-center px-3 text-sm font-medium';
  const active = `${tab} bg-slate-800 text-white`;
  const idle = `${tab} text-slate-700 hover:bg-slate-100`;
  return (
    <nav aria-label="List view" className="inline-flex overflow-hidden rounded-lg ring-1 ring-slate-300">
      <a href={withBasePath(base)} className={threads ? idle : active} aria-current={threads ? undefined : 'page'}>Messages</a>
      <a href={withBasePath(pageHref(base, { view: 'threads' }, 1))} className={threads ? active : idle} aria-current={threads ? 'page' : undefined}>Conversations</a>
    </nav>
  );
}
