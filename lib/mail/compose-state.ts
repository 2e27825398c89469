// Owns the contract between the compose form and its Server Action.
/** source: what this answers or forwards, `kind:folder/uid` (empty for a new message); the server reads the rest itself. */
export type ComposeValues = { to: string; cc: string; bcc: string; subject: string; body: string; sendId: string; source: string };

export type ComposeState = {
  status: 'idle' | 'invalid' | 'failed';
  message: string | null;
  /** Everything the user typed comes back on failure, so nothing is lost. */
  values: ComposeValues;
  attempt: number;
};
