import { ErsError } from './errors';
import { FairShare, FairWaiter } from './fair-share';
import { FallbackRateStore } from './fallback-rate-store';
import { MemoryRateStore, type RateStore, type RedisEval, RedisRateStore } from './rate-store';

export { gcra, MemoryRateStore, RedisRateStore, type RateStore } from './rate-store';

/**
 * The e-RS rate limit, kept by ers-graph before e-RS has to enforce it: "10 requests per second
 * per application" in production, far less in the path-to-live environments (TooManyRequests
 * response of the spec). Every instance of one deployment is one application, so with Redis the
 * budget is shared by all of them.
 *
 * GCRA (the generic cell rate algorithm): one stored number per limit, the theoretical arrival
 * time (TAT) of the next call. A call may go at `TAT - tolerance` or later, and moves TAT on by
 * one emission interval. Which waiting call takes a slot is decided by `FairShare` (writes
 * first, then the user served least): one user's flood cannot hold the trust's budget. A call
 * that would wait longer than `maxWaitMs` (or past its request's deadline) is refused at once
 * (RATE_LIMITED, reason LOCAL_RATE_LIMIT) and uses no budget; an aborted one leaves the queue.
 */
export interface RateLimiter {
  /** Waits for this call's turn; throws RATE_LIMITED when the wait would exceed the limit's patience. */
  acquire(endpoint: string, call?: RateLimitedCall): Promise<void>;
}

/** Who a call is for, and how long it may wait. */
export interface RateLimitedCall {
  /** Whose share it uses: an SDS user or an application (never logged). One shared tenant when absent. */
  tenant?: string;
  /** A write (a clinical action) goes ahead of every read. */
  write?: boolean;
  /** Abandons the wait (deadline, client gone); the signal's reason is thrown. */
  signal?: AbortSignal;
  /** The call's request must have its answer by then (epoch ms): no wait beyond it. */
  deadlineAt?: number;
}

export interface RateLimitOptions {
  /** Calls per second. */
  perSecond: number;
  /** Calls that may go at once after a quiet spell (at least 1). */
  burst: number;
  /** Longest a call waits for its turn before it is refused. */
  maxWaitMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Each call's wait (ms), or null when it was refused: for metrics. */
  onAcquire?: (waitMs: number | null) => void;
  /** The shared store failed: the call went ahead unlimited (a limit must not take e-RS away). */
  onStoreError?: (error: Error) => void;
  /** The most of the recent calls one tenant gets while others wait (0 < share <= 1; default 0.5). */
  tenantShare?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Waiter extends FairWaiter {
  endpoint: string;
  grant(): void;
  refuse(error: Error): void;
}

/**
 * A rate limit over a store: `acquire` before every e-RS call. Calls wait in a fair queue; one
 * pump takes the next slot from the store, sleeps until it, then hands it to the waiter
 * `FairShare` picks at that moment, so a call that arrives while the pump sleeps can still have it.
 */
export class GcraRateLimiter implements RateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly queue: FairShare<Waiter>;
  private pumping = false;

  constructor(
    private readonly store: RateStore,
    private readonly options: RateLimitOptions,
  ) {
    if (!(options.perSecond > 0)) throw new Error('perSecond must be above 0');
    this.intervalMs = 1000 / options.perSecond;
    this.toleranceMs = this.intervalMs * (Math.max(1, Math.floor(options.burst)) - 1);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
    this.queue = new FairShare<Waiter>(options.tenantShare ?? 0.5, this.now);
  }

  /** Calls waiting for a slot (all tenants). */
  get waiting(): number {
    return this.queue.size;
  }

  acquire(endpoint: string, call: RateLimitedCall = {}): Promise<void> {
    const { signal } = call;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const tenant = call.tenant ?? '';
    const write = call.write === true;
    // How long this call may wait: the limit's patience, or less when its request ends sooner.
    const patienceMs = Math.min(this.options.maxWaitMs, call.deadlineAt === undefined ? Infinity : call.deadlineAt - this.now());
    const expectedMs = this.queue.slotsAhead(tenant, write) * this.intervalMs;
    if (expectedMs > patienceMs) return Promise.reject(this.refusal(endpoint, expectedMs));
    const enqueuedAt = this.now();

    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const waiter: Waiter = {
        tenant,
        write,
        endpoint,
        grant: () => {
          settle();
          this.options.onAcquire?.(this.now() - enqueuedAt);
          resolve();
        },
        refuse: (error) => {
          settle();
          reject(error);
        },
      };
      const onAbort = () => {
        if (this.queue.remove(waiter)) waiter.refuse(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // A backstop for estimates that turned out short: nobody waits past its patience.
      if (Number.isFinite(patienceMs)) {
        timer = setTimeout(
          () => {
            if (this.queue.remove(waiter)) waiter.refuse(this.refusal(endpoint, patienceMs));
          },
          Math.max(0, patienceMs),
        );
        timer.unref();
      }
      this.queue.add(waiter);
      void this.pump();
    });
  }

  /** Serves the queue one slot at a time while anyone waits. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.size > 0) {
        let waitMs: number | null;
        try {
          waitMs = await this.store.reserve(this.now(), this.intervalMs, this.toleranceMs, this.options.maxWaitMs);
        } catch (cause) {
          // Redis away: e-RS's own 429s and the back-off still protect it; refusing every call would not.
          this.options.onStoreError?.(cause instanceof Error ? cause : new Error(String(cause)));
          waitMs = 0;
        }
        if (waitMs === null) {
          // The deployment's budget is taken beyond our patience (other instances): the next call is refused.
          const refused = this.queue.next();
          refused?.refuse(this.refusal(refused.endpoint, this.options.maxWaitMs));
          continue;
        }
        if (waitMs > 0) await this.sleep(waitMs);
        // Picked now, not before the sleep: a call that arrived meanwhile competes for this slot.
        this.queue.next()?.grant();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** RATE_LIMITED for a call that would wait `waitMs`: retry after about that long. */
  private refusal(endpoint: string, waitMs: number): ErsError {
    this.options.onAcquire?.(null);
    return new ErsError('RATE_LIMITED', {
      endpoint,
      transport: 'LOCAL_RATE_LIMIT',
      retryAfterSeconds: Math.max(1, Math.ceil(Math.min(waitMs, this.options.maxWaitMs) / 1000)),
    });
  }
}

/**
 * The deployment's limiter: on Redis when the store is (every instance then shares one budget per
 * e-RS base URL), else in this process; undefined when `perSecond` is 0 (no limit).
 */
export function createRateLimiter(
  options: RateLimitOptions & { ersBaseUrl: string },
  redis?: { client: () => Promise<unknown>; key: (name: string) => string },
): RateLimiter | undefined {
  if (options.perSecond <= 0) return undefined;
  // On Redis, this process's own limit stands in while Redis is away (fallback-rate-store.ts).
  const store = redis
    ? new FallbackRateStore(
        new RedisRateStore(async () => (await redis.client()) as RedisEval, redis.key(`rate:${options.ersBaseUrl}`)),
        new MemoryRateStore(),
      )
    : new MemoryRateStore();
  return new GcraRateLimiter(store, options);
}
