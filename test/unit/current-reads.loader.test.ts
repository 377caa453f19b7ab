import Keyv from 'keyv';
import type { ErsClient, ErsResponse } from '../../datasources/ers/client';
import { createLoaders } from '../../datasources/loaders';
import { createSharedReads } from '../../datasources/shared-reads';
import { loadFhirFixture } from '../fixtures/fhir/load';

/**
 * Current reads (A005, A024 without a version) are always asked of e-RS; when e-RS answers with
 * the very bytes of the version this caller keeps, the answer is the kept mapping: neither parsed
 * nor mapped again. Each request has its own loaders, as in the server.
 */
function fakeErs(texts: Record<string, string>) {
  const calls: string[] = [];
  let parses = 0;
  const ers = {
    baseUrl: 'http://ers.invalid/FHIR',
    read: async (endpoint: string, path: string): Promise<ErsResponse> => {
      calls.push(`${endpoint} ${path}`);
      const text = texts[path];
      const version = (JSON.parse(text) as { meta: { versionId: string } }).meta.versionId;
      return {
        status: 200,
        etag: `W/"${version}"`,
        text,
        // As the client's: parsed when first read.
        get body() {
          parses++;
          return JSON.parse(text) as unknown;
        },
      };
    },
  } as unknown as ErsClient;
  return { ers, calls, parses: () => parses };
}

const SCOPE = 'user:555020000002|SERVICE_PROVIDER_CLINICIAN|RZZ|';

describe('current reads of a kept version', () => {
  const referral = loadFhirFixture<{ id: string; meta: { versionId: string }; status: string }>('referral-request.booked.json');
  const path = `/STU3/ReferralRequest/${referral.id}`;

  function setup() {
    const texts = { [path]: JSON.stringify(referral) };
    const fake = fakeErs(texts);
    const reads = createSharedReads(new Keyv());
    const request = () => createLoaders(fake.ers, { reads, scope: async () => SCOPE });
    return { ...fake, texts, request };
  }

  it('answers an unchanged referral from its kept mapping, asking e-RS every time and parsing it no more', async () => {
    const { calls, parses, request } = setup();
    const first = await request().referral.load({ ubrn: referral.id });
    const second = await request().referral.load({ ubrn: referral.id });
    const parsedSoFar = parses();
    const third = await request().referral.load({ ubrn: referral.id });

    expect(calls).toEqual([`A005 ${path}`, `A005 ${path}`, `A005 ${path}`]);
    expect(second).toEqual(first);
    expect(third).toBe(second);
    expect(Object.isFrozen(third)).toBe(true);
    expect(parses()).toBe(parsedSoFar);
  });

  it('maps a referral again when e-RS sends anything different, within the same version too', async () => {
    const { texts, request } = setup();
    await request().referral.load({ ubrn: referral.id });
    const kept = await request().referral.load({ ubrn: referral.id });
    texts[path] = JSON.stringify({ ...referral, status: 'cancelled' });
    const changed = await request().referral.load({ ubrn: referral.id });

    expect(changed.version).toBe(kept.version);
    expect([kept.status, changed.status]).toEqual([referral.status, 'cancelled']);
    expect(changed).not.toBe(kept);
  });

  it('does the same for an A&G request (A024), and primes its version read', async () => {
    const request = loadFhirFixture<{ id: string; meta: { versionId: string } }>('communication-request.advice-and-guidance.json');
    const a024 = `/STU3/CommunicationRequest/${request.id}`;
    const fake = fakeErs({ [a024]: JSON.stringify(request) });
    const reads = createSharedReads(new Keyv());
    const loaders = () => createLoaders(fake.ers, { reads, scope: async () => SCOPE });

    await loaders().adviceAndGuidance.load({ ubrn: request.id });
    const second = await loaders().adviceAndGuidance.load({ ubrn: request.id });
    const third = loaders();
    const current = await third.adviceAndGuidance.load({ ubrn: request.id });
    const ofVersion = await third.adviceAndGuidance.load({ ubrn: request.id, version: request.meta.versionId });

    expect(current).toBe(second);
    expect(ofVersion).toBe(current);
    expect(fake.calls).toHaveLength(3);
  });
});
