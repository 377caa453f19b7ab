import { createHash } from 'node:crypto';
import Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import { memoized } from '../../datasources/memo';

/** A token and when it stops being usable (epoch ms). */
export interface ExpiringValue<T> {
  value: T;
  expiresAt: number;
}

/**
 * A stable, non-reversible cache key part for a secret (tokens are never cache keys themselves).
 * The SHA-256 of the last 256 secrets is remembered in this process's memory only, next to the
 * tokens the requests in flight hold anyway (a request asks for its token's key four or five times).
 */
export const secretKey = memoized((secret) => createHash('sha256').update(secret).digest('base64url'), 256);

/** Entries this process keeps in front of the store: one per signed-in user and role lookup. */
const LOCAL_ENTRIES = 10_000;

/**
 * A keyv-backed cache of expiring values with single-flight loading: N concurrent misses for
 * one key cause one load. Entries are renewed `renewBeforeMs` before they expire.
 *
 * The store (Redis with REDIS_URL) shares what one instance loaded with the others; this process
 * also keeps what it got in memory, in front of the store, so the calls of one request do not
 * each read and deserialize the caller's token and roles from it. A deletion (e-RS refused the
 * token) removes both; another instance that still holds the refused token meets the same 401
 * and deletes its own copy.
 */
export class ExpiringCache {
  private readonly inflight = new Map<string, Promise<unknown>>();
  private readonly local = new LRUCache<string, ExpiringValue<unknown>>({ max: LOCAL_ENTRIES });
  private localWrites = 0;

  constructor(
    private readonly store: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  async get<T>(key: string, load: () => Promise<ExpiringValue<T>>, renewBeforeMs = 0): Promise<T> {
    const near = this.local.get(key) as ExpiringValue<T> | undefined;
    if (near && near.expiresAt - renewBeforeMs > this.now()) return near.value;
    const cached = (await this.store.get(key)) as ExpiringValue<T> | undefined;
    if (cached && cached.expiresAt - renewBeforeMs > this.now()) {
      this.keepLocally(key, cached);
      return cached.value;
    }

    let pending = this.inflight.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = (async () => {
        try {
          const loaded = await load();
          const ttl = loaded.expiresAt - this.now();
          if (ttl > 0) {
            this.keepLocally(key, loaded);
            await this.store.set(key, loaded, ttl);
          }
          return loaded.value;
        } finally {
          this.inflight.delete(key);
        }
      })();
      this.inflight.set(key, pending);
    }
    return pending;
  }

  /** Entries this process keeps in front of the store (live ones, and expired ones not yet swept). */
  get localSize(): number {
    return this.local.size;
  }

  /**
   * Keeps a value in front of the store; every 1,000 writes, drops those that have expired, so
   * the LRU does not fill to its bound with sign-ins long gone.
   */
  private keepLocally(key: string, value: ExpiringValue<unknown>): void {
    this.local.set(key, value);
    if (++this.localWrites % 1000 !== 0) return;
    const now = this.now();
    const expired: string[] = [];
    for (const [kept, entry] of this.local.entries()) if (entry.expiresAt <= now) expired.push(kept);
    for (const kept of expired) this.local.delete(kept);
  }

  async delete(key: string): Promise<void> {
    this.local.delete(key);
    await this.store.delete(key);
  }
}
