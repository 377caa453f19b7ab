import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { createKeyvStore, redisAdapterOf } from '../../src/cache/keyv-store';
import { createRateLimiter, type RateLimiter } from '../../datasources/ers/rate-limiter';
import { describeWithRedis, REDIS_URL, reachable } from '../helpers/redis';

describeWithRedis(`the e-RS rate limit shared through Redis (${reachable ? REDIS_URL : `SKIPPED: no Redis at ${REDIS_URL}`})`, () => {
  // A namespace of this run only, so runs never share a budget.
  const namespace = `test-${randomUUID()}`;
  const stores: Keyv[] = [];
  let now = 5_000_000;
  const waits: Array<[string, number]> = [];

  /** One instance's limiter: its own Redis connection, the shared clock, waits recorded not slept. */
  function instance(name: string): RateLimiter {
    const keyv = createKeyvStore(`${namespace}:rate`, { redisUrl: REDIS_URL });
    stores.push(keyv);
    const redis = redisAdapterOf(keyv)!;
    return createRateLimiter(
      {
        ersBaseUrl: 'https://int.api.service.nhs.uk/referrals/FHIR',
        perSecond: 10,
        burst: 1,
        maxWaitMs: 250,
        now: () => now,
        sleep: async (ms) => {
          waits.push([name, ms]);
        },
      },
      { client: () => redis.getClient(), key: (key) => redis.createKeyPrefix(key, redis.namespace) },
    )!;
  }

  afterAll(async () => {
    const client = await redisAdapterOf(stores[0])!.getClient();
    const keys = await client.keys(`ers-graph:${namespace}:*`);
    if (keys.length > 0) await client.del(keys);
    await Promise.all(stores.map((keyv) => keyv.disconnect()));
  });

  it('spaces the calls of two instances as one budget, and refuses past the wait limit on either', async () => {
    const one = instance('one');
    const two = instance('two');
    await one.acquire('A005');
    await two.acquire('A005');
    await one.acquire('A029');
    // The first call waited for nothing; then 100 ms, 200 ms: one interval per call whichever instance made it.
    expect(waits).toEqual([
      ['two', 100],
      ['one', 200],
    ]);
    // A fourth would wait 300 ms, past the 250 ms limit: refused, and nothing reserved for it.
    await expect(two.acquire('A008')).rejects.toMatchObject({ code: 'RATE_LIMITED', transport: 'LOCAL_RATE_LIMIT', endpoint: 'A008' });
    now += 100;
    await one.acquire('A008');
    expect(waits[waits.length - 1]).toEqual(['one', 200]);
  });
});
