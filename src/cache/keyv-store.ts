import { EventEmitter } from 'node:events';
import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';
import { RedisConnection } from './redis-connection';

export interface KeyvStoreOptions {
  /** The deployment's Redis connection (shared by all its stores); undefined keeps the store in this process's memory. */
  redis?: RedisConnection;
  /** A REDIS_URL of this store's own (tests): a connection with default timeouts that the store's `disconnect` closes. */
  redisUrl?: string;
  /** In-memory store failures; Redis outages are reported once by the connection instead. */
  onError?: (error: Error) => void;
  /** Most entries kept without Redis (least recently written dropped first); 10,000 by default. */
  maxEntries?: number;
  /** The clock entries expire by without Redis (tests); Date.now by default. */
  now?: () => number;
}

/** Writes between two sweeps of a bounded map's expired entries. */
const SWEEP_EVERY = 1000;

/**
 * The in-memory store of a namespace without Redis: a Map (keyv's own memory store) bounded in
 * size, whose expired entries are swept out. keyv drops an expired entry only when it is read
 * again, so without a bound every sign-in (two identity entries each) stayed for the life of the
 * process; with the bound alone, the map still filled up with expired sign-ins to its bound
 * (~25 MiB for the identity store) over an hour or two of a busy server.
 */
class BoundedMap<V> extends Map<string, V> {
  /** When each entry expires (epoch ms), from the TTL keyv passes with it; none for no TTL. */
  private readonly expiries = new Map<string, number>();
  private writes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  override set(key: string, value: V, ttl?: number): this {
    super.delete(key);
    super.set(key, value);
    if (typeof ttl === 'number' && ttl > 0) this.expiries.set(key, this.now() + ttl);
    else this.expiries.delete(key);
    while (this.size > this.maxEntries) this.delete(this.keys().next().value!);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
    return this;
  }

  override delete(key: string): boolean {
    this.expiries.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.expiries.clear();
    super.clear();
  }

  /** Drops every entry whose TTL has passed. */
  private sweep(): void {
    const now = this.now();
    for (const [key, expiresAt] of this.expiries) if (expiresAt <= now) this.delete(key);
  }
}

/** Every Redis key of ers-graph starts with this, then the store's namespace. */
const KEY_PREFIX = 'ers-graph';
/** Most entries a store keeps in memory while Redis is away (oldest dropped first). */
const FALLBACK_MAX_ENTRIES = 10_000;

/**
 * The keyv store of one namespace (`identity`, `reference`, ...): in this process's memory by
 * default, or in Redis when a connection is given, so every instance shares it. Redis keys are
 * `ers-graph:<namespace>::<key>`; callers keep secrets and caller data out of keys (hash them).
 *
 * On Redis, every use is bounded by the connection's timeout and circuit breaker, and the store
 * degrades instead of failing: while Redis is away, reads and writes go to a bounded map in this
 * process (a cache then works per instance, as without REDIS_URL), until Redis answers again.
 */
export function createKeyvStore(namespace: string, options: KeyvStoreOptions = {}): Keyv {
  const report = (error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error)));
  const redis = options.redis ?? (options.redisUrl ? new RedisConnection({ url: options.redisUrl }) : undefined);
  if (!redis) {
    const keyv = new Keyv({ namespace, store: new BoundedMap(options.maxEntries ?? FALLBACK_MAX_ENTRIES, options.now) });
    keyv.on('error', report);
    return keyv;
  }
  const adapter = new KeyvRedis(redis.client, {
    namespace: `${KEY_PREFIX}:${namespace}`,
    // Failures reach the breaker (and the fallback), not only the adapter's error event.
    throwOnConnectError: true,
    throwOnErrors: true,
  });
  adapter.on('error', () => undefined);
  const store = new FallbackStore(adapter, redis, options.redis ? undefined : () => redis.close());
  // The adapter prefixes keys itself; keyv must not add a second prefix.
  const keyv = new Keyv(store, { namespace: `${KEY_PREFIX}:${namespace}`, useKeyPrefix: false });
  keyv.on('error', report);
  return keyv;
}

/** The Redis adapter behind a store made by `createKeyvStore`, or undefined for an in-memory one. */
export function redisAdapterOf(store: Keyv): KeyvRedis<unknown> | undefined {
  return store.store instanceof FallbackStore ? store.store.redis : undefined;
}

/** The Redis connection behind a store made by `createKeyvStore`, or undefined for an in-memory one. */
export function redisConnectionOf(store: Keyv): RedisConnection | undefined {
  return store.store instanceof FallbackStore ? store.store.connection : undefined;
}

/**
 * A keyv storage adapter: Redis through the connection's breaker, and a bounded in-process map
 * while Redis is away (keyv drops an expired entry when it reads it; the map sweeps the others).
 */
class FallbackStore extends EventEmitter {
  readonly opts = {};
  private readonly memory = new BoundedMap<unknown>(FALLBACK_MAX_ENTRIES);

  constructor(
    readonly redis: KeyvRedis<unknown>,
    readonly connection: RedisConnection,
    private readonly onDisconnect?: () => Promise<void>,
  ) {
    super();
  }

  get namespace(): string | undefined {
    return this.redis.namespace;
  }

  set namespace(value: string | undefined) {
    this.redis.namespace = value;
  }

  async get(key: string): Promise<unknown> {
    try {
      const value = await this.connection.run(() => this.redis.get(key));
      // Back on Redis: what was kept in memory during the outage is stale now.
      this.memory.clear();
      return value;
    } catch {
      return this.memory.get(key);
    }
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    try {
      await this.connection.run(() => this.redis.set(key, value as string, ttl));
    } catch {
      this.memory.set(key, value, ttl);
    }
    return true;
  }

  async delete(key: string): Promise<boolean> {
    const inMemory = this.memory.delete(key);
    try {
      return await this.connection.run(() => this.redis.delete(key));
    } catch {
      return inMemory;
    }
  }

  async clear(): Promise<void> {
    this.memory.clear();
    await this.connection.run(() => this.redis.clear());
  }

  async disconnect(): Promise<void> {
    await this.onDisconnect?.();
  }
}
