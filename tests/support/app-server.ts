// Starts the production build of Satchel (the standalone server) against the test mail server.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnvFile } from '../../scripts/mailserver/env';

const root = path.resolve(__dirname, '../..');

// MAILSERVER_DIR as tests/support/mail-env.ts reads it, so the app and the test code use one mail server.
export function mailServerEnv(dir = path.resolve(root, process.env.MAILSERVER_DIR || '.mailserver/test')): Record<string, string> {
  return parseEnvFile(readFileSync(path.join(dir, 'env'), 'utf8'));
}

/** authSecret: the AUTH_SECRET the server runs with, so tests can decrypt its session cookie (T12). */
export type AppServer = { baseUrl: string; authSecret: string; logFile: string; stop: () => Promise<void>; exitCode: () => number | null; pid: number };

export async function startApp(port: number, extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  const authSecret = extraEnv.AUTH_SECRET ?? randomBytes(32).toString('base64');
  const child: ChildProcess = spawn('bash', [path.join(root, 'scripts/start.sh')], {
    cwd: root,
    env: {
      ...process.env,
      ...mailServerEnv(),
      AUTH_SECRET: authSecret,
      NEXTAUTH_URL: baseUrl,
      PORT: String(port),
      HOSTNAME_BIND: '127.0.0.1',
      NODE_ENV: 'production',
      // The aliases the test Postfix allows (scripts/mailserver.sh SENDER_ALIASES).
      FROM_ALIASES: 'sales@satchel.test=writer@satchel.test,info@satchel.test=drafter@satchel.test',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  // The server's own log, for whoever debugs a failure: tests/artifacts/app-<port>.log.
  mkdirSync(path.join(root, 'tests/artifacts'), { recursive: true });
  const logFile = path.join(root, `tests/artifacts/app-${port}.log`);
  const log = createWriteStream(logFile);
  let output = '';
  const record = (d: Buffer) => {
    output += d;
    log.write(d);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Satchel exited early:\n${output}`);
    const ok = await fetch(`${baseUrl}${extraEnv.BASE_PATH ?? ''}/login`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) throw new Error(`Satchel did not start within 60 s:\n${output}`);
  return {
    baseUrl,
    authSecret,
    logFile,
    pid: child.pid!,
    exitCode: () => child.exitCode,
    stop: async () => {
      if (child.exitCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      await new Promise((r) => child.once('close', r));
      // Flushed before anyone (the e2e teardown's password check) reads the log.
      await new Promise((r) => log.end(r));
    },
  };
}
