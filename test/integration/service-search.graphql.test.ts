import { Harness, startHarness, USERS } from '../helpers/harness';

describe('service search (A010), services by id (A035), version checks (A037)', () => {
  let h: Harness;
  beforeAll(async () => {
    // Services are not shared across requests here, so each request's own calls are counted.
    h = await startHarness({ env: { SERVICE_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const patient = () => h.simulator.world.patients[0].nhsNumber;

  it('searches services for a patient and links each result to its service record', async () => {
    const result = await h.query(
      `query($nhs: String!) { serviceSearch(input: { patientNhsNumber: $nhs, priority: ROUTINE, specialty: "CARDIOLOGY" }) {
        serviceId name directlyBookable service { id name specialty: siteOdsCodes } } }`,
      { nhs: patient() },
    );
    expect(result.errors).toBeUndefined();
    const results = result.data!.serviceSearch as Array<{ serviceId: string; name: string; service: { id: string; name: string } }>;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(20);
    for (const r of results) {
      const service = h.simulator.world.services.find((s) => s.id === r.serviceId)!;
      expect(service.specialty).toBe('CARDIOLOGY');
      expect(r.service).toMatchObject({ id: r.serviceId, name: service.name });
    }
    const a010 = h.ersCalls().find((c) => c.path.endsWith('$ers.searchHealthcareServicesForPatient'))!;
    expect(a010.method).toBe('POST');
    expect(a010.headers['content-type']).toMatch(/^application\/fhir\+json/);
  });

  it.each([
    ['an NHS number with a wrong check digit', { patientNhsNumber: '9990000001' }],
    ['nothing to search by', { specialty: null }],
    ['a clinic type without its specialty', { specialty: null, clinicType: 'PALPITATIONS', clinicalTerm: '123456' }],
    ['a bad postcode', { postcode: 'NOT A POSTCODE' }],
  ])('refuses %s with BAD_USER_INPUT, no e-RS call and no value echoed', async (_name, override) => {
    const input = { patientNhsNumber: patient(), priority: 'ROUTINE', specialty: 'CARDIOLOGY', ...override };
    const result = await h.query('query($input: ServiceSearchInput!) { serviceSearch(input: $input) { serviceId } }', { input });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).not.toContain(input.patientNhsNumber);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('reads a shortlist of services in one A035 call', async () => {
    const ids = h.simulator.world.services.slice(0, 5).map((s) => s.id);
    const result = await h.query('query($ids: [ServiceId!]!) { healthcareServices(ids: $ids) { id name } }', { ids });
    expect(result.errors).toBeUndefined();
    expect(result.data!.healthcareServices.map((s: { id: string }) => s.id).sort()).toEqual([...ids].sort());
    expect(h.ersCalls().map((c) => c.path)).toEqual(['/R4/HealthcareService']);
    expect(String(h.ersCalls()[0].query._id).split(',').sort()).toEqual([...ids].sort());
  });

  it('checks a service version with a HEAD request (A037)', async () => {
    const service = h.simulator.world.services[0];
    const result = await h.query(`{ healthcareServiceVersion(id: "${service.id}") }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.healthcareServiceVersion).toBe(String(service.versionId));
    expect(h.ersCalls().map((c) => c.method)).toEqual(['HEAD']);
  });

  it('refuses service search to a provider role before calling e-RS', async () => {
    const result = await h.query(
      `{ serviceSearch(input: { patientNhsNumber: "${patient()}", priority: ROUTINE, specialty: "CARDIOLOGY" }) { serviceId } }`,
      undefined,
      {
        user: USERS.providerClinician,
      },
    );
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A010' });
    expect(h.ersCalls()).toHaveLength(0);
  });
});
