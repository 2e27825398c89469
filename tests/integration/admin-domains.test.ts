// Two mail domains on two mail servers, each with its own limits (DOMAINS_FILE): every user reaches
// their own domain's servers and limits, an unlisted domain is refused, and readiness checks both
// servers — failing while one is stopped, recovering when it is back.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureDal, serverUsers } from '../support/dal-session';
import { mailEnv } from '../support/mail-env';
import { mailServerInstance, waitForSubject } from '../support/admin-mailserver';

const other = mailServerInstance('a1-other', 14000, 'other.test');
let lib: {
  domains: typeof import('@/lib/domains');
  imap: typeof import('@/lib/mail/imap-client');
  smtp: typeof import('@/lib/mail/smtp');
  guard: typeof import('@/lib/mail/send-guard');
  health: typeof import('@/lib/health');
};

beforeAll(async () => {
  await other.start();
  const test = mailEnv();
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'satchel-a1-')), 'domains.json');
  writeFileSync(
    file,
    JSON.stringify({
      domains: {
        'satchel.test': { limits: { perMinute: 1 }, branding: { productName: 'Satchel Test Mail' } },
        'other.test': {
          imap: other.env.imapUrl,
          smtp: other.env.smtpUrl,
          tls: { caFile: other.env.caFile },
          limits: { perMinute: 2 },
          branding: { productName: 'Other Mail', accentColor: '#b45309' },
        },
      },
    }),
  );
  process.env.DOMAINS_FILE = file;
  configureDal();
  expect(test.domain).toBe('satchel.test');
  lib = {
    domains: await import('@/lib/domains'),
    imap: await import('@/lib/mail/imap-client'),
    smtp: await import('@/lib/mail/smtp'),
    guard: await import('@/lib/mail/send-guard'),
    health: await import('@/lib/health'),
  };
}, 120_000);

afterAll(async () => {
  delete process.env.DOMAINS_FILE;
  await other.stop();
});

const grace = () => serverUsers().grace;
const otherAdmin = { email: 'admin@other.test', password: 'admin-pass-1' };

describe('two domains', () => {
  it('signs each user in to their own domain’s IMAP server, and refuses an unlisted domain', async () => {
    for (const creds of [grace(), otherAdmin]) {
      const client = await lib.imap.connectImap(creds);
      expect(client.authenticated).toBeTruthy();
      await client.logout();
    }
    // admin@other.test exists only on the other server: the test server would refuse it.
    expect(lib.domains.domainSettings(otherAdmin.email)?.imap.port).toBe(14143);
    expect(lib.domains.domainSettings('someone@unlisted.example')).toBeNull();
    await expect(lib.imap.connectImap({ email: 'admin@unlisted.example', password: 'x' })).rejects.toMatchObject({ code: 'auth_failed' });
  });

  it('sends through each domain’s own SMTP server', async () => {
    const subject = `a1 two domains ${randomUUID()}`;
    const transport = lib.smtp.createSmtpTransport(otherAdmin);
    await transport.sendMail({ envelope: { from: otherAdmin.email, to: [otherAdmin.email] }, raw: `From: ${otherAdmin.email}\r\nTo: ${otherAdmin.email}\r\nSubject: ${subject}\r\n\r\nHello\r\n` });
    transport.close();
    expect(await waitForSubject(other.env, otherAdmin.email, subject)).toBe(true);
  });

  it('gives each domain its own sending limit and branding', async () => {
    await lib.guard.chargeSend(grace().email, 1);
    await expect(lib.guard.chargeSend(grace().email, 1)).rejects.toThrow(/at most 1 messages per minute/);
    await lib.guard.chargeSend(otherAdmin.email, 1);
    await lib.guard.chargeSend(otherAdmin.email, 1);
    await expect(lib.guard.chargeSend(otherAdmin.email, 1)).rejects.toThrow(/at most 2 messages per minute/);
    expect(lib.domains.brandingFor(grace().email)).toEqual({ productName: 'Satchel Test Mail', logoUrl: null, accentColor: null });
    expect(lib.domains.brandingFor(otherAdmin.email)).toMatchObject({ productName: 'Other Mail', accentColor: '#b45309' });
  });

  it('is ready with both servers up, not ready with one stopped (naming it), and ready again after', async () => {
    let now = Date.now();
    const up = await lib.health.readiness(now);
    expect(up.ready).toBe(true);
    // Every domain is listed, so the checks name each server by its address.
    expect(Object.keys(up.checks).sort()).toEqual(['imap 127.0.0.1:12143', 'imap 127.0.0.1:14143', 'smtp 127.0.0.1:12587', 'smtp 127.0.0.1:14587']);
    await other.stop();
    now += 5_000;
    const down = await lib.health.readiness(now);
    expect(down.ready).toBe(false);
    expect(down.checks['imap 127.0.0.1:14143']).toMatchObject({ ok: false, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(down.checks['imap 127.0.0.1:12143']?.ok).toBe(true);
    await other.start();
    now += 5_000;
    expect((await lib.health.readiness(now)).ready).toBe(true);
    // Stopping and starting Dovecot and Postfix takes a while on a busy machine.
  }, 180_000);
});
