import { gcra, GcraRateLimiter, MemoryRateStore } from '../../datasources/ers/rate-limiter';
import { ErsError } from '../../datasources/ers/errors';

/** A limiter on a clock the test moves; `sleep` records the waits instead of waiting. */
function limiter(options: { perSecond: number; burst?: number; maxWaitMs?: number }) {
  let now = 1_000_000;
  const waits: number[] = [];
  const limit = new GcraRateLimiter(new MemoryRateStore(), {
    perSecond: options.perSecond,
    burst: options.burst ?? 1,
    maxWaitMs: options.maxWaitMs ?? 60_000,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return {
    waits,
    advance: (ms: number) => {
      now += ms;
    },
    /** Acquires once; the wait it needed (0 when none). */
    async next(): Promise<number> {
      const before = waits.length;
      await limit.acquire('A005');
      return waits.length > before ? waits[waits.length - 1] : 0;
    },
  };
}

describe('GCRA rate limiter', () => {
  it.each([
    // [tat, now, interval, tolerance, maxWait] -> result
    [undefined, 1000, 100, 0, 1000, { waitMs: 0, tat: 1100 }],
    [1100, 1000, 100, 0, 1000, { waitMs: 100, tat: 1200 }],
    [1100, 1000, 100, 200, 1000, { waitMs: 0, tat: 1200 }],
    [900, 1000, 100, 0, 1000, { waitMs: 0, tat: 1100 }],
    [2500, 1000, 100, 0, 1000, null],
  ])('gcra(tat %s, now %s, interval %s, tolerance %s, maxWait %s)', (tat, now, interval, tolerance, maxWait, expected) => {
    expect(gcra(tat, now, interval, tolerance, maxWait)).toEqual(expected);
  });

  it('spaces calls one interval apart at burst 1, as APIM spike arrest wants', async () => {
    const l = limiter({ perSecond: 10 });
    const waits = [];
    for (let i = 0; i < 5; i++) waits.push(await l.next());
    expect(waits).toEqual([0, 100, 200, 300, 400]);
  });

  it('lets a burst go at once after a quiet spell, then spaces the rest', async () => {
    const l = limiter({ perSecond: 10, burst: 3 });
    const first = [await l.next(), await l.next(), await l.next(), await l.next(), await l.next()];
    expect(first).toEqual([0, 0, 0, 100, 200]);
    l.advance(2000);
    expect([await l.next(), await l.next(), await l.next(), await l.next()]).toEqual([0, 0, 0, 100]);
  });

  it('refuses a call that would wait longer than maxWait with RATE_LIMITED (LOCAL_RATE_LIMIT), using no budget', async () => {
    const l = limiter({ perSecond: 10, maxWaitMs: 250 });
    expect([await l.next(), await l.next(), await l.next()]).toEqual([0, 100, 200]);
    const refused = await l.next().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ErsError);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED', transport: 'LOCAL_RATE_LIMIT', endpoint: 'A005', retryAfterSeconds: 1 });
    // The refusal reserved nothing: 100 ms later the next call takes the slot it would have had (300 - 100 ms away).
    l.advance(100);
    expect(await l.next()).toBe(200);
  });

  it('lets calls through, unlimited, when the shared store fails, and says so', async () => {
    const errors: Error[] = [];
    const failing = { reserve: async () => Promise.reject(new Error('redis down')) };
    const limit = new GcraRateLimiter(failing, { perSecond: 1, burst: 1, maxWaitMs: 0, onStoreError: (error) => errors.push(error) });
    await expect(limit.acquire('A005')).resolves.toBeUndefined();
    await expect(limit.acquire('A005')).resolves.toBeUndefined();
    expect(errors.map((e) => e.message)).toEqual(['redis down', 'redis down']);
  });

  it('needs a rate above 0', () => {
    expect(() => new GcraRateLimiter(new MemoryRateStore(), { perSecond: 0, burst: 1, maxWaitMs: 1 })).toThrow(/perSecond/);
  });
});
