import type { TestProject } from 'vitest/node';
import { startApp, type AppServer } from '../support/app-server';

let app: AppServer | undefined;

export async function setup(project: TestProject) {
  app = await startApp(Number(process.env.E2E_PORT ?? 3100));
  project.provide('baseUrl', app.baseUrl);
}

export async function teardown() {
  await app?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
