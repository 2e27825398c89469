import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { MAIL_USERS } from '../../scripts/mailserver/env';
import { startApp, type AppServer } from '../support/app-server';

const artifacts = path.resolve(__dirname, '../artifacts');
let app: AppServer | undefined;
let startedAt = 0;
const UNDO_SEND_SECONDS = 4;

export async function setup(project: TestProject) {
  // Whole seconds: some filesystems keep coarse modification times.
  startedAt = Math.floor(Date.now() / 1000) * 1000;
  // A shorter undo window than the default 10 s: every send in the suite waits it out.
  app = await startApp(Number(process.env.E2E_PORT ?? 3100), { UNDO_SEND_SECONDS: String(UNDO_SEND_SECONDS) });
  project.provide('baseUrl', app.baseUrl);
  project.provide('undoSendSeconds', UNDO_SEND_SECONDS);
  project.provide('authSecret', app.authSecret);
}

/** THREATS T12: no test user's password may appear in any server log this run wrote. */
function assertNoPasswordsInLogs(): void {
  const files = readdirSync(artifacts)
    .filter((name) => /^app-.*\.log$/.test(name))
    .map((name) => path.join(artifacts, name))
    .filter((file) => statSync(file).mtimeMs >= startedAt);
  const leaks: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const [user, { password }] of Object.entries(MAIL_USERS)) {
      if (text.includes(password)) leaks.push(`${path.basename(file)} contains ${user}'s password`);
    }
  }
  if (leaks.length > 0) throw new Error(`Passwords in server logs:\n${leaks.join('\n')}`);
}

export async function teardown() {
  await app?.stop();
  assertNoPasswordsInLogs();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    authSecret: string;
    undoSendSeconds: number;
  }
}
