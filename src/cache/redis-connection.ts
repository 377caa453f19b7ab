import { createClient } from '@keyv/redis';
import { CircuitBreaker } from './circuit-breaker';

/** The node-redis client of a connection. */
export type RedisClient = ReturnType<typeof createClient>;

export interface RedisConnectionOptions {
  /** REDIS_URL. */
  url: string;
  /** Longest one Redis use may take (REDIS_TIMEOUT_MS); Redis answers in well under a millisecond on a working network. */
  timeoutMs?: number;
  /** Consecutive failures that open the circuit (REDIS_BREAKER_THRESHOLD). */
  failureThreshold?: number;
  /** Time between probes while the circuit is open (REDIS_BREAKER_COOLDOWN_MS). */
  cooldownMs?: number;
  /** Redis went away (with the last failure) or came back: logged once per change, not per call. */
  onStateChange?: (available: boolean, cause?: unknown) => void;
}

/**
 * The deployment's Redis: one node-redis client shared by every store (identity, idempotency,
 * reference data, the rate limit), behind one circuit breaker. Every use goes through `run`, which
 * is bounded by a short timeout and fails at once while the circuit is open; the client
 * reconnects by itself in the background (no offline queue: a command sent while it is away fails
 * at once instead of waiting), and a probe closes the circuit when Redis answers again.
 */
export class RedisConnection {
  readonly client: RedisClient;
  readonly breaker: CircuitBreaker;
  private connecting: Promise<unknown> | undefined;

  constructor(options: RedisConnectionOptions) {
    const timeoutMs = options.timeoutMs ?? 500;
    this.client = createClient({
      url: options.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: Math.max(1000, timeoutMs),
        // Retried for as long as the process runs, at most a second apart: Redis coming back is noticed by itself.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 1000),
      },
    });
    // Each failed reconnection emits an error; the breaker reports the outage once instead.
    this.client.on('error', () => undefined);
    this.breaker = new CircuitBreaker({
      timeoutMs,
      failureThreshold: options.failureThreshold ?? 3,
      cooldownMs: options.cooldownMs ?? 5000,
      probe: async () => (await this.connected()).ping(),
      onStateChange: (open, cause) => options.onStateChange?.(!open, cause),
    });
  }

  /** Runs one use of Redis (one or a few commands) within the timeout and through the breaker. */
  run<T>(command: (client: RedisClient) => Promise<T>): Promise<T> {
    return this.breaker.run(async () => command(await this.connected()));
  }

  /** Whether Redis answers a PING now (through the breaker: false at once while it is open). */
  async ping(): Promise<boolean> {
    try {
      await this.run((client) => client.ping());
      return true;
    } catch {
      return false;
    }
  }

  /** Closes the connection without waiting for commands Redis never answered. */
  async close(): Promise<void> {
    this.breaker.dispose();
    if (this.client.isOpen) this.client.destroy();
  }

  /** The client, connected on first use; later outages are the client's own reconnection. */
  private async connected(): Promise<RedisClient> {
    if (!this.client.isOpen) {
      this.connecting ??= this.client.connect().finally(() => (this.connecting = undefined));
    }
    if (this.connecting) await this.connecting;
    return this.client;
  }
}
