// Owns the numbers: timing one call, sampling a call N times, and median / p95 of the samples.
import { performance } from 'node:perf_hooks';

export type Summary = { n: number; median: number; p95: number; min: number; max: number };

/** Nearest-rank percentile of sorted samples (p in 0..100). */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? NaN;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    min: sorted[0] ?? NaN,
    max: sorted.at(-1) ?? NaN,
  };
}

export async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Runs fn `warmup` times untimed, then n times timed, one after another. */
export async function sample(n: number, fn: (i: number) => Promise<unknown>, warmup = 0): Promise<Summary> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await timeIt(() => fn(warmup + i)));
  return summarize(samples);
}

/** Like sample(), but fn measures itself (e.g. only the POST of a GET + POST pair). */
export async function sampleSelfTimed(n: number, fn: (i: number) => Promise<number>): Promise<Summary> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) samples.push(await fn(i));
  return summarize(samples);
}

export type Throughput = { requests: number; errors: number; seconds: number; perSecond: number };

/**
 * `workers` loops calling fn until durationMs has passed (each loop also stops after maxPerWorker
 * calls, so it ends by itself even if calls were instantaneous). Counts completed calls.
 */
export async function throughput(
  workers: number,
  durationMs: number,
  fn: (worker: number, i: number) => Promise<unknown>,
  maxPerWorker = 100_000,
): Promise<Throughput> {
  const start = performance.now();
  const deadline = start + durationMs;
  let requests = 0;
  let errors = 0;
  const loop = async (worker: number) => {
    for (let i = 0; i < maxPerWorker && performance.now() < deadline; i++) {
      try {
        await fn(worker, i);
        requests++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: workers }, (_, w) => loop(w)));
  const seconds = (performance.now() - start) / 1000;
  return { requests, errors, seconds, perSecond: requests / seconds };
}
