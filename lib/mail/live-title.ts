// Owns the tab title's unread count, "(3) Inbox · Satchel": one format for the server-rendered
// title and for the live updates that change it in the browser. No `server-only`: both use it.

/** The page title of a folder, without the count. */
export function folderTitle(folder: string): string {
  return `${folder === 'INBOX' ? 'Inbox' : folder} · Satchel`;
}

/** The title with its count prefix replaced: "(N) " for N unread in the inbox, none for zero. */
export function withUnreadCount(title: string, unread: number): string {
  const bare = title.replace(/^\(\d+\) /, '');
  return unread > 0 ? `(${unread}) ${bare}` : bare;
}
