// Sign-in throttling (T13) in an app of its own with small limits (3 per account, 4 per IP), so the
// locks it sets never touch other tests. Runs last (vitest.config.mts): it makes Dovecot slow
// down the (made-up, 192.0.2.0/24) client addresses it uses.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppServer } from '../support/app-server';
import { mailEnv } from '../support/mail-env';

const { dave, erin } = mailEnv().users;
const dovecotLog = path.join(mailEnv().stateDir, 'log/dovecot.log');
const ATTACKER = '192.0.2.61';
let app: AppServer;
let logStart = 0;

beforeAll(async () => {
  app = await startApp(Number(process.env.E2E_PORT ?? 3100) + 3, {
    TRUST_PROXY_HEADERS: 'true',
    LOGIN_FAILURES_PER_ACCOUNT: '3',
    LOGIN_FAILURES_PER_IP: '4',
  });
  logStart = statSync(dovecotLog).size;
});

afterAll(async () => {
  await app?.stop();
});

type Attempt = { status: number; signedIn: boolean; retryAfter: string | null; body: string };

/** One sign-in as the HTML form posts it, from the given client address (the proxy's X-Forwarded-For). */
async function attempt(email: string, password: string, ip: string): Promise<Attempt> {
  const csrf = await fetch(`${app.baseUrl}/api/auth/csrf`, { headers: { 'X-Forwarded-For': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${app.baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie, Origin: app.baseUrl, 'X-Forwarded-For': ip },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${app.baseUrl}/mail/INBOX` }),
  });
  const signedIn = res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token=') && !c.startsWith('next-auth.session-token=;'));
  return { status: res.status, signedIn, retryAfter: res.headers.get('retry-after'), body: await res.text() };
}

/** LOGIN attempts Dovecot refused for this address since the test started, once its log settles. */
async function imapFailures(email: string): Promise<number> {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    const text = readFileSync(dovecotLog).subarray(logStart).toString('utf8');
    const count = text
      .split('\n')
      .filter((line) => line.includes(`user=<${email}>`))
      .reduce((sum, line) => sum + Number(/auth failed, (\d+) attempts/.exec(line)?.[1] ?? 0), 0);
    if (count === last) return count;
    last = count;
    await new Promise((r) => setTimeout(r, 500));
  }
  return last;
}

describe('sign-in throttling', () => {
  it('answers 429 after 3 bad passwords for one account, and the IMAP server sees at most 3', async () => {
    const results: Attempt[] = [];
    for (let i = 0; i < 20; i++) results.push(await attempt(dave.email, `wrong-${i}`, ATTACKER));
    const statuses = results.map((r) => r.status);
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    expect(results.some((r) => r.signedIn)).toBe(false);
    const limited = results[3]!;
    expect(Number(limited.retryAfter)).toBeGreaterThan(800);
    expect(limited.body).toContain('Too many sign-in attempts. Try again in 15 minutes.');
    expect(limited.body).toContain('href="/login"');
    const seen = await imapFailures(dave.email);
    console.log(`IMAP saw ${seen} failed LOGINs for dave of 20 attempts`);
    expect(seen).toBe(3);
  }, 120_000);

  it('refuses even the right password while the account is locked, with the same words', async () => {
    for (const ip of [ATTACKER, '192.0.2.62']) {
      const r = await attempt(dave.email, dave.password, ip);
      expect(r.status).toBe(429);
      expect(r.signedIn).toBe(false);
      expect(r.body).toContain('Too many sign-in attempts.');
    }
    expect(await imapFailures(dave.email)).toBe(3);
  });

  it('lets another account sign in from the same IP until the IP limit, then locks the IP only', async () => {
    // The IP has 3 failures (dave's) of 4: erin can still sign in, and a success costs nothing.
    expect((await attempt(erin.email, erin.password, ATTACKER)).signedIn).toBe(true);
    expect((await attempt(erin.email, 'wrong-erin', ATTACKER)).status).not.toBe(429);
    const locked = await attempt(erin.email, erin.password, ATTACKER);
    expect(locked.status).toBe(429);
    expect(locked.signedIn).toBe(false);
    // From another address erin is fine: the lock is on the IP, not on her account.
    expect((await attempt(erin.email, erin.password, '192.0.2.63')).signedIn).toBe(true);
    expect(await imapFailures(erin.email)).toBe(1);
  }, 120_000);

  it('shows the message on /login?error=throttled and logs no address or password for failures', async () => {
    const html = await (await fetch(`${app.baseUrl}/login?error=throttled`)).text();
    expect(html).toContain('Too many sign-in attempts. Please wait a few minutes and try again.');
    const log = readFileSync(path.join(__dirname, `../artifacts/app-${new URL(app.baseUrl).port}.log`), 'utf8');
    const events = log.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    const throttled = events.filter((e) => e.event === 'sign_in_throttled');
    const failed = events.filter((e) => e.event === 'sign_in' && e.ok === false);
    expect(throttled.length).toBeGreaterThanOrEqual(17);
    expect(failed).toHaveLength(4);
    expect(JSON.stringify([...throttled, ...failed])).not.toContain('@');
    expect(failed.every((e) => e.reason === 'bad_credentials' && e.domain === 'satchel.test')).toBe(true);
    for (const password of [dave.password, erin.password, 'wrong-1']) expect(log).not.toContain(password);
  });
});
