// Owns the one shared Redis connection (REDIS_URL) and the rate limiters that live in it or, without it, in this process.
import 'server-only';
import Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { config } from '@/lib/config';
import { log } from '@/lib/log';

const holder = globalThis as typeof globalThis & { __satchelRedis?: Redis };

/** The shared connection, or null when REDIS_URL is unset (one node, everything in memory). */
export function redis(): Redis | null {
  const url = config().redisUrl;
  if (!url) return null;
  if (!holder.__satchelRedis) {
    const client = new Redis(url, {
      // A Redis outage must fail a request within seconds, not queue it forever.
      maxRetriesPerRequest: 2,
      connectTimeout: 5_000,
      commandTimeout: 3_000,
      retryStrategy: (times) => Math.min(times * 200, 5_000),
    });
    // ioredis: an unhandled 'error' event would crash the process; the URL may hold a password, so log the code only.
    client.on('error', (err: NodeJS.ErrnoException) => log.warn({ event: 'redis_error', code: err.code ?? err.name }, 'redis error'));
    holder.__satchelRedis = client;
  }
  return holder.__satchelRedis;
}

export type LimiterOptions = { keyPrefix: string; points: number; durationSeconds: number };

/**
 * A limiter shared by every node through Redis when REDIS_URL is set, else per process. The Redis
 * one falls back to a per-process limiter while Redis is unreachable (insuranceLimiter): limits
 * stay on, only per node, rather than sign-in and sending stopping for everyone.
 */
export function rateLimiter({ keyPrefix, points, durationSeconds }: LimiterOptions): RateLimiterAbstract {
  const opts = { keyPrefix: `satchel:rl:${keyPrefix}`, points, duration: durationSeconds };
  const client = redis();
  if (!client) return new RateLimiterMemory(opts);
  return new RateLimiterRedis({ ...opts, storeClient: client, insuranceLimiter: new RateLimiterMemory(opts) });
}
