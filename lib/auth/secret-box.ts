// Owns password encryption at rest: AES-256-GCM under a random per-session key that only the session cookie holds.
import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export type Sealed = { iv: string; tag: string; data: string };

export function newSessionKey(): string {
  return randomBytes(32).toString('base64url');
}

export function seal(plain: string, key: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), iv);
  // The session id is bound as associated data, so a sealed blob cannot be replayed under another session.
  cipher.setAAD(Buffer.from(aad));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64url'), tag: cipher.getAuthTag().toString('base64url'), data: data.toString('base64url') };
}

/** Returns null when the key is wrong or the blob was tampered with. */
export function open(sealed: Sealed, key: string, aad: string): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64url'), Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
