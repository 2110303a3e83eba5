/// Token buckets shared by every server process through Redis: the same rule as TokenBuckets
/// (`burst` requests at once, then one more every `interval` milliseconds, per key), kept in one
/// Redis hash per key and updated by one script, so that several processes behind a load balancer
/// limit an address together rather than each letting it through `burst` times. Times come from
/// Redis's clock, so the processes' clocks need not agree. While Redis cannot be reached, each process
/// falls back to its own buckets: limits hold per process until Redis is back.
import type { Redis } from 'ioredis';
import { TokenBuckets } from './rate-limit.ts';
import type { RateDecision } from './rate-limit.ts';

// KEYS[1] the bucket; ARGV burst, interval (ms), ttl (ms). Returns -1 when a token was taken, else
// the milliseconds until one is there.
const takeScript = `
local burst = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(stored[1]) or burst
local at = tonumber(stored[2]) or now
if now > at then
  tokens = math.min(burst, tokens + (now - at) / interval)
  at = now
end
local wait = -1
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * interval)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return wait
`;

/// Token buckets keyed by a string, shared through Redis.
export class SharedTokenBuckets {
  private readonly local: TokenBuckets;

  /// Buckets named `name` (one namespace per limit) on `redis`. Throws RangeError unless `burst` is a
  /// positive integer and `interval` a positive number.
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly burst: number,
    private readonly interval: number,
  ) {
    this.local = new TokenBuckets(burst, interval);
  }

  /// Take one token for `key`: ok, or how long (whole seconds, at least 1) until one is there.
  async take(key: string): Promise<RateDecision> {
    let wait: number;
    try {
      const ttl = Math.ceil(this.burst * this.interval) + 1000; // a full bucket needs no row
      wait = Number(
        await this.redis.eval(takeScript, 1, `lifa:rate:${this.name}:${key}`, this.burst, this.interval, ttl),
      );
    } catch {
      return this.local.take(key);
    }
    return wait < 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
  }
}

/// One limit's token buckets, whether this process's own or shared through Redis.
export interface RateLimiter {
  /// Take one token for `key`: ok, or how long (whole seconds, at least 1) until one is there.
  take(key: string): Promise<RateDecision>;
}

/// The limiter named `name` (`burst` at once, then one more every `interval` ms, per key): shared
/// through `redis` when the server has one (several processes), else kept in this process.
export function rateLimiter(redis: Redis | null, name: string, burst: number, interval: number): RateLimiter {
  if (redis) return new SharedTokenBuckets(redis, name, burst, interval);
  const local = new TokenBuckets(burst, interval);
  return { take: async (key) => local.take(key) };
}
