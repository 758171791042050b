/**
 * Per-client token buckets for the public routes (API Gateway throttles in the cloud; see docs/decisions).
 * `rate` tokens a second, up to `burst`; 0 turns the limit off (benchmarks).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes a token; returns 0 when allowed, else the milliseconds until one is free. */
  take(client: string): number {
    if (this.rate <= 0) return 0;
    const t = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.at) / 1000) * this.rate);
    bucket.at = t;
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under a spray of addresses
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.rate) * 1000);
  }
}
