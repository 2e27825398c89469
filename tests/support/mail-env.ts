// Test access to the loopback mail server started by scripts/mailserver.sh (default state dir).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostPort, readMailServerEnv, type MailServerEnv } from '../../scripts/mailserver/env';

export type { MailServerEnv, MailUser, MailUserName } from '../../scripts/mailserver/env';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let cached: MailServerEnv | undefined;

/** { imapUrl, smtpUrl, caFile, users: { alice: { email, password }, … }, … } from .mailserver/test/env. */
export function mailEnv(): MailServerEnv {
  cached ??= readMailServerEnv(process.env.MAILSERVER_DIR || path.join(projectRoot, '.mailserver/test'));
  return cached;
}

/** The server certificate, for `tls: { ca }` — verification stays on. */
export function mailCa(): Buffer {
  return readFileSync(mailEnv().caFile);
}

export { hostPort };
