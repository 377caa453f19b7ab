import { randomUUID } from 'node:crypto';
import type Keyv from 'keyv';
import { createKeyvStore, redisAdapterOf } from '../../src/cache/keyv-store';
import { createSharedReads } from '../../datasources/shared-reads';
import { createLoaders } from '../../datasources/loaders';
import type { ErsClient } from '../../datasources/ers/client';
import { describeWithRedis, REDIS_URL, reachable } from '../helpers/redis';

/** An e-RS that answers A035 for any id, recording each call's ids. */
function directory() {
  const calls: string[][] = [];
  const ers = {
    baseUrl: 'http://ers.invalid/FHIR',
    read: async (_endpoint: string, _path: string, params: { _id: string }) => {
      const ids = params._id.split(',');
      calls.push(ids);
      const entry = ids.map((id) => ({
        resource: { resourceType: 'HealthcareService', id, meta: { versionId: '1' }, name: `Service ${id}`, location: [] },
      }));
      return { status: 200, body: { resourceType: 'Bundle', type: 'searchset', total: entry.length, entry } };
    },
  } as unknown as ErsClient;
  return { ers, calls };
}

describeWithRedis(`healthcare services shared through Redis (${reachable ? REDIS_URL : `SKIPPED: no Redis at ${REDIS_URL}`})`, () => {
  // A namespace of this run only, so runs (and parallel CI jobs) never see each other's keys.
  const namespace = `test-${randomUUID()}`;
  const stores: Keyv[] = [];
  const store = () => {
    const keyv = createKeyvStore(`${namespace}:reference`, { redisUrl: REDIS_URL });
    stores.push(keyv);
    return keyv;
  };

  afterAll(async () => {
    const client = await redisAdapterOf(stores[0])!.getClient();
    const keys = await client.keys(`ers-graph:${namespace}:*`);
    if (keys.length > 0) await client.del(keys);
    await Promise.all(stores.map((keyv) => keyv.disconnect()));
  });

  it('reads a service on one instance for one user, and another instance serves it to another user with no e-RS call', async () => {
    const one = directory();
    const two = directory();
    const alice = createLoaders(one.ers, { reads: createSharedReads(store()), scope: async () => 'user:alice' });
    const bob = createLoaders(two.ers, { reads: createSharedReads(store()), scope: async () => 'user:bob' });

    const first = await alice.healthcareService.loadMany(['11', '12']);
    const second = await bob.healthcareService.loadMany(['12', '11']);
    expect(one.calls).toEqual([['11', '12']]);
    expect(two.calls).toEqual([]);
    expect(second).toEqual([first[1], first[0]]);
  });
});
