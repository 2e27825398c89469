// Owns the compose contract between the editor (client) and its Server Actions: plain types only,
// importable from client components (docs: .helpers/COMPOSE-CONTRACT.md).

/**
 * A file the message carries. `id` is opaque to the client: the server finds the bytes from it (an
 * upload, a part of a saved draft, or a part of the message being forwarded). `cid` is set by the
 * server on every upload; a part whose cid the HTML references (`<img src="cid:…">`) is sent inline.
 */
export type AttachmentRef = { id: string; filename: string; size: number; contentType: string; cid?: string };

export type ComposeSource = { kind: 'reply' | 'reply-all' | 'forward' | 'forward-attachment'; folder: string; uid: number };

export type ComposeDraft = {
  /** Random UUID made when the compose screen opens; stable across saves. */
  draftId: string;
  /** One of allowedFromAddresses(session.email); checked on the server. */
  from: string;
  /** Address lists as typed ("Name <a@b>, c@d"). */
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  mode: 'rich' | 'plain';
  /** Rich mode: editor HTML (sanitized again on the server); plain mode: ''. */
  html: string;
  /** Plain mode: the body; rich mode: may be '' (the server derives text from html). */
  text: string;
  attachments: AttachmentRef[];
  /** Message-ID of the message replied to. */
  inReplyTo: string | null;
  references: string[];
  source: ComposeSource | null;
};

export type SaveDraftResult = { status: 'saved'; savedAt: string } | { status: 'failed'; message: string };

export type SendResult =
  | { status: 'queued'; sendId: string; sendAt: string }
  | { status: 'invalid'; message: string; field?: 'from' | 'to' | 'cc' | 'bcc' | 'subject' | 'attachments' }
  | { status: 'failed'; message: string };

export type UndoResult = { status: 'undone'; draft: ComposeDraft } | { status: 'too_late'; message: string };

export type SendStatus = { status: 'pending' | 'sent' | 'failed' | 'unknown'; message?: string };

export type ComposeLimits = { maxBytes: number };
