// Owns the mail DTOs shared by the DAL, routes and components: plain data only, no provider types.

export type Address = { name: string; address: string };

export type AttachmentSummary = {
  /** Index into the parsed message's attachment list, as a string; stable for the same raw bytes. */
  partId: string;
  /** Already cleaned by safeFilename: no controls, bidi overrides or path separators. */
  filename: string;
  contentType: string;
  size: number;
  inline: boolean;
  contentId?: string;
};

export type MessageView = {
  uid: number;
  folder: string;
  subject: string;
  from: Address[];
  to: Address[];
  cc: Address[];
  replyTo: Address[];
  /** ISO 8601, or null when the Date header is missing or unparseable. */
  date: string | null;
  messageId: string | null;
  text: string | null;
  /** Sanitized body fragment; only ever rendered through renderHtmlDocument in a sandboxed frame. */
  html: string | null;
  hasRemoteContent: boolean;
  attachments: AttachmentSummary[];
  seen: boolean;
  flagged: boolean;
  renderError?: string;
};

export type MessageSummary = {
  uid: number;
  subject: string;
  from: Address[];
  date: string | null;
  size: number;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  hasAttachment: boolean;
};

export type Folder = {
  path: string;
  name: string;
  delimiter: string;
  specialUse: 'inbox' | 'drafts' | 'sent' | 'archive' | 'junk' | 'trash' | null;
  unread: number;
  total: number;
  /** False for a parent that exists only to hold other folders (\Noselect): shown, not opened. */
  selectable: boolean;
  /** Subscribed folders show in the sidebar; the folder management page shows all of them. */
  subscribed: boolean;
  children: Folder[];
};

export type FolderPage = {
  folder: string;
  messages: MessageSummary[];
  page: number;
  pageCount: number;
  total: number;
};

/** A search hit: a list row plus the folder it lives in (search can span every folder). */
export type FoundMessage = MessageSummary & { folder: string };

export type SearchPage = {
  messages: FoundMessage[];
  page: number;
  pageCount: number;
  /** Every match on the server. */
  total: number;
  /** Set when only the newest `shown` of `total` matches can be paged through (all-folder search). */
  shown: number | null;
};

/** One row of the conversation list: a thread of this folder, newest message first. */
export type ThreadSummary = {
  /** This folder's messages of the thread, oldest first. */
  uids: number[];
  newest: MessageSummary;
  subject: string;
  participants: string[];
  unread: number;
  flagged: boolean;
  hasAttachment: boolean;
};

export type ThreadPage = {
  folder: string;
  threads: ThreadSummary[];
  page: number;
  pageCount: number;
  total: number;
  /** Set when only the newest `window` messages of a large folder were grouped. */
  window: number | null;
};

/** One message of an opened conversation; `sent` marks the user's own replies found in Sent. */
export type ConversationMessage = MessageView & { sent: boolean };
