import { createHash } from 'node:crypto';
import Keyv from 'keyv';

/** A token and when it stops being usable (epoch ms). */
export interface ExpiringValue<T> {
  value: T;
  expiresAt: number;
}

/** A stable, non-reversible cache key part for a secret (tokens are never cache keys themselves). */
export function secretKey(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/**
 * A keyv-backed cache of expiring values with single-flight loading: N concurrent misses for
 * one key cause one load. Entries are renewed `renewBeforeMs` before they expire.
 */
export class ExpiringCache {
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, load: () => Promise<ExpiringValue<T>>, renewBeforeMs = 0): Promise<T> {
    const cached = (await this.store.get(key)) as ExpiringValue<T> | undefined;
    if (cached && cached.expiresAt - renewBeforeMs > this.now()) return cached.value;

    let pending = this.inflight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = (async () => {
        try {
          const loaded = await load();
          const ttl = loaded.expiresAt - this.now();
          if (ttl > 0) await this.store.set(key, loaded, ttl);
          return loaded.value;
        } finally {
          this.inflight.delete(key);
        }
      })();
      this.inflight.set(key, pending);
    }
    return pending;
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(key);
  }
}
