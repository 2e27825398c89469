// Three panes without paying for the list twice. A message opened from the list by a client-side
// navigation is intercepted into the `reader` slot (@reader/(.)[uid]): the server renders only that
// message (no folder list, no second list fetch) and the list page stays mounted beside it, so
// opening costs what the message page costs. Measured on 100k messages (bench/, GET
// /mail/INBOX/<uid>): rendering the list on the message page as well took the median from ~24 ms
// to ~45 ms, past the 30 ms target. A message loaded directly (a link, a reload, no JavaScript)
// is the ordinary full page, [uid]/page.tsx, with a Back link to the list.
export default function FolderLayout({ children, reader }: { children: React.ReactNode; reader: React.ReactNode }) {
  return (
    <>
      {children}
      {reader}
    </>
  );
}
