import { createHash } from 'node:crypto';
import Keyv from 'keyv';
import { ExpiringCache, secretKey } from '../../../src/auth/token-cache';

describe('ExpiringCache', () => {
  it('loads once for 50 concurrent misses of one key (single flight)', async () => {
    const cache = new ExpiringCache(new Keyv());
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { value: `token-${loads}`, expiresAt: Date.now() + 60_000 };
    };
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    expect(loads).toBe(1);
    expect(new Set(values)).toEqual(new Set(['token-1']));
  });

  it('drops expired entries from its in-process copy as it keeps new ones, so sign-ins long gone do not fill it', async () => {
    let now = 1_000_000;
    const cache = new ExpiringCache(new Keyv(), () => now);
    for (let i = 0; i < 1500; i++) await cache.get(`old-${i}`, async () => ({ value: i, expiresAt: now + 600_000 }));
    expect(cache.localSize).toBe(1500);
    now += 600_001;
    for (let i = 0; i < 600; i++) await cache.get(`new-${i}`, async () => ({ value: i, expiresAt: now + 600_000 }));
    // One sweep per 1,000 kept: the one at the 2,000th dropped the 1,500 expired.
    expect(cache.localSize).toBe(600);
    expect(await cache.get('new-0', async () => ({ value: -1, expiresAt: now + 1 }))).toBe(0);
  });

  it('renews an entry inside its renewal window and keeps it outside', async () => {
    let now = 1_000_000;
    const cache = new ExpiringCache(new Keyv(), () => now);
    let loads = 0;
    const load = async () => ({ value: ++loads, expiresAt: now + 599_000 });
    expect(await cache.get('k', load, 60_000)).toBe(1);
    now += 500_000; // 99 s left: still outside the 60 s window
    expect(await cache.get('k', load, 60_000)).toBe(1);
    now += 45_000; // 54 s left: renew
    expect(await cache.get('k', load, 60_000)).toBe(2);
  });

  it('does not cache a failed load', async () => {
    const cache = new ExpiringCache(new Keyv());
    await expect(cache.get('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(cache.get('k', async () => ({ value: 'ok', expiresAt: Date.now() + 1000 }))).resolves.toBe('ok');
  });

  it('forgets a deleted entry', async () => {
    const cache = new ExpiringCache(new Keyv());
    let loads = 0;
    const load = async () => ({ value: ++loads, expiresAt: Date.now() + 60_000 });
    await cache.get('k', load);
    await cache.delete('k');
    expect(await cache.get('k', load)).toBe(2);
  });

  it('answers from its own memory after the first read of the store; a value another instance stored is read once', async () => {
    const store = new Keyv();
    await store.set('k', { value: 'from-another-instance', expiresAt: Date.now() + 60_000 });
    const reads = jest.spyOn(store, 'get');
    const cache = new ExpiringCache(store);
    const load = jest.fn(async () => ({ value: 'loaded', expiresAt: Date.now() + 60_000 }));
    for (let i = 0; i < 3; i++) expect(await cache.get('k', load)).toBe('from-another-instance');
    expect(reads).toHaveBeenCalledTimes(1);
    expect(load).not.toHaveBeenCalled();
    // Renewal time is judged on the copy in memory too: inside the window, the store is asked again.
    expect(await cache.get('k', load, 120_000)).toBe('loaded');
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('derives keys from secrets without containing them', () => {
    const key = secretKey('eyJhbGciOi.secret.token');
    expect(key).not.toContain('secret');
    expect(key).toBe(secretKey('eyJhbGciOi.secret.token'));
    expect(key).not.toBe(secretKey('another'));
  });

  it('gives the SHA-256 of the secret however many secrets came between (the memo of recent keys never answers wrongly)', () => {
    const sha256 = (secret: string) => createHash('sha256').update(secret).digest('base64url');
    const secrets = Array.from({ length: 600 }, (_, i) => `token-${i}`);
    const first = secrets.map(secretKey);
    expect(first).toEqual(secrets.map(sha256));
    // Asked again after the memo has been emptied and refilled, in another order.
    expect([...secrets].reverse().map(secretKey)).toEqual([...secrets].reverse().map(sha256));
  });
});
