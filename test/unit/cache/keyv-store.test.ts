import { createKeyvStore } from '../../../src/cache/keyv-store';

describe('createKeyvStore without Redis', () => {
  it('keeps at most maxEntries, dropping the least recently written; what it keeps still reads back', async () => {
    const store = createKeyvStore('identity', { maxEntries: 100 });
    for (let i = 0; i < 250; i++) await store.set(`sign-in-${i}`, { value: i, expiresAt: 0 }, 60_000);
    expect((store.store as Map<string, unknown>).size).toBe(100);
    expect(await store.get('sign-in-0')).toBeUndefined();
    expect(await store.get('sign-in-149')).toBeUndefined();
    expect(await store.get('sign-in-150')).toEqual({ value: 150, expiresAt: 0 });
    // Writing an entry again makes it the most recent: it outlives those written before it.
    await store.set('sign-in-150', { value: 'again', expiresAt: 0 }, 60_000);
    for (let i = 250; i < 349; i++) await store.set(`sign-in-${i}`, { value: i, expiresAt: 0 }, 60_000);
    expect(await store.get('sign-in-150')).toEqual({ value: 'again', expiresAt: 0 });
    expect(await store.get('sign-in-151')).toBeUndefined();
  });

  it('is bounded by default (10,000 entries) and still expires entries by their TTL', async () => {
    const store = createKeyvStore('identity');
    for (let i = 0; i < 10_050; i++) await store.set(`k${i}`, i, 60_000);
    expect((store.store as Map<string, unknown>).size).toBe(10_000);
    await store.set('short', 'x', 20);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await store.get('short')).toBeUndefined();
  });

  it('sweeps out expired entries that are never read again, so it does not fill up with them', async () => {
    let now = 1_000_000;
    const store = createKeyvStore('identity', { now: () => now });
    const size = () => (store.store as Map<string, unknown>).size;
    // 1,500 sign-ins whose entries live 10 minutes, and 10 kept without a TTL.
    for (let i = 0; i < 1500; i++) await store.set(`old-${i}`, i, 600_000);
    for (let i = 0; i < 10; i++) await store.set(`forever-${i}`, i);
    now += 600_001;
    // The next writes sweep them (one sweep per 1,000 writes); what has not expired stays.
    for (let i = 0; i < 600; i++) await store.set(`new-${i}`, i, 600_000);
    expect(size()).toBe(610);
    expect(await store.get('new-0')).toBe(0);
    expect(await store.get('forever-9')).toBe(9);
  });
});
