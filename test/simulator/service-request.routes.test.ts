import { startSimulator, type RunningSimulator } from '../../simulator';
import { asApplication, asUser, OTHER_PRACTICE, OUTSIDERS } from './helpers/caller';
import { call, expectKeys, type Json } from './helpers/fhir';

describe('A041 search for service requests', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });
  const find = async (identifier: string, headers?: Record<string, string>) =>
    http.get(`/R4/ServiceRequest?identifier=${encodeURIComponent(identifier)}`, headers ?? (await asUser(sim, 'REFERRING_CLINICIAN')));

  it('finds a referral by UBRN (with or without the system) as a ServiceRequest of category referral', async () => {
    const referral = sim.world.referrals.find((r) => r.status === 'cancelled')!;
    for (const identifier of [referral.ubrn, `https://fhir.nhs.uk/Id/UBRN|${referral.ubrn}`]) {
      const response = await find(identifier);
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 1 });
      const resource = response.data.entry[0].resource;
      expectKeys(resource, ['id', 'meta', 'resourceType', 'identifier', 'status', 'intent', 'category', 'subject']);
      expect(resource).toMatchObject({
        id: referral.requestId,
        status: 'revoked',
        intent: 'order',
        meta: { versionId: String(referral.versionId) },
      });
      expect(resource.category[0].coding[0].code).toBe('referral');
    }
  });

  it('finds a converted advice request and the referral it became', async () => {
    const converted = sim.world.adviceAndGuidance.find((a) => a.convertedToReferralUbrn)!;
    const response = await find(converted.ubrn, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
    expect(response.data.total).toBe(2);
    const categories = response.data.entry.map((e: Json) => e.resource.category[0].coding[0].code);
    expect(categories).toEqual(['referral', 'request']);
    const advice = response.data.entry[1].resource;
    expect(advice.code.coding[0]).toEqual({ system: 'https://fhir.nhs.uk/CodeSystem/servicerequest-code', code: 'advice-and-guidance' });
    expect(advice.id).toMatch(/^a\.[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.data.entry[0].resource.identifier[0].value).toBe(converted.convertedToReferralUbrn);
  });

  it('returns an empty bundle for an unknown UBRN or a user with no relationship', async () => {
    expect((await find('000099999999')).data).toMatchObject({ total: 0, entry: [] });
    expect((await find(sim.world.referrals[0].ubrn, await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE))).data.total).toBe(0);
  });

  it('answers 400 REC_BAD_REQUEST for a missing or malformed identifier and refuses applications', async () => {
    const headers = await asUser(sim, 'REFERRING_CLINICIAN');
    const missing = await http.get('/R4/ServiceRequest', headers);
    expect([missing.status, missing.data.issue[0].code, missing.data.issue[0].details.coding[0].code]).toEqual([
      400,
      'required',
      'REC_BAD_REQUEST',
    ]);
    expect((await find('https://example.org|000050000001')).status).toBe(400);
    expect((await find('123')).status).toBe(400);
    expect((await find(sim.world.referrals[0].ubrn, await asApplication(sim))).status).toBe(403);
  });
});
