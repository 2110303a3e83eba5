/// A token bucket per key (the client address): `burst` requests at once, then one more every
/// `interval` milliseconds. In memory, per server process.

/// The answer of TokenBuckets.take.
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/// Token buckets keyed by a string.
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  /// Throws RangeError unless `burst` is a positive integer and `interval` a positive number.
  constructor(
    private readonly burst: number,
    private readonly interval: number,
  ) {
    if (!Number.isInteger(burst) || burst < 1) throw new RangeError(`Invalid burst ${burst}`);
    if (!(interval > 0)) throw new RangeError(`Invalid interval ${interval}`);
  }

  /// Take one token for `key`: ok, or how long (whole seconds, at least 1) until one is there.
  take(key: string, now = Date.now()): RateDecision {
    const bucket = this.refill(key, now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return {
      ok: false,
      retryAfterSeconds: Math.max(1, Math.ceil(((1 - bucket.tokens) * this.interval) / 1000)),
    };
  }

  private refill(key: string, now: number): Bucket {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= 10_000) this.forgetFull(now);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
      return bucket;
    }
    const gained = (now - bucket.at) / this.interval;
    if (gained > 0) {
      bucket.tokens = Math.min(this.burst, bucket.tokens + gained);
      bucket.at = now;
    }
    return bucket;
  }

  // Buckets that have refilled completely hold no information: drop them.
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) / this.interval >= this.burst) this.buckets.delete(key);
    }
  }
}
