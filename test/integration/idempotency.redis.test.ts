import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { createKeyvStore, redisAdapterOf } from '../../src/cache/keyv-store';
import { ExpiringCache } from '../../src/auth/token-cache';
import { IDEMPOTENCY_TTL_MS, IdempotencyStore, createIdempotencyStore } from '../../src/idempotency';
import { inputHash } from '../../kernel/input-hash';
import { ErsError } from '../../datasources/ers/errors';

import { describeWithRedis, REDIS_URL, reachable } from '../helpers/redis';

const ALICE = 'user:555010000002|REFERRING_CLINICIAN@A12345';

describeWithRedis(
  `idempotency and identity caches shared through Redis (${reachable ? REDIS_URL : `SKIPPED: no Redis at ${REDIS_URL}`})`,
  () => {
    // A namespace of this run only, so runs (and parallel CI jobs) never see each other's keys.
    const namespace = `test-${randomUUID()}`;
    const stores: Keyv[] = [];
    /** Two server instances: each with its own Redis connection and its own in-process state. */
    let one: IdempotencyStore;
    let two: IdempotencyStore;

    const store = (name: string) => {
      const keyv = createKeyvStore(`${namespace}:${name}`, { redisUrl: REDIS_URL });
      stores.push(keyv);
      return keyv;
    };

    beforeAll(() => {
      one = createIdempotencyStore(store('idempotency'), { pollIntervalMs: 5 });
      two = createIdempotencyStore(store('idempotency'), { pollIntervalMs: 5 });
    });

    afterAll(async () => {
      const client = await redisAdapterOf(stores[0])!.getClient();
      const keys = await client.keys(`ers-graph:${namespace}:*`);
      if (keys.length > 0) await client.del(keys);
      await Promise.all(stores.map((keyv) => keyv.disconnect()));
    });

    it('runs concurrent calls with one key on two instances exactly once, and gives every caller the result', async () => {
      let calls = 0;
      const operation = async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { url: 'Binary/19eb7224-dff3-4730-a5cb-67eac811f1a5', call: calls };
      };
      const key = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? one : two).run(key, ALICE, inputHash({ a: 1 }), operation)),
      );
      expect(calls).toBe(1);
      expect(results).toEqual(Array.from({ length: 10 }, () => ({ url: 'Binary/19eb7224-dff3-4730-a5cb-67eac811f1a5', call: 1 })));
    });

    it('replays a result stored by one instance on the other', async () => {
      const key = randomUUID();
      await one.run(key, ALICE, inputHash({ a: 1 }), async () => ({ ubrn: '000000070000' }));
      const operation = jest.fn(async () => ({ ubrn: 'should not run' }));
      await expect(two.run(key, ALICE, inputHash({ a: 1 }), operation)).resolves.toEqual({ ubrn: '000000070000' });
      expect(operation).not.toHaveBeenCalled();
    });

    it('answers an exact replay on the other instance from the response the first stored, for the same caller only', async () => {
      const key = randomUUID();
      const response = { data: { bookAppointment: { referral: { ubrn: '000050000001', version: '4' } } } };
      await one.rememberResponse(ALICE, key, 'request-hash', response);
      expect(await two.recallResponse(ALICE, key, 'request-hash')).toEqual(response);
      expect(await two.recallResponse(ALICE, key, 'another-request')).toBeUndefined();
      expect(await two.recallResponse('user:555010000009|REFERRING_CLINICIAN@A12345', key, 'request-hash')).toBeUndefined();
      // The first response stored stays.
      await two.rememberResponse(ALICE, key, 'request-hash', { data: { other: true } });
      expect(await one.recallResponse(ALICE, key, 'request-hash')).toEqual(response);
    });

    it('refuses the key with another input on the other instance', async () => {
      const key = randomUUID();
      await one.run(key, ALICE, inputHash({ a: 1 }), async () => 'first');
      await expect(two.run(key, ALICE, inputHash({ a: 2 }), async () => 'second')).rejects.toMatchObject({
        message: 'Idempotency-Key reused with a different input',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('keeps callers apart across instances', async () => {
      const key = randomUUID();
      await one.run(key, ALICE, 'h', async () => 'alice');
      await expect(two.run(key, 'user:555010000003|REFERRING_CLINICIAN@A12345', 'h', async () => 'bob')).resolves.toBe('bob');
    });

    it('replays a definitive e-RS refusal on the other instance; frees the key after a transient failure', async () => {
      const refused = randomUUID();
      const refusal = new ErsError('UNPROCESSABLE', { endpoint: 'A012', httpStatus: 422, ersCode: 'INVALID_VALUE' });
      await expect(one.run(refused, ALICE, 'h', async () => Promise.reject(refusal))).rejects.toBe(refusal);
      await expect(two.run(refused, ALICE, 'h', async () => 'ran again')).rejects.toMatchObject({
        code: 'UNPROCESSABLE',
        ersCode: 'INVALID_VALUE',
        httpStatus: 422,
      });

      const transient = randomUUID();
      await expect(
        one.run(transient, ALICE, 'h', async () =>
          Promise.reject(new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A012', httpStatus: 503 })),
        ),
      ).rejects.toBeInstanceOf(ErsError);
      await expect(two.run(transient, ALICE, 'h', async () => 'ran again')).resolves.toBe('ran again');
    });

    it('stores results under a hashed key that expires after 24 hours', async () => {
      const key = `readable-key-${randomUUID()}`;
      await one.run(key, ALICE, 'h', async () => ({ ok: true }));
      const client = await redisAdapterOf(stores[0])!.getClient();
      const keys = await client.keys(`ers-graph:${namespace}:idempotency::*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const stored of keys) {
        expect(stored).not.toContain('readable-key');
        expect(stored).not.toContain('555010000002');
      }
      const ttls = await Promise.all(keys.map((stored) => client.pTTL(stored)));
      for (const ttl of ttls) {
        expect(ttl).toBeGreaterThan(IDEMPOTENCY_TTL_MS - 60_000);
        expect(ttl).toBeLessThanOrEqual(IDEMPOTENCY_TTL_MS);
      }
    });

    it('shares the identity cache: a token loaded on one instance is used by the other', async () => {
      const first = new ExpiringCache(store('identity'));
      const second = new ExpiringCache(store('identity'));
      const load = jest.fn(async () => ({ value: 'apim-access-token', expiresAt: Date.now() + 60_000 }));
      await expect(first.get('apim:user:abc', load)).resolves.toBe('apim-access-token');
      await expect(second.get('apim:user:abc', load)).resolves.toBe('apim-access-token');
      expect(load).toHaveBeenCalledTimes(1);
    });
  },
);
