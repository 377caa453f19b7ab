import { ErsError } from './errors';

/**
 * The e-RS rate limit, kept by ers-graph before e-RS has to enforce it: "10 requests per second
 * per application" in production, far less in the path-to-live environments (TooManyRequests
 * response of the spec). Every instance of one deployment is one application, so with Redis the
 * budget is shared by all of them.
 *
 * GCRA (the generic cell rate algorithm): one stored number per limit, the theoretical arrival
 * time (TAT) of the next call. A call may go at `TAT - tolerance` or later, and moves TAT on by
 * one emission interval. Calls are served in the order they ask; a call that would wait longer
 * than `maxWaitMs` is refused at once (RATE_LIMITED, reason LOCAL_RATE_LIMIT) and uses no budget.
 */
export interface RateLimiter {
  /** Waits for this call's turn; throws RATE_LIMITED when the wait would exceed the limit's patience. */
  acquire(endpoint: string): Promise<void>;
}

/** Where the TAT lives: one process, or Redis for all instances. */
export interface RateStore {
  /**
   * Reserves the next slot at `now` for one call: returns how long to wait (ms), or null when the
   * wait would exceed `maxWaitMs` (nothing reserved then). Atomic per key.
   */
  reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null>;
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
}

/** The GCRA step shared by both stores: the wait and the new TAT, or null when refused. */
export function gcra(tat: number | undefined, now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): { waitMs: number; tat: number } | null {
  const start = Math.max(tat ?? now, now);
  const waitMs = Math.max(0, start - toleranceMs - now);
  if (waitMs > maxWaitMs) return null;
  return { waitMs, tat: start + intervalMs };
}

/** A TAT in this process (one instance, or no Redis). */
export class MemoryRateStore implements RateStore {
  private tat: number | undefined;

  async reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null> {
    const step = gcra(this.tat, now, intervalMs, toleranceMs, maxWaitMs);
    if (!step) return null;
    this.tat = step.tat;
    return step.waitMs;
  }
}

/** The commands of a node-redis client this store uses. */
interface RedisEval {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

// GCRA in one atomic step. The caller's clock is passed in so that every instance (and tests) agree.
const RESERVE = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local maxWait = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
if wait > maxWait then return -1 end
redis.call('SET', KEYS[1], tostring(tat + interval), 'PX', math.ceil(tat + interval - now + 1000))
return math.ceil(wait)`;

/** A TAT in Redis, shared by every instance using the same key. */
export class RedisRateStore implements RateStore {
  constructor(
    private readonly client: () => Promise<RedisEval>,
    private readonly key: string,
  ) {}

  async reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null> {
    const client = await this.client();
    const result = Number(await client.eval(RESERVE, { keys: [this.key], arguments: [String(now), String(intervalMs), String(toleranceMs), String(maxWaitMs)] }));
    return result < 0 ? null : result;
  }
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A rate limit over a store: `acquire` before every e-RS call. */
export class GcraRateLimiter implements RateLimiter {
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly store: RateStore,
    private readonly options: RateLimitOptions,
  ) {
    if (!(options.perSecond > 0)) throw new Error('perSecond must be above 0');
    this.intervalMs = 1000 / options.perSecond;
    this.toleranceMs = this.intervalMs * (Math.max(1, Math.floor(options.burst)) - 1);
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  async acquire(endpoint: string): Promise<void> {
    let waitMs: number | null;
    try {
      waitMs = await this.store.reserve(this.now(), this.intervalMs, this.toleranceMs, this.options.maxWaitMs);
    } catch (cause) {
      // Redis away: e-RS's own 429s and the back-off still protect it; refusing every call would not.
      this.options.onStoreError?.(cause instanceof Error ? cause : new Error(String(cause)));
      return;
    }
    this.options.onAcquire?.(waitMs);
    if (waitMs === null) {
      throw new ErsError('RATE_LIMITED', {
        endpoint,
        transport: 'LOCAL_RATE_LIMIT',
        retryAfterSeconds: Math.max(1, Math.ceil(this.options.maxWaitMs / 1000)),
      });
    }
    if (waitMs > 0) await this.sleep(waitMs);
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
  const store = redis
    ? new RedisRateStore(async () => (await redis.client()) as RedisEval, redis.key(`rate:${options.ersBaseUrl}`))
    : new MemoryRateStore();
  return new GcraRateLimiter(store, options);
}
