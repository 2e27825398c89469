// Owns "list visible in a cold browser": Debian's Chromium, a fresh context per visit, the session cookie preset.
import { launchBrowser, newContext } from '../tests/support/browser';
import { SESSION_COOKIE } from './http';
import { summarize, type Summary } from './stats';

const ROW = 'ul[aria-label="Messages"] li';
// components/message-list.tsx marks the first row's text for Element Timing with this identifier.
const FIRST_ROW = 'first-message';
const TIMEOUT_MS = 15_000;

/** Each on the page's own clock, from navigation start: when the first message row was painted, first byte, first contentful paint. */
export type Visible = { visible: Summary; ttfb: Summary; fcp: Summary };

/** The page's own clock: time to first byte and first contentful paint, from navigation start. */
const pageTimings = () => {
  const perf = (globalThis as unknown as Window).performance; // runs in the page, not in Node
  const nav = perf.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  const fcp = perf.getEntriesByName('first-contentful-paint')[0];
  return { ttfb: nav ? nav.responseStart : NaN, fcp: fcp ? fcp.startTime : NaN };
};

/**
 * Runs in the page, once it has loaded: when the browser painted the first row (Element Timing,
 * buffered, so an earlier paint counts). Not a locator poll during the load: that answers only once the
 * page's main thread is free (hydration kept it busy ~300 ms after the rows were on screen), and the
 * locator engine, a large script compiled on that main thread, delayed the very paint it was timing.
 */
const firstRowPainted = ([identifier, timeoutMs]: [string, number]) =>
  new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Element Timing entry "${identifier}" within ${timeoutMs} ms`)), timeoutMs);
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { identifier?: string; renderTime?: number })[]) {
        if (entry.identifier !== identifier || !entry.renderTime) continue;
        clearTimeout(timer);
        resolve(entry.renderTime);
      }
    }).observe({ type: 'element', buffered: true });
  });

/** Time from navigation start to the first message row being painted, n cold visits (empty cache each time). */
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
        // 'load' is a browser event Playwright hears over CDP: nothing runs in the page until then.
        await page.goto(path, { waitUntil: 'load', timeout: TIMEOUT_MS });
        samples.push(await page.evaluate(firstRowPainted, [FIRST_ROW, TIMEOUT_MS] as [string, number]));
        // Painted is not yet proof of visible (display, visibility, size): the locator checks that, untimed.
        await page.locator(ROW).first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
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
