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
  children: Folder[];
};

export type FolderPage = {
  folder: string;
  messages: MessageSummary[];
  page: number;
  pageCount: number;
  total: number;
};
