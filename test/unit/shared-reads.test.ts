import Keyv from 'keyv';
import { createSharedReads } from '../../datasources/shared-reads';
import type { ErsResponse } from '../../datasources/ers/client';

const ALICE = 'user:555010000002|REFERRING_CLINICIAN|A99001|';
const BOB = 'user:555020000002|SERVICE_PROVIDER_CLINICIAN|RZZ|';
const response = (version: string): ErsResponse => ({
  status: 200,
  body: { resourceType: 'ReferralRequest', meta: { versionId: version } },
  etag: `W/"${version}"`,
});

function setup(options: { maxVersions?: number } = {}) {
  let now = 1_000_000;
  const reference = new Keyv();
  const reads = createSharedReads(reference, { ...options, versionTtlMs: 60_000, referenceTtlMs: 3_600_000, now: () => now });
  const loads: string[] = [];
  const loader =
    (key: string, version = '3') =>
    async () => {
      loads.push(key);
      return response(version);
    };
  return { reads, reference, loads, loader, advance: (ms: number) => (now += ms) };
}

describe('reads shared across requests', () => {
  it('reads a version once per caller, and again for another caller', async () => {
    const { reads, loads, loader } = setup();
    await reads.version(ALICE, 'A005/000050000001/3', loader('alice'));
    const again = await reads.version(ALICE, 'A005/000050000001/3', loader('alice again'));
    await reads.version(BOB, 'A005/000050000001/3', loader('bob'));
    expect(loads).toEqual(['alice', 'bob']);
    expect(again).toEqual(response('3'));
  });

  it('hands out copies: a caller changing its answer cannot change the next one', async () => {
    const { reads, loader } = setup();
    const first = await reads.version(ALICE, 'A005/x/3', loader('a'));
    (first.body as { meta: { versionId: string } }).meta.versionId = 'tampered';
    const second = await reads.version(ALICE, 'A005/x/3', loader('b'));
    (second.body as { meta: { versionId: string } }).meta.versionId = 'tampered again';
    expect(await reads.version(ALICE, 'A005/x/3', loader('c'))).toEqual(response('3'));
  });

  it('keeps a version mapped: mapped once per caller, frozen so no request can change what the next one gets', async () => {
    const { reads, loads, loader } = setup();
    let maps = 0;
    const map = (read: ErsResponse) => ({
      maps: ++maps,
      version: (read.body as { meta: { versionId: string } }).meta.versionId,
      tags: ['a'],
    });
    // The first read is mapped for its request and kept as text; its first reuse maps it and keeps that.
    expect(await reads.mappedVersion(ALICE, 'A005/x/3', loader('alice'), map)).toEqual({ maps: 1, version: '3', tags: ['a'] });
    const first = await reads.mappedVersion(ALICE, 'A005/x/3', loader('alice again'), map);
    const again = await reads.mappedVersion(ALICE, 'A005/x/3', loader('alice again'), map);
    expect(again).toBe(first);
    expect(first).toEqual({ maps: 2, version: '3', tags: ['a'] });
    expect(() => {
      (first as { version: string }).version = 'tampered';
    }).toThrow(TypeError);
    expect(() => first.tags.push('b')).toThrow(TypeError);
    // Another caller reads and maps its own copy.
    expect(await reads.mappedVersion(BOB, 'A005/x/3', loader('bob'), map)).toEqual({ maps: 3, version: '3', tags: ['a'] });
    expect(loads).toEqual(['alice', 'bob']);
  });

  it('maps a version kept from a current read on its first reuse, and keeps no mapping that failed', async () => {
    const { reads, loads, loader } = setup();
    reads.rememberVersion(ALICE, 'A005/x/3', response('3'));
    const failing = () => {
      throw new Error('invalid answer');
    };
    await expect(reads.mappedVersion(ALICE, 'A005/x/3', loader('unused'), failing)).rejects.toThrow('invalid answer');
    const mapped = await reads.mappedVersion(ALICE, 'A005/x/3', loader('unused'), (read) => read.etag);
    expect(mapped).toBe('W/"3"');
    expect(loads).toEqual([]);
  });

  it('forgets a version after its TTL, and the least recently used one beyond its size', async () => {
    const { reads, loads, loader, advance } = setup({ maxVersions: 2 });
    await reads.version(ALICE, 'one', loader('one'));
    await reads.version(ALICE, 'two', loader('two'));
    await reads.version(ALICE, 'one', loader('one again')); // a hit: "one" is now the most recent
    await reads.version(ALICE, 'three', loader('three')); // evicts "two"
    await reads.version(ALICE, 'one', loader('one, third time'));
    await reads.version(ALICE, 'two', loader('two again'));
    expect(loads).toEqual(['one', 'two', 'three', 'two again']);
    advance(60_001);
    await reads.version(ALICE, 'two', loader('two expired'));
    expect(loads[loads.length - 1]).toBe('two expired');
  });

  it('sweeps out versions past their TTL as it keeps new ones, so the map does not fill with versions nobody may read', async () => {
    const { reads, loader, advance } = setup({ maxVersions: 2000 });
    for (let i = 0; i < 400; i++) await reads.version(ALICE, `old-${i}`, loader(`old-${i}`));
    expect(reads.keptVersions).toBe(400);
    advance(60_001);
    // One sweep per 500 versions kept: the 500th drops the 400 expired.
    for (let i = 0; i < 150; i++) await reads.version(BOB, `new-${i}`, loader(`new-${i}`));
    expect(reads.keptVersions).toBe(150);
  });

  it('answers a current read that is the kept version byte for byte from its kept mapping, and nothing else', async () => {
    const { reads, advance } = setup();
    const text = (version: string, note = '') => JSON.stringify({ resourceType: 'ReferralRequest', meta: { versionId: version }, note });
    const read = (version: string, body = text(version), status = 200, etag = `W/"${version}"`): ErsResponse => ({
      status,
      etag,
      text: body,
      get body() {
        return JSON.parse(body);
      },
    });
    let maps = 0;
    const map = (response: ErsResponse) => ({ maps: ++maps, body: response.body as { note: string } });
    // Nothing kept yet: not the same answer.
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3'), map)).toBeUndefined();
    reads.rememberVersion(ALICE, 'A005/x/3', read('3'));
    // The same bytes: mapped once, then the same frozen object.
    const first = reads.sameAnswer(ALICE, 'A005/x/3', read('3'), map);
    expect(first).toEqual({ maps: 1, body: JSON.parse(text('3')) });
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3'), map)).toBe(first);
    expect(Object.isFrozen(first!.body)).toBe(true);
    // Any difference is a different answer: the text, the ETag, the status; another caller; no text.
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3', text('3', 'changed within the version')), map)).toBeUndefined();
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3', text('3'), 200, 'W/"3b"'), map)).toBeUndefined();
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3', text('3'), 203), map)).toBeUndefined();
    expect(reads.sameAnswer(BOB, 'A005/x/3', read('3'), map)).toBeUndefined();
    expect(reads.sameAnswer(ALICE, 'A005/x/3', { status: 200, etag: 'W/"3"', body: JSON.parse(text('3')) }, map)).toBeUndefined();
    expect(maps).toBe(1);
    // Not past the version's TTL, which a same answer does not renew.
    advance(60_001);
    expect(reads.sameAnswer(ALICE, 'A005/x/3', read('3'), map)).toBeUndefined();
  });

  it('keeps a current read as its version, and never keeps a failed read', async () => {
    const { reads, loads, loader } = setup();
    reads.rememberVersion(ALICE, 'A005/x/4', response('4'));
    expect(await reads.version(ALICE, 'A005/x/4', loader('a', '4'))).toEqual(response('4'));
    await expect(reads.version(ALICE, 'A005/y/1', async () => Promise.reject(new Error('e-RS down')))).rejects.toThrow('e-RS down');
    await reads.version(ALICE, 'A005/y/1', loader('y'));
    expect(loads).toEqual(['y']);
  });

  it('keeps reference data in the shared store for its TTL, under hashed keys, and answers when the store fails', async () => {
    const { reads, reference, loads, loader, advance } = setup();
    await reads.reference(ALICE, 'A004/PRIORITY', loader('priority'));
    await reads.reference(ALICE, 'A004/PRIORITY', loader('priority again'));
    expect(loads).toEqual(['priority']);
    const keys: string[] = [];
    for await (const [key] of reference.iterator!(undefined)) keys.push(String(key));
    expect(keys.join()).not.toMatch(/555010000002|PRIORITY/);
    advance(3_600_001);
    await reads.reference(ALICE, 'A004/PRIORITY', loader('priority expired'));
    expect(loads).toEqual(['priority', 'priority expired']);

    reference.get = async () => Promise.reject(new Error('store down'));
    reference.set = async () => Promise.reject(new Error('store down'));
    expect(await reads.reference(ALICE, 'A004/SPECIALTY', loader('specialty'))).toEqual(response('3'));
  });
});

describe('healthcare services shared across requests and users', () => {
  const service = (id: string) => ({ resourceType: 'HealthcareService', id, meta: { versionId: '1' }, name: `Service ${id}` });
  /** What the loader's mapper would make of a resource; counts its calls. */
  const mapper = () => {
    const mapped: string[] = [];
    const map = (resource: unknown) => {
      const { id, name } = resource as { id: string; name: string };
      if (name === 'unmappable') throw new Error('no longer maps');
      mapped.push(id);
      return { id, name, nested: { names: [name] } };
    };
    return { map, mapped };
  };
  const asMapped = (id: string) => ({ id, name: `Service ${id}`, nested: { names: [`Service ${id}`] } });

  function services(serviceTtlMs?: number) {
    let now = 1_000_000;
    const store = new Keyv();
    const seen: Array<[string, boolean]> = [];
    const reads = createSharedReads(store, { serviceTtlMs, now: () => now, onRead: (kind, hit) => seen.push([kind, hit]) });
    return { reads, store, seen, advance: (ms: number) => (now += ms) };
  }

  it('gives back what any caller kept, by id in the order asked, until the TTL (5 minutes by default)', async () => {
    const { reads, seen, advance } = services();
    const { map } = mapper();
    await reads.keepServices([
      { id: '11', resource: service('11') },
      { id: '12', resource: service('12') },
    ]);
    expect(await reads.services(['12', '13', '11'], map)).toEqual([asMapped('12'), undefined, asMapped('11')]);
    expect(seen).toEqual([
      ['service', true],
      ['service', false],
      ['service', true],
    ]);
    advance(5 * 60_000 - 1);
    expect(await reads.services(['11'], map)).toEqual([asMapped('11')]);
    advance(1);
    expect(await reads.services(['11'], map)).toEqual([undefined]);
  });

  it('maps a kept service once: later requests get the same frozen copy, which no request can change', async () => {
    const { reads, store } = services();
    const { map, mapped } = mapper();
    await reads.keepServices([{ id: '11', resource: service('11') }]);
    const [first] = (await reads.services(['11'], map)) as Array<{ name: string; nested: { names: string[] } }>;
    const get = jest.spyOn(store, 'get');
    const [second] = await reads.services(['11'], map);
    expect(second).toBe(first);
    expect(mapped).toEqual(['11']);
    // Served from this process's copy: the store is not asked again.
    expect(get).not.toHaveBeenCalled();
    expect(() => {
      first.name = 'tampered';
    }).toThrow(TypeError);
    expect(() => first.nested.names.push('tampered')).toThrow(TypeError);
    expect(await reads.services(['11'], map)).toEqual([asMapped('11')]);
  });

  it('keeps the mapped copy no longer than the entry it was made from', async () => {
    const { reads, advance } = services();
    const { map, mapped } = mapper();
    await reads.keepServices([{ id: '11', resource: service('11') }]);
    // Mapped 4 minutes after it was kept: the copy still expires with the entry, a minute later.
    advance(4 * 60_000);
    expect(await reads.services(['11'], map)).toEqual([asMapped('11')]);
    advance(60_000 - 1);
    expect(await reads.services(['11'], map)).toEqual([asMapped('11')]);
    advance(1);
    expect(await reads.services(['11'], map)).toEqual([undefined]);
    expect(mapped).toEqual(['11']);
  });

  it('treats a kept service that no longer maps as not kept', async () => {
    const { reads, seen } = services();
    const { map } = mapper();
    await reads.keepServices([{ id: '11', resource: { ...service('11'), name: 'unmappable' } }]);
    expect(await reads.services(['11'], map)).toEqual([undefined]);
    expect(seen).toEqual([['service', false]]);
  });

  it('keeps nothing with a TTL of 0', async () => {
    const { reads, store } = services(0);
    const { map } = mapper();
    await reads.keepServices([{ id: '11', resource: service('11') }]);
    expect(await reads.services(['11'], map)).toEqual([undefined]);
    // Nothing was written: a reader with the default TTL on the same store finds nothing either.
    expect(await createSharedReads(store).services(['11'], map)).toEqual([undefined]);
  });

  it('answers a miss when the store fails, and keeps the answer when it cannot store it', async () => {
    const { reads, store } = services();
    const { map } = mapper();
    store.get = (() => Promise.reject(new Error('down'))) as typeof store.get;
    store.set = (() => Promise.reject(new Error('down'))) as typeof store.set;
    await expect(reads.keepServices([{ id: '11', resource: service('11') }])).resolves.toBeUndefined();
    expect(await reads.services(['11'], map)).toEqual([undefined]);
  });
});
