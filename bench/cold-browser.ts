// Owns "list visible in a cold browser": Debian's Chromium, a fresh context per visit, the session cookie preset.
import { performance } from 'node:perf_hooks';
import { launchBrowser, newContext } from '../tests/support/browser';
import { SESSION_COOKIE } from './http';
import { summarize, type Summary } from './stats';

const ROW = 'ul[aria-label="Messages"] li';

/** Time from navigation start to the first message row being visible, n cold visits (empty cache each time). */
export async function listVisible(baseUrl: string, sessionToken: string, n: number, path = '/mail/INBOX'): Promise<Summary> {
  const { browser, close } = await launchBrowser();
  const samples: number[] = [];
  try {
    for (let i = 0; i < n; i++) {
      const context = await newContext(browser, baseUrl);
      try {
        await context.addCookies([{ name: SESSION_COOKIE, value: sessionToken, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
        const page = await context.newPage();
        const start = performance.now();
        await page.goto(path, { waitUntil: 'commit', timeout: 15_000 });
        await page.locator(ROW).first().waitFor({ state: 'visible', timeout: 15_000 });
        samples.push(performance.now() - start);
      } finally {
        await context.close();
      }
    }
  } finally {
    await close();
  }
  return summarize(samples);
}
