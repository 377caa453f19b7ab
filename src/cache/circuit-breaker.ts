/**
 * A shared part (the deployment's Redis) that did not answer: it timed out, failed, or its
 * circuit is open. Callers degrade (memory, a local limit) or refuse (keyed mutations).
 */
export class StoreUnavailableError extends Error {
  constructor(
    /** When to try again: the time left before the next probe, at least 1 s. */
    readonly retryAfterSeconds: number,
    readonly reason: 'OPEN' | 'TIMEOUT' | 'ERROR',
    options?: { cause?: unknown },
  ) {
    super(`Shared store unavailable (${reason.toLowerCase()})`, options);
    this.name = 'StoreUnavailableError';
  }
}

export interface CircuitBreakerOptions {
  /** Longest one use may take before it counts as a failure. */
  timeoutMs: number;
  /** Consecutive failures or timeouts that open the circuit. */
  failureThreshold: number;
  /** While open, how long between probes. */
  cooldownMs: number;
  /** A cheap check of the part (e.g. Redis PING): its success closes the circuit. */
  probe: () => Promise<unknown>;
  /** The circuit opened (with the last failure) or closed again: for logs and metrics. */
  onStateChange?: (open: boolean, cause?: unknown) => void;
}

/**
 * Timeouts and a circuit breaker for one shared part: every use is bounded by `timeoutMs`; after
 * `failureThreshold` consecutive failures the circuit opens and every use fails at once, with no
 * network wait. While open, a probe runs every `cooldownMs` by itself (no request pays for it, and
 * none is needed): the first that succeeds closes the circuit. Hand-written rather than opossum:
 * this is the whole of it, counted in consecutive failures, with a probe that is not a caller's call.
 */
export class CircuitBreaker {
  private failures = 0;
  private open = false;
  private nextProbeAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: CircuitBreakerOptions) {}

  /** Whether uses fail at once now. */
  get isOpen(): boolean {
    return this.open;
  }

  /** Runs `operation` within the timeout; throws StoreUnavailableError when open, on a timeout or on any failure. */
  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.open) throw new StoreUnavailableError(this.retryAfterSeconds(), 'OPEN');
    try {
      const value = await withTimeout(operation(), this.options.timeoutMs);
      this.failures = 0;
      return value;
    } catch (cause) {
      const reason = cause instanceof StoreUnavailableError ? cause.reason : 'ERROR';
      if (++this.failures >= this.options.failureThreshold) this.trip(cause);
      throw new StoreUnavailableError(this.retryAfterSeconds(), reason, { cause });
    }
  }

  /** Seconds a caller should wait before trying again. */
  retryAfterSeconds(): number {
    const left = this.open ? this.nextProbeAt - Date.now() : this.options.cooldownMs;
    return Math.max(1, Math.ceil(left / 1000));
  }

  /** Stops probing (server shutdown). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  private trip(cause: unknown): void {
    if (this.open) return;
    this.open = true;
    this.options.onStateChange?.(true, cause);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.disposed) return;
    this.nextProbeAt = Date.now() + this.options.cooldownMs;
    this.timer = setTimeout(() => void this.probe(), this.options.cooldownMs);
    // A probe never keeps the process alive on its own.
    this.timer.unref();
  }

  private async probe(): Promise<void> {
    try {
      await withTimeout(this.options.probe(), this.options.timeoutMs);
    } catch {
      this.scheduleProbe();
      return;
    }
    if (this.disposed) return;
    this.open = false;
    this.failures = 0;
    this.options.onStateChange?.(false);
  }
}

/** `promise`, or a TIMEOUT StoreUnavailableError after `ms`; a late rejection is dropped, not unhandled. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(1, 'TIMEOUT')), ms);
  });
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
