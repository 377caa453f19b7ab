import { CircuitBreaker, StoreUnavailableError } from '../../src/cache/circuit-breaker';

/** Waits until `condition` holds (generous bound: these are "eventually", not timing, assertions). */
async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('CircuitBreaker', () => {
  let up: boolean;
  let probes: number;
  let changes: boolean[];
  let breaker: CircuitBreaker;
  const failing = () => Promise.reject(new Error('ECONNREFUSED'));

  beforeEach(() => {
    up = false;
    probes = 0;
    changes = [];
    breaker = new CircuitBreaker({
      timeoutMs: 200,
      failureThreshold: 3,
      cooldownMs: 20,
      probe: async () => {
        probes++;
        if (!up) throw new Error('still down');
      },
      onStateChange: (open) => changes.push(open),
    });
  });
  afterEach(() => breaker.dispose());

  it('opens after the threshold of consecutive failures, and then fails at once without running the operation', async () => {
    for (let i = 0; i < 2; i++)
      await expect(breaker.run(failing)).rejects.toMatchObject({ name: 'StoreUnavailableError', reason: 'ERROR' });
    expect(breaker.isOpen).toBe(false);
    await expect(breaker.run(failing)).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(breaker.isOpen).toBe(true);
    expect(changes).toEqual([true]);

    const operation = jest.fn(async () => 'value');
    await expect(breaker.run(operation)).rejects.toMatchObject({ reason: 'OPEN', retryAfterSeconds: 1 });
    expect(operation).not.toHaveBeenCalled();
  });

  it('counts consecutive failures only: a success in between starts the count again', async () => {
    await expect(breaker.run(failing)).rejects.toThrow();
    await expect(breaker.run(failing)).rejects.toThrow();
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    await expect(breaker.run(failing)).rejects.toThrow();
    await expect(breaker.run(failing)).rejects.toThrow();
    expect(breaker.isOpen).toBe(false);
  });

  it('counts an operation that outlasts the timeout as a failure (TIMEOUT), without waiting for it', async () => {
    const never = () => new Promise<never>(() => undefined);
    const started = Date.now();
    for (let i = 0; i < 3; i++) await expect(breaker.run(never)).rejects.toMatchObject({ reason: 'TIMEOUT' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(breaker.isOpen).toBe(true);
  });

  it('keeps probing by itself while open, and closes on the first probe that succeeds', async () => {
    for (let i = 0; i < 3; i++) await expect(breaker.run(failing)).rejects.toThrow();
    await until(() => probes >= 2);
    expect(breaker.isOpen).toBe(true);

    up = true;
    await until(() => !breaker.isOpen);
    expect(changes).toEqual([true, false]);
    await expect(breaker.run(async () => 'back')).resolves.toBe('back');
  });

  it('stops probing once disposed', async () => {
    for (let i = 0; i < 3; i++) await expect(breaker.run(failing)).rejects.toThrow();
    breaker.dispose();
    const seen = probes;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(probes).toBe(seen);
  });
});
