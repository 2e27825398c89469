import { withBasePath } from '@/lib/base-path';

const button = 'inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg px-3 text-sm ring-1 ring-slate-300';

export type NeighbourHrefs = { newer: string | null; older: string | null };

type Props = NeighbourHrefs & {
  /** Lists in another order than newest first say Previous/Next. */
  words?: readonly [string, string];
  /** The reading pane opens the neighbour beside the list instead of loading its page. */
  onOpen?: (which: keyof NeighbourHrefs, event: React.MouseEvent<HTMLAnchorElement>) => void;
};

/**
 * Newer/Older (the list is newest first): plain links (app paths), a page load each on the message
 * page; the reading pane's (ReaderNeighbours) open beside the list. Phones show only the arrows. The
 * keyboard's j/k and the step after archive or delete follow the same links (reading-pane-nav, neighbourHref).
 */
export function NeighbourLinks({ newer, older, words = ['Newer', 'Older'], onOpen }: Props) {
  const link = (which: keyof NeighbourHrefs, href: string | null, arrow: string, word: string) => {
    const label = (
      <>
        {which === 'newer' && <span aria-hidden>{arrow}</span>}
        <span className="sr-only sm:not-sr-only">{word}</span>
        {which === 'older' && <span aria-hidden>{arrow}</span>}
      </>
    );
    if (href === null) return <span aria-disabled="true" className={`${button} gap-1 text-slate-300 ring-slate-200`}>{label}</span>;
    return (
      <a href={withBasePath(href)} data-neighbour={which} aria-label={`${word} message`} onClick={onOpen && ((e) => onOpen(which, e))} className={`${button} gap-1 text-slate-700 hover:bg-slate-100`}>
        {label}
      </a>
    );
  };
  return (
    <nav aria-label={`${words[0]} and ${words[1].toLowerCase()} messages`} className="flex gap-1.5">
      {link('newer', newer, '‹', words[0])}
      {link('older', older, '›', words[1])}
    </nav>
  );
}
