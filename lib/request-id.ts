// Owns the current request's id: set once per HTTP request (lib/socket-address.ts), read by the log.
// No `server-only`: the request hook installed by instrumentation.ts and the log both use it.
import { AsyncLocalStorage } from 'node:async_hooks';

// On globalThis: instrumentation and the route bundles each load their own copy of this module.
const holder = globalThis as typeof globalThis & { __satchelRequestIds?: AsyncLocalStorage<string> };
export const requestIds = (holder.__satchelRequestIds ??= new AsyncLocalStorage<string>());

export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}
