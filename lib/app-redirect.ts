// Owns redirect() from code that runs both in pages and in Server Actions, so it lands under BASE_PATH.
import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { withBasePath } from './base-path';

// next 16: a redirect() while rendering a page, or in a Server Action called by JavaScript (Next-Action
// header), gets basePath added by Next; in an action posted by a plain form (no JavaScript) the 303's
// Location is the path as given (server/app-render/action-handler.js), so that one is prefixed here.
async function isPlainFormPost(): Promise<boolean> {
  const h = await headers();
  return !h.has('next-action') && /^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(h.get('content-type') ?? '');
}

/** redirect() to an app path ('/login?…') from a page or a Server Action, with or without JavaScript. Not for route handlers. */
export async function appRedirect(path: string): Promise<never> {
  redirect((await isPlainFormPost()) ? withBasePath(path) : path);
}
