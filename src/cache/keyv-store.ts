import Keyv from 'keyv';
import KeyvRedis from '@keyv/redis';

export interface KeyvStoreOptions {
  /** REDIS_URL; undefined keeps the store in this process's memory. */
  redisUrl?: string;
  /** Store failures (a dropped Redis connection); the message only, never keys or values. */
  onError?: (error: Error) => void;
}

/** Every Redis key of ers-graph starts with this, then the store's namespace. */
const KEY_PREFIX = 'ers-graph';

/**
 * The keyv store of one namespace (`identity`, `idempotency`, ...): in this process's memory by
 * default, or in Redis when `redisUrl` is given, so every instance shares it. Redis keys are
 * `ers-graph:<namespace>::<key>`; callers keep secrets and caller data out of keys (hash them).
 *
 * A Redis store fails fast while the connection is down (no offline queue, a few reconnection
 * tries): a request errors rather than hangs, and a later one connects again.
 */
export function createKeyvStore(namespace: string, options: KeyvStoreOptions = {}): Keyv {
  const report = (error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error)));
  if (!options.redisUrl) {
    const keyv = new Keyv({ namespace });
    keyv.on('error', report);
    return keyv;
  }
  const adapter = new KeyvRedis(
    {
      url: options.redisUrl,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: 5000,
        // Give up after a few tries (about 2 s): the command fails, the next one connects afresh.
        // A new Error (not `cause`): node-redis tests `instanceof Error`, which fails for errors of another realm (jest).
        reconnectStrategy: (retries: number) => (retries >= 5 ? new Error('Redis is unreachable') : Math.min(100 * 2 ** retries, 1000)),
      },
    },
    {
    namespace: `${KEY_PREFIX}:${namespace}`,
      // No `connectionTimeout`: the adapter's timer is never cleared; the socket has its own.
      throwOnConnectError: true,
    },
  );
  adapter.on('error', report);
  // The adapter prefixes keys itself; keyv must not add a second prefix.
  const keyv = new Keyv(adapter, { namespace: `${KEY_PREFIX}:${namespace}`, useKeyPrefix: false });
  keyv.on('error', report);
  return keyv;
}

/** The Redis adapter behind a store made by `createKeyvStore`, or undefined for an in-memory one. */
export function redisAdapterOf(store: Keyv): KeyvRedis<unknown> | undefined {
  return store.store instanceof KeyvRedis ? (store.store as KeyvRedis<unknown>) : undefined;
}
