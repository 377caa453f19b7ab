import Keyv from 'keyv';
import type { ErsClient } from '../../datasources/ers/client';
import { createLoaders } from '../../datasources/loaders';
import { createSharedReads } from '../../datasources/shared-reads';
import { ErsError } from '../../datasources/ers/errors';

/** A fake e-RS that answers A035 from a directory and records each call's ids (DataLoader's batches). */
function directory(known: (id: string) => boolean, fail?: (ids: string[]) => boolean) {
  const calls: string[][] = [];
  const ers = {
    baseUrl: 'http://ers.invalid/FHIR',
    read: async (endpoint: string, path: string, params: { _id: string }) => {
      expect([endpoint, path]).toEqual(['A035', '/R4/HealthcareService']);
      const ids = params._id.split(',');
      calls.push(ids);
      if (fail?.(ids)) throw new ErsError('UPSTREAM_UNAVAILABLE', { endpoint: 'A035', httpStatus: 503 });
      // e-RS lists what it found in its own order: reversed here, so key order is the loader's work.
      const entry = ids
        .filter(known)
        .reverse()
        .map((id) => ({
          resource: { resourceType: 'HealthcareService', id, meta: { versionId: '2' }, name: `Service ${id}`, location: [] },
        }));
      return { status: 200, body: { resourceType: 'Bundle', type: 'searchset', total: entry.length, entry } };
    },
  } as unknown as ErsClient;
  return { ers, calls };
}

const ids = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));

describe('the healthcare service loader (A035)', () => {
  it('sends one call per 20 distinct ids and answers in key order', async () => {
    const { ers, calls } = directory(() => true);
    const { healthcareService } = createLoaders(ers);
    const keys = [...ids(45), '3', '44'];
    const services = await healthcareService.loadMany(keys);
    expect(calls.map((c) => c.length)).toEqual([20, 20, 5]);
    expect(new Set(calls.flat()).size).toBe(45);
    expect(services.map((s) => (s instanceof Error ? s : s.id))).toEqual(keys);
    expect(services[0]).toMatchObject({ id: '1', version: '2', name: 'Service 1' });
  });

  it('gives an Error for each id e-RS did not return, and only for those', async () => {
    const { ers } = directory((id) => id !== '2');
    const services = await createLoaders(ers).healthcareService.loadMany(['1', '2', '3']);
    expect(services[1]).toBeInstanceOf(ErsError);
    expect(services[1]).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A035' });
    expect(services.filter((s) => !(s instanceof Error)).map((s) => (s as { id: string }).id)).toEqual(['1', '3']);
  });

  it('fails every id of a failed call, and none of another call', async () => {
    const { ers, calls } = directory(
      () => true,
      (batch) => batch.includes('25'),
    );
    const services = await createLoaders(ers).healthcareService.loadMany(ids(30));
    expect(calls.map((c) => c.length)).toEqual([20, 10]);
    expect(services.slice(0, 20).every((s) => !(s instanceof Error))).toBe(true);
    expect(services.slice(20).every((s) => s instanceof ErsError && s.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
  });

  it('asks e-RS only for the services no request kept, then shares them with the next request of any caller', async () => {
    const { ers, calls } = directory(() => true);
    const reads = createSharedReads(new Keyv());
    const alice = createLoaders(ers, { reads, scope: async () => 'user:alice' });
    await alice.healthcareService.loadMany(['1', '2']);
    const bob = createLoaders(ers, { reads, scope: async () => 'user:bob' });
    const services = await bob.healthcareService.loadMany(['2', '3', '1']);
    expect(calls).toEqual([['1', '2'], ['3']]);
    expect(services.map((s) => (s as { id: string }).id)).toEqual(['2', '3', '1']);
  });
});
