import Keyv from 'keyv';
import { GraphQLError } from 'graphql';
import { createKeyvStore } from '../../src/cache/keyv-store';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore, createIdempotencyStore, isDefinitiveErsError } from '../../src/idempotency';
import { ErsError } from '../../datasources/ers/errors';
import { canonicalJson, inputHash } from '../../kernel/input-hash';

const ALICE = 'user:555010000002|REFERRING_CLINICIAN@A12345';
const BOB = 'user:555010000003|REFERRING_CLINICIAN@A12345';

/** An operation that records its calls and answers what it is told. */
function recorder<T>(answer: () => Promise<T>) {
  const fn = jest.fn(answer);
  return fn;
}

const ers422 = () =>
  new ErsError('UNPROCESSABLE', {
    endpoint: 'A011',
    httpStatus: 422,
    ersCode: 'INVALID_VALUE',
    issueCode: 'value',
    diagnostics: 'NHS number 9999999999 not valid',
  });

describe('inputHash', () => {
  it('is the same whatever the key order, and differs for another value', () => {
    expect(inputHash({ ubrn: '000000070000', letter: { title: 'a', size: 1 } })).toBe(
      inputHash({ letter: { size: 1, title: 'a' }, ubrn: '000000070000' }),
    );
    expect(inputHash({ ubrn: '000000070000' })).not.toBe(inputHash({ ubrn: '000000070001' }));
  });

  it('drops undefined members and keeps array order', () => {
    expect(canonicalJson({ b: [2, 1], a: undefined, c: new Date('2025-01-02T03:04:05Z') })).toBe(
      '{"b":[2,1],"c":"2025-01-02T03:04:05.000Z"}',
    );
    expect(inputHash([1, 2])).not.toBe(inputHash([2, 1]));
  });
});

describe('isDefinitiveErsError', () => {
  it.each([
    [400, true],
    [403, true],
    [404, true],
    [409, true],
    [422, true],
    [401, false],
    [408, false],
    [429, false],
    [500, false],
    [503, false],
  ])('e-RS %i -> %s', (status, definitive) => {
    expect(isDefinitiveErsError(new ErsError('UPSTREAM_ERROR', { endpoint: 'A011', httpStatus: status }))).toBe(definitive);
  });

  it('is false for a timeout and for errors that are not from e-RS', () => {
    expect(isDefinitiveErsError(new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A011', transport: 'TIMEOUT' }))).toBe(false);
    expect(isDefinitiveErsError(new GraphQLError('no', { extensions: { code: 'BAD_USER_INPUT' } }))).toBe(false);
  });
});

describe('IdempotencyStore (in memory)', () => {
  let clock: number;
  let store: IdempotencyStore;
  beforeEach(() => {
    clock = Date.UTC(2025, 0, 1);
    store = createIdempotencyStore(createKeyvStore('idempotency'), { now: () => clock });
  });

  it('replays the stored result of a key with the same input, calling the operation once', async () => {
    const operation = recorder(async () => ({ ubrn: '000000070000', version: '1' }));
    const first = await store.run('key-1', ALICE, inputHash({ a: 1 }), operation);
    const second = await store.run('key-1', ALICE, inputHash({ a: 1 }), operation);
    expect(first).toEqual({ ubrn: '000000070000', version: '1' });
    expect(second).toEqual(first);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with another input as BAD_USER_INPUT, without calling the operation', async () => {
    await store.run('key-1', ALICE, inputHash({ a: 1 }), async () => 'first');
    const operation = recorder(async () => 'second');
    const error = await store.run('key-1', ALICE, inputHash({ a: 2 }), operation).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).toBe('Idempotency-Key reused with a different input');
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect(operation).not.toHaveBeenCalled();
  });

  it('refuses another input for a key that is still in flight', async () => {
    let finish: ((value: string) => void) | undefined;
    const first = store.run('key-1', ALICE, inputHash({ a: 1 }), () => new Promise<string>((resolve) => (finish = resolve)));
    await expect(store.run('key-1', ALICE, inputHash({ a: 2 }), async () => 'other')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    while (!finish) await new Promise((resolve) => setImmediate(resolve));
    finish('done');
    await expect(first).resolves.toBe('done');
  });

  it('runs 20 concurrent calls with one key once, and gives each the result', async () => {
    const operation = recorder(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { id: 'Binary/abc' };
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => store.run('key-1', ALICE, inputHash({ a: 1 }), operation)));
    expect(operation).toHaveBeenCalledTimes(1);
    expect(results).toEqual(Array.from({ length: 20 }, () => ({ id: 'Binary/abc' })));
  });

  it('keeps callers apart: the same key of another caller runs its own operation', async () => {
    await store.run('key-1', ALICE, inputHash({ a: 1 }), async () => 'alice');
    const forBob = recorder(async () => 'bob');
    await expect(store.run('key-1', BOB, inputHash({ a: 1 }), forBob)).resolves.toBe('bob');
    // Nor is another caller's input compared with Alice's.
    await expect(store.run('key-1', BOB, inputHash({ a: 1 }), forBob)).resolves.toBe('bob');
    expect(forBob).toHaveBeenCalledTimes(1);
    await expect(store.run('key-1', ALICE, inputHash({ a: 1 }), async () => 'again')).resolves.toBe('alice');
  });

  it('stores a definitive e-RS refusal: a retry gets the same error without calling e-RS again', async () => {
    const operation = recorder(async (): Promise<string> => {
      throw ers422();
    });
    const first = await store.run('key-1', ALICE, 'h', operation).catch((e: unknown) => e);
    const second = await store.run('key-1', ALICE, 'h', operation).catch((e: unknown) => e);
    expect(operation).toHaveBeenCalledTimes(1);
    expect(second).toBeInstanceOf(ErsError);
    expect(second).toMatchObject({
      code: 'UNPROCESSABLE',
      endpoint: 'A011',
      httpStatus: 422,
      ersCode: 'INVALID_VALUE',
      issueCode: 'value',
    });
    expect((second as Error).message).toBe((first as Error).message);
    // Free text from e-RS may echo patient data: it is not stored.
    expect((second as ErsError).diagnostics).toBeUndefined();
  });

  it.each([
    ['e-RS unavailable (503)', () => new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A011', httpStatus: 503 })],
    ['a timeout', () => new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A011', transport: 'TIMEOUT' })],
    ['rate limiting (429)', () => new ErsError('RATE_LIMITED', { endpoint: 'A011', httpStatus: 429 })],
    ['a rejected token (401)', () => new ErsError('UNAUTHENTICATED', { endpoint: 'A011', httpStatus: 401 })],
    ['an error of ours', () => new Error('boom')],
  ])('does not store a transient failure (%s): a retry runs again', async (_name, failure) => {
    let calls = 0;
    const operation = async () => {
      calls++;
      if (calls === 1) throw failure();
      return 'second time lucky';
    };
    await expect(store.run('key-1', ALICE, 'h', operation)).rejects.toBeDefined();
    await expect(store.run('key-1', ALICE, 'h', operation)).resolves.toBe('second time lucky');
    expect(calls).toBe(2);
  });

  it('gives concurrent duplicates the transient failure of the call they joined', async () => {
    const operation = recorder(async (): Promise<string> => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      throw new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A011', httpStatus: 503 });
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => store.run('key-1', ALICE, 'h', operation)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(operation).toHaveBeenCalledTimes(1);
  });

  it('forgets a result after 24 hours', async () => {
    const operation = recorder(async () => `call at ${clock}`);
    const first = await store.run('key-1', ALICE, 'h', operation);
    clock += IDEMPOTENCY_TTL_MS - 1;
    await expect(store.run('key-1', ALICE, 'h', operation)).resolves.toBe(first);
    // A day on, the key is free again, even for another input.
    clock += 1;
    await expect(store.run('key-1', ALICE, 'other', operation)).resolves.toBe(`call at ${clock}`);
    expect(operation).toHaveBeenCalledTimes(2);
  });

  it.each(['', ' spaces ', 'x'.repeat(256), 'naïve'])('refuses the malformed key %j', async (key) => {
    await expect(store.run(key, ALICE, 'h', async () => 1)).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_INVALID' },
    });
  });

  it('keeps neither the key nor the caller readable in the store', async () => {
    const keyv = new Keyv();
    const keys: string[] = [];
    const set = keyv.set.bind(keyv);
    keyv.set = ((key: string, value: unknown, ttl?: number) => {
      keys.push(key);
      return set(key, value, ttl);
    }) as typeof keyv.set;
    await createIdempotencyStore(keyv).run('my-secret-key', ALICE, 'h', async () => 1);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      expect(key).not.toContain('my-secret-key');
      expect(key).not.toContain('555010000002');
    }
  });

  it('answers CONFLICT when another holder of the key does not finish within the wait', async () => {
    // Two stores over one keyv stand for two instances; the first never finishes.
    const keyv = createKeyvStore('idempotency');
    const one = createIdempotencyStore(keyv);
    const two = createIdempotencyStore(keyv, { waitTimeoutMs: 100, pollIntervalMs: 10 });
    void one.run('key-1', ALICE, 'h', () => new Promise(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const operation = recorder(async () => 'second');
    await expect(two.run('key-1', ALICE, 'h', operation)).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', reason: 'IDEMPOTENCY_KEY_IN_PROGRESS' },
    });
    expect(operation).not.toHaveBeenCalled();
  });
});
