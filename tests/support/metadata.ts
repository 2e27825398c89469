// Test-side IMAP METADATA (RFC 5464) access: read or remove a user's server annotation directly.
import type { ImapFlow } from 'imapflow';
import { withUserImap } from './imap';
import type { MailUserName } from './mail-env';

type Token = { value?: unknown } | Token[];
type Exec = (command: string, attributes: unknown[], options?: { untagged?: Record<string, (u: { attributes?: Token[] }) => Promise<void>> }) => Promise<{ next: () => void }>;

// imapflow has no METADATA verb; exec() is its raw command path (@internal, untyped).
const exec = (client: ImapFlow): Exec => (client as unknown as { exec: Exec }).exec.bind(client);

export async function getServerMetadata(user: MailUserName, entry: string): Promise<string | null> {
  return withUserImap(user, async (client) => {
    let value: string | null = null;
    const res = await exec(client)('GETMETADATA', [{ type: 'STRING', value: '' }, [{ type: 'ATOM', value: entry }]], {
      untagged: {
        METADATA: async (u) => {
          const list = u.attributes?.[1];
          const raw = Array.isArray(list) && list[1] && !Array.isArray(list[1]) ? list[1].value : null;
          value = raw == null ? null : Buffer.isBuffer(raw) ? raw.toString('utf8') : String(raw);
        },
      },
    });
    res.next();
    return value;
  });
}

/** SETMETADATA … NIL: the entry is gone, as if never set. */
export async function clearServerMetadata(user: MailUserName, entry: string): Promise<void> {
  await withUserImap(user, async (client) => {
    const res = await exec(client)('SETMETADATA', [{ type: 'STRING', value: '' }, [{ type: 'ATOM', value: entry }, null]]);
    res.next();
  });
}
