import type { RateStore } from './rate-store';

/**
 * The deployment's rate store with a local stand-in: the shared (Redis) store while it answers,
 * this process's own GCRA while it does not. The shared store's client runs every command through
 * the Redis connection's timeout and circuit breaker, so while Redis is away each call falls back
 * at once, with no network wait, and goes back to the shared budget by itself when Redis returns.
 *
 * The local limit is the deployment's whole rate: with several instances, together they may then
 * exceed it, and e-RS's own 429s (with the client's back-off) cover the difference until Redis is
 * back. That is better than either alternative: no limit at all, or refusing every call.
 */
export class FallbackRateStore implements RateStore {
  constructor(
    private readonly shared: RateStore,
    /** This process's own store (a MemoryRateStore). */
    private readonly local: RateStore,
    /** Each call the local store served: for metrics (the outage itself is logged by the connection). */
    private readonly onFallback?: () => void,
  ) {}

  async reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null> {
    try {
      return await this.shared.reserve(now, intervalMs, toleranceMs, maxWaitMs);
    } catch {
      this.onFallback?.();
      return this.local.reserve(now, intervalMs, toleranceMs, maxWaitMs);
    }
  }
}
