import { FallbackRateStore } from '../../datasources/ers/fallback-rate-store';
import { MemoryRateStore, type RateStore } from '../../datasources/ers/rate-limiter';

/** The shared (Redis) store: a real GCRA in memory that can be made to fail, as Redis going away. */
class SwitchableStore implements RateStore {
  up = true;
  calls = 0;
  private readonly gcra = new MemoryRateStore();

  async reserve(now: number, intervalMs: number, toleranceMs: number, maxWaitMs: number): Promise<number | null> {
    this.calls++;
    if (!this.up) throw new Error('Shared store unavailable (open)');
    return this.gcra.reserve(now, intervalMs, toleranceMs, maxWaitMs);
  }
}

describe('FallbackRateStore', () => {
  const INTERVAL = 100; // 10 calls a second
  const reserve = (store: RateStore, now: number) => store.reserve(now, INTERVAL, 0, 1000);

  it('uses the shared budget while it answers', async () => {
    const shared = new SwitchableStore();
    const store = new FallbackRateStore(shared, new MemoryRateStore());
    expect([await reserve(store, 0), await reserve(store, 0), await reserve(store, 0)]).toEqual([0, 100, 200]);
    expect(shared.calls).toBe(3);
  });

  it('keeps a limit of its own while the shared store is away (calls still spaced, never unlimited), and goes back to the shared budget when it returns', async () => {
    const shared = new SwitchableStore();
    let fallbacks = 0;
    const store = new FallbackRateStore(shared, new MemoryRateStore(), () => fallbacks++);
    shared.up = false;
    expect([await reserve(store, 0), await reserve(store, 0), await reserve(store, 0)]).toEqual([0, 100, 200]);
    expect(fallbacks).toBe(3);
    // Past the local limit's patience the call is refused, as it would be by the shared one.
    expect(await store.reserve(0, INTERVAL, 0, 250)).toBeNull();

    shared.up = true;
    expect(await reserve(store, 1000)).toBe(0);
    expect(fallbacks).toBe(4);
    expect(shared.calls).toBe(5);
  });
});
