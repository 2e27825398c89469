import { withBasePath } from '@/lib/base-path';
import { ALL_FOLDERS, SEARCH_HELP } from '@/lib/mail/search-query';

type Props = {
  /** What the box shows: the current search on the results page, else empty. */
  query?: string;
  /** The folder the user is in (offered as the scope), or null outside a folder. */
  folder: string | null;
  folderName?: string;
  /** The selected scope: a folder path or "all". */
  scope?: string;
};

/**
 * The top bar's search: a plain GET form to /search, so it works without JavaScript and every search
 * has its own URL. id="search" is what the `/` shortcut focuses; 16 px text keeps phones from zooming.
 */
export function SearchBox({ query = '', folder, folderName, scope }: Props) {
  const selected = scope ?? folder ?? ALL_FOLDERS;
  return (
    <form action={withBasePath('/search')} method="get" role="search" className="order-last flex w-full min-w-0 items-center gap-2 md:order-none md:w-auto md:max-w-2xl md:flex-1">
      <label htmlFor="search" className="sr-only">Search mail</label>
      <input
        id="search"
        name="q"
        type="search"
        defaultValue={query}
        placeholder="Search mail"
        maxLength={500}
        enterKeyHint="search"
        autoComplete="off"
        title={SEARCH_HELP}
        className="min-h-11 min-w-0 flex-1 rounded-lg bg-slate-100 px-3 text-base text-slate-900 ring-1 ring-slate-200 placeholder:text-slate-500 focus:bg-white focus:outline-none focus:ring-2 focus:ring-accent"
      />
      <select
        name="in"
        aria-label="Where to search"
        defaultValue={selected}
        className="min-h-11 max-w-24 shrink-0 truncate sm:max-w-40 rounded-lg bg-white px-2 text-sm text-slate-700 ring-1 ring-slate-300"
      >
        {folder && <option value={folder}>{folderName ?? folder}</option>}
        {scope && scope !== folder && scope !== ALL_FOLDERS && <option value={scope}>{scope}</option>}
        <option value={ALL_FOLDERS}>All folders</option>
      </select>
      <button type="submit" className="min-h-11 shrink-0 rounded-lg bg-accent px-4 text-sm font-semibold text-white hover:bg-blue-800">
        Search
      </button>
    </form>
  );
}
