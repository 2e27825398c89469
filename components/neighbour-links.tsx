import { withBasePath } from '@/lib/base-path';
import { messageHref } from '@/lib/mail/mailbox-input';
import type { Neighbours } from '@/lib/mail/neighbours';

const button = 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm ring-1 ring-slate-300';

/**
 * The message page's Newer/Older (the list is newest first): plain links, a page load each (a
 * client-side one would be taken for the reading pane's). Phones show only the arrows. The keyboard's
 * j/k and the step after archive or delete follow the same links (reading-pane-nav, neighbourHref).
 */
export function NeighbourLinks({ folder, neighbours }: { folder: string; neighbours: Neighbours }) {
  const link = (which: keyof Neighbours, arrow: string, word: string) => {
    const uid = neighbours[which];
    const label = (
      <>
        {which === 'newer' && <span aria-hidden>{arrow}</span>}
        <span className="sr-only sm:not-sr-only">{word}</span>
        {which === 'older' && <span aria-hidden>{arrow}</span>}
      </>
    );
    if (uid === null) return <span aria-disabled="true" className={`${button} gap-1 text-slate-300 ring-slate-200`}>{label}</span>;
    return (
      <a href={withBasePath(messageHref(folder, uid))} data-neighbour={which} aria-label={`${word} message`} className={`${button} gap-1 text-slate-700 hover:bg-slate-100`}>
        {label}
      </a>
    );
  };
  return (
    <nav aria-label="Newer and older messages" className="flex gap-1.5">
      {link('newer', '‹', 'Newer')}
      {link('older', '›', 'Older')}
    </nav>
  );
}
