/**
 * Where the e-RS rate limit's state lives (the TAT of GCRA, see rate-limiter.ts): this process,
 * or Redis for every instance of a deployment.
 */

/** Where the TAT lives: one process, or Redis for all instances. */
export interface RateStore {
  /**
   * Reserves the next slot at `now` for one call: returns how long to wait (ms), or null when the
   * wait would exceed `maxWaitMs` (nothing reserved then). Atomic per key.
   */
  reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null>;
}

/** The GCRA step shared by both stores: the wait and the new TAT, or null when refused. */
export function gcra(
  tat: number | undefined,
  now: number,
  intervalMs: number,
  toleranceMs: number,
  maxWaitMs: number,
): { waitMs: number; tat: number } | null {
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
export interface RedisEval {
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
    const result = Number(
      await client.eval(RESERVE, {
        keys: [this.key],
        arguments: [String(now), String(intervalMs), String(toleranceMs), String(maxWaitMs)],
      }),
    );
    return result < 0 ? null : result;
  }
}
