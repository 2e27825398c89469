// Owns "list visible in a cold browser": Debian's Chromium, a fresh context per visit, the session cookie preset.
import { performance } from 'node:perf_hooks';
import { launchBrowser, newContext } from '../tests/support/browser';
import { SESSION_COOKIE } from './http';
import { summarize, type Summary } from './stats';

const ROW = 'ul[aria-label="Messages"] li';

export type Visible = { visible: Summary; ttfb: Summary; fcp: Summary };

/** The page's own clock: time to first byte and first contentful paint, from navigation start. */
const pageTimings = () => {
  const perf = (globalThis as unknown as Window).performance; // runs in the page, not in Node
  const nav = perf.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const fcp = perf.getEntriesByName('first-contentful-paint')[0];
  return { ttfb: nav ? nav.responseStart : NaN, fcp: fcp ? fcp.startTime : NaN };
};

/** Time from navigation start to the first message row being visible, n cold visits (empty cache each time). */
export async function listVisible(baseUrl: string, sessionToken: string, n: number, path = '/mail/INBOX'): Promise<Visible> {
  const { browser, close } = await launchBrowser();
  const samples: number[] = [];
  const ttfb: number[] = [];
  const fcp: number[] = [];
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
        const t = await page.evaluate(pageTimings);
        ttfb.push(t.ttfb);
        fcp.push(t.fcp);
      } finally {
        await context.close();
      }
    }
  } finally {
    await close();
  }
  return { visible: summarize(samples), ttfb: summarize(ttfb), fcp: summarize(fcp) };
}
