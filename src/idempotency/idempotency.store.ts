import { createHash, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { apiError } from '../../schema/error-codes';
import type Keyv from 'keyv';
import { redisAdapterOf, redisConnectionOf } from '../cache/keyv-store';
import type { RedisClient } from '../cache/redis-connection';
import { ErsError, ErsErrorCode } from '../../datasources/ers/errors';

/**
 * Idempotent mutations: a client sends an `Idempotency-Key` with a write; a retry with the same
 * key and input (a dropped connection, a double click) gets the first result instead of a
 * second referral, booking or letter in e-RS.
 *
 * - same key, same caller, same input, within 24 h: the stored result, without calling e-RS;
 * - same key, same caller, another input: BAD_USER_INPUT;
 * - the same key at once (on one instance or several sharing Redis): one call; the others wait
 *   for its result;
 * - a failure is stored only when e-RS gave a definitive business answer (4xx other than
 *   401/408/429): a retry then gets the same error; any other failure frees the key.
 *
 * Keys are scoped by the caller's access context and hashed (neither the key nor the caller is
 * readable in Redis). Results may hold patient data: they expire after 24 h.
 *
 * When the store cannot be reached (Redis down, slow, or its circuit open), a keyed mutation is
 * refused before it acts: SERVICE_UNAVAILABLE (reason SHARED_STORE_UNAVAILABLE, retryAfterSeconds).
 * Without its claim nothing could stop a retry from writing twice.
 */

/** Where claims and results live. Values are opaque strings; every method is atomic per key. */
export interface IdempotencyBackend {
  /** Stores `value` under `key` for `ttlMs` unless the key holds a value; true when stored. */
  claim(key: string, value: string, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  /** Replaces the value of `key` with `value` (for `ttlMs`) only while it still is `expected`. */
  replace(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key` only while its value still is `expected`. */
  release(key: string, expected: string): Promise<void>;
}

export interface IdempotencyOptions {
  /** How long a result is replayed (24 h). */
  ttlMs?: number;
  /**
   * How long a claim holds without a result: an instance that dies mid-call frees its keys after
   * this (2 min, above the longest e-RS write with its retries).
   */
  leaseMs?: number;
  /** How long a concurrent duplicate waits for the first call's result before CONFLICT (30 s). */
  waitTimeoutMs?: number;
  /** First poll interval of a waiting duplicate on another instance; doubles up to 500 ms. */
  pollIntervalMs?: number;
  /** The clock of expiry (tests); Date.now by default. */
  now?: () => number;
  /** A result could not be stored (the store is down); the operation's outcome still stands. */
  onStoreError?: (error: Error) => void;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
/** Idempotency-Key: 1..255 visible ASCII characters (a UUID is the usual choice). */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

interface PendingRecord {
  state: 'pending';
  inputHash: string;
  /** Unique per claim, so only its owner can complete or free it. */
  owner: string;
  expiresAt: number;
}

/** A definitive e-RS refusal, without `diagnostics` (free text that may echo patient data). */
interface StoredErsError {
  code: ErsErrorCode;
  endpoint: string;
  httpStatus?: number;
  ersCode?: string;
  issueCode?: string;
}

interface DoneRecord {
  state: 'done';
  inputHash: string;
  expiresAt: number;
  ok: boolean;
  value?: unknown;
  error?: StoredErsError;
}

type IdempotencyRecord = PendingRecord | DoneRecord;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** e-RS said no for good: a retry of the same request gets the same answer. */
export function isDefinitiveErsError(error: unknown): error is ErsError {
  return (
    error instanceof ErsError &&
    error.httpStatus !== undefined &&
    error.httpStatus >= 400 &&
    error.httpStatus < 500 &&
    ![401, 408, 429].includes(error.httpStatus)
  );
}

/**
 * The refusal of a keyed mutation whose idempotency cannot be guaranteed: the shared store did not
 * answer. Nothing was sent to e-RS; the same request succeeds once the store is back.
 */
export function sharedStoreUnavailable(cause: unknown): GraphQLError {
  const retryAfterSeconds = (cause as { retryAfterSeconds?: unknown })?.retryAfterSeconds;
  return apiError('SERVICE_UNAVAILABLE', 'The idempotency store is unavailable: nothing was sent to e-RS; retry later', {
    reason: 'SHARED_STORE_UNAVAILABLE',
    retryAfterSeconds: typeof retryAfterSeconds === 'number' ? retryAfterSeconds : 5,
  });
}

function reused(): GraphQLError {
  return apiError('BAD_USER_INPUT', 'Idempotency-Key reused with a different input', { reason: 'IDEMPOTENCY_KEY_REUSED' });
}

export class IdempotencyStore {
  private readonly ttlMs: number;
  private readonly leaseMs: number;
  private readonly waitTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly now: () => number;
  /** Calls in flight on this instance, by hashed key: duplicates here join them without polling. */
  private readonly inflight = new Map<string, { inputHash: string; promise: Promise<unknown> }>();

  constructor(
    private readonly backend: IdempotencyBackend,
    private readonly options: IdempotencyOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? IDEMPOTENCY_TTL_MS;
    this.leaseMs = options.leaseMs ?? 120_000;
    this.waitTimeoutMs = options.waitTimeoutMs ?? 30_000;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs `operation` at most once for (`scope`, `key`) and this input within the TTL; see the
   * module comment. `scope` is the caller's access context (user id and role): one caller's key
   * never returns another's result. Results must be JSON values (replays are parsed JSON).
   */
  async run<T>(key: string, scope: string, inputHash: string, operation: () => Promise<T>): Promise<T> {
    if (!KEY_PATTERN.test(key)) {
      throw apiError('BAD_USER_INPUT', 'Idempotency-Key must be 1 to 255 visible ASCII characters (e.g. a UUID)', {
        reason: 'IDEMPOTENCY_KEY_INVALID',
      });
    }
    const id = createHash('sha256')
      .update(JSON.stringify([scope, key]))
      .digest('base64url');
    const current = this.inflight.get(id);
    if (current) {
      if (current.inputHash !== inputHash) throw reused();
      return current.promise as Promise<T>;
    }
    const promise = this.execute(id, inputHash, operation).finally(() => this.inflight.delete(id));
    this.inflight.set(id, { inputHash, promise });
    return promise;
  }

  /**
   * A whole GraphQL response stored for (`scope`, `key`, `requestHash`) by `rememberResponse`, or
   * undefined. A replay of exactly the same request (document and variables) answers from it, so
   * it makes no e-RS call at all, not even the reads of the payload's linked fields.
   */
  async recallResponse(scope: string, key: string, requestHash: string): Promise<unknown> {
    // A store that cannot be reached recalls nothing: each keyed mutation's own `run` then refuses.
    const text = await this.backend.get(responseId(scope, key, requestHash)).catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const stored = JSON.parse(text) as { expiresAt: number; response: unknown };
      return stored.expiresAt > this.now() ? stored.response : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a successful response for `recallResponse` (the first one stored stays); a store failure is reported, not thrown. */
  async rememberResponse(scope: string, key: string, requestHash: string, response: unknown): Promise<void> {
    const expiresAt = this.now() + this.ttlMs;
    try {
      await this.backend.claim(responseId(scope, key, requestHash), JSON.stringify({ expiresAt, response }), this.ttlMs);
    } catch (cause) {
      this.reportStoreError(cause);
    }
  }

  private async execute<T>(id: string, inputHash: string, operation: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.waitTimeoutMs;
    let delay = this.pollIntervalMs;
    for (;;) {
      const record = this.read(await this.beforeActing(() => this.backend.get(id)));
      if (!record) {
        const pending = JSON.stringify({
          state: 'pending',
          inputHash,
          owner: randomUUID(),
          expiresAt: this.now() + this.leaseMs,
        } satisfies PendingRecord);
        if (await this.beforeActing(() => this.backend.claim(id, pending, this.leaseMs)))
          return this.perform(id, pending, inputHash, operation);
        continue; // another instance claimed it first: read what it holds
      }
      if (record.inputHash !== inputHash) throw reused();
      if (record.state === 'done') return replay<T>(record);
      // Claimed by another instance: wait for its result (or for the claim to be freed).
      if (Date.now() >= deadline) {
        throw apiError('CONFLICT', 'A request with this Idempotency-Key is still in progress; retry later', {
          reason: 'IDEMPOTENCY_KEY_IN_PROGRESS',
        });
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
  }

  /** A store use before the operation has run: a failure refuses the mutation (nothing was done). */
  private async beforeActing<T>(use: () => Promise<T>): Promise<T> {
    try {
      return await use();
    } catch (cause) {
      throw sharedStoreUnavailable(cause);
    }
  }

  private async perform<T>(id: string, pending: string, inputHash: string, operation: () => Promise<T>): Promise<T> {
    let value: T;
    try {
      value = await operation();
    } catch (error) {
      if (isDefinitiveErsError(error)) {
        await this.store(id, pending, {
          state: 'done',
          inputHash,
          expiresAt: this.now() + this.ttlMs,
          ok: false,
          error: storedError(error),
        });
      } else {
        // Nothing definitive happened (or we cannot tell): a retry may run it again.
        await this.backend.release(id, pending).catch((cause: unknown) => this.reportStoreError(cause));
      }
      throw error;
    }
    await this.store(id, pending, { state: 'done', inputHash, expiresAt: this.now() + this.ttlMs, ok: true, value });
    return value;
  }

  /** Stores an outcome; a store failure is reported, not thrown: e-RS has acted, the caller gets its answer. */
  private async store(id: string, pending: string, record: DoneRecord): Promise<void> {
    try {
      await this.backend.replace(id, pending, JSON.stringify(record), this.ttlMs);
    } catch (cause) {
      this.reportStoreError(cause);
    }
  }

  private reportStoreError(cause: unknown): void {
    this.options.onStoreError?.(cause instanceof Error ? cause : new Error(String(cause)));
  }

  /** A live record, or undefined (absent, expired by our clock, or unreadable). */
  private read(text: string | undefined): IdempotencyRecord | undefined {
    if (text === undefined) return undefined;
    try {
      const record = JSON.parse(text) as IdempotencyRecord;
      return record.expiresAt > this.now() ? record : undefined;
    } catch {
      return undefined;
    }
  }
}

function responseId(scope: string, key: string, requestHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify(['response', scope, key, requestHash]))
    .digest('base64url');
}

function storedError(error: ErsError): StoredErsError {
  return {
    code: error.code,
    endpoint: error.endpoint,
    httpStatus: error.httpStatus,
    ersCode: error.ersCode,
    issueCode: error.issueCode,
  };
}

function replay<T>(record: DoneRecord): T {
  if (record.ok) return record.value as T;
  const stored = record.error!;
  throw new ErsError(stored.code, {
    endpoint: stored.endpoint,
    httpStatus: stored.httpStatus,
    ersCode: stored.ersCode,
    issueCode: stored.issueCode,
  });
}

/**
 * A backend over any keyv store, with expiry by the given clock. Its claim is a read then a
 * write: atomic within this process (a Map, or a store only this process uses), not across
 * instances. Instances that share a store use `RedisIdempotencyBackend`.
 */
export class KeyvIdempotencyBackend implements IdempotencyBackend {
  /** Per-key chains, so a claim's read and write are not interleaved with another call's. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Keyv,
    private readonly now: () => number = Date.now,
  ) {}

  claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.locked(key, async () => {
      if ((await this.live(key)) !== undefined) return false;
      await this.store.set(key, { value, expiresAt: this.now() + ttlMs }, ttlMs);
      return true;
    });
  }

  get(key: string): Promise<string | undefined> {
    return this.live(key);
  }

  replace(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    return this.locked(key, async () => {
      if ((await this.live(key)) !== expected) return false;
      await this.store.set(key, { value, expiresAt: this.now() + ttlMs }, ttlMs);
      return true;
    });
  }

  async release(key: string, expected: string): Promise<void> {
    await this.locked(key, async () => {
      if ((await this.live(key)) === expected) await this.store.delete(key);
    });
  }

  private async live(key: string): Promise<string | undefined> {
    const entry = (await this.store.get(key)) as { value: string; expiresAt: number } | undefined;
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  private locked<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.locks.set(key, tail);
    void tail.then(() => {
      if (this.locks.get(key) === tail) this.locks.delete(key);
    });
    return next;
  }
}

/** The commands of a node-redis client this backend uses. */
interface RedisCommands {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, options: { condition: 'NX'; expiration: { type: 'PX'; value: number } }): Promise<string | null>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** Runs one use of Redis (through the connection's timeout and circuit breaker). */
type RedisRun = <T>(command: (client: RedisCommands) => Promise<T>) => Promise<T>;

// Compare-and-set / compare-and-delete: only the claim's owner may complete or free it.
const REPLACE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * A backend on Redis, atomic across instances: claims are `SET NX PX`, completions compare-and-set
 * scripts. Every command runs through `run` (the connection's timeout and circuit breaker).
 */
export class RedisIdempotencyBackend implements IdempotencyBackend {
  constructor(
    private readonly run: RedisRun,
    private readonly prefix: (key: string) => string,
  ) {}

  async claim(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.run((client) =>
      client.set(this.prefix(key), value, { condition: 'NX', expiration: { type: 'PX', value: Math.ceil(ttlMs) } }),
    );
    return result === 'OK';
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.run((client) => client.get(this.prefix(key)))) ?? undefined;
  }

  async replace(key: string, expected: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.run((client) =>
      client.eval(REPLACE_IF, { keys: [this.prefix(key)], arguments: [expected, value, String(Math.ceil(ttlMs))] }),
    );
    return Number(result) === 1;
  }

  async release(key: string, expected: string): Promise<void> {
    await this.run((client) => client.eval(DELETE_IF, { keys: [this.prefix(key)], arguments: [expected] }));
  }
}

/**
 * The idempotency store over a keyv store made by `createKeyvStore`: shared and atomic across
 * instances on Redis (through the adapter's own client), per process in memory.
 */
export function createIdempotencyStore(store: Keyv, options: IdempotencyOptions = {}): IdempotencyStore {
  const redis = redisAdapterOf(store);
  const connection = redisConnectionOf(store);
  const backend =
    redis && connection
      ? new RedisIdempotencyBackend(
          (command) => connection.run((client: RedisClient) => command(client as unknown as RedisCommands)),
          (key) => redis.createKeyPrefix(key, redis.namespace),
        )
      : new KeyvIdempotencyBackend(store, options.now);
  return new IdempotencyStore(backend, options);
}
