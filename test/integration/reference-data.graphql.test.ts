import { findService } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

describe('Query.healthcareService and Query.codeSystem over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    // Services are not shared across requests here, so each request's own calls are counted.
    h = await startHarness({ env: { SERVICE_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('returns a healthcare service with its typed fields and version', async () => {
    const service = h.simulator.world.services.find((s) => s.contacts.length > 0 && s.bookableType)!;
    const result = await h.query(
      `query($id: ServiceId!) { healthcareService(id: $id) {
        id version name siteOdsCodes directlyBookable
        appointmentTypes { code display } requestFlowTypes { code }
        contacts { purpose { code } contactPoints { channel value } }
      } }`,
      { id: service.id },
    );
    expect(result.errors).toBeUndefined();
    const got = result.data!.healthcareService;
    expect(got).toMatchObject({ id: service.id, version: String(service.versionId), name: service.name });
    expect(got.siteOdsCodes).toEqual([service.siteCode]);
    expect(got.directlyBookable).toBe(service.bookableType === 'DIRECTLY_BOOKABLE');
    expect(got.requestFlowTypes.map((c: { code: string }) => c.code)).toEqual(service.requestFlows);
    expect(got.contacts.length).toBe(service.contacts.length);
    // One A035 (the batch read of services, issue 11) where A033 was used before: the same resource.
    expect(h.ersCalls().map((c) => [c.path, c.query])).toEqual([['/R4/HealthcareService', { _id: service.id }]]);
  });

  it('gives NOT_FOUND for an unknown service', async () => {
    const result = await h.query('{ healthcareService(id: "99999999") { name } }');
    expect(result.data!.healthcareService).toBeNull();
    // A035 answers 200 with no entry for an unknown id (A033 answered 404): NOT_FOUND at that field, with no e-RS status to report.
    expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A035' });
    expect(result.errors![0].extensions!.httpStatus).toBeUndefined();
  });

  it('gives FORBIDDEN to a provider role before any e-RS call, as e-RS allows A035 (and A033) to referrers only', async () => {
    const result = await h.query('{ healthcareService(id: "30001") { name } }', undefined, { user: USERS.providerClinician });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A035' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('reads the same service once however often a request asks for it', async () => {
    const id = h.simulator.world.highlights.sharedShortlistServiceId;
    const result = await h.query(`{ a: healthcareService(id: "${id}") { name } b: healthcareService(id: "${id}") { id } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data!.a.name).toBe(findService(h.simulator.world, id)!.name);
    expect(h.ersCalls()).toHaveLength(1);
  });

  it.each([
    ['SPECIALTY', 'SPECIALTY', (w: Harness['simulator']['world']) => w.referenceData.specialties],
    ['CLINIC_TYPE', 'CLINIC-TYPE', (w: Harness['simulator']['world']) => w.referenceData.clinicTypes],
    ['PRIORITY', 'PRIORITY', (w: Harness['simulator']['world']) => w.referenceData.priorities],
    [
      'APPOINTMENT_CANCELLATION_REASON',
      'APPOINTMENT-CANCELLATION-REASON',
      (w: Harness['simulator']['world']) => w.referenceData.appointmentCancellationReasons,
    ],
    [
      'REFERRAL_CANCELLATION_REASON',
      'REFERRAL-CANCELLATION-REASON',
      (w: Harness['simulator']['world']) => w.referenceData.referralCancellationReasons,
    ],
    [
      'APPOINTMENT_NON_ATTENDANCE_REASON',
      'APPOINTMENT-NON-ATTENDANCE-REASON',
      (w: Harness['simulator']['world']) => w.referenceData.nonAttendanceReasons,
    ],
  ])('returns the %s code system with every concept (A004 %s)', async (type, pathSegment, concepts) => {
    const result = await h.query(`{ codeSystem(type: ${type}) { type name concepts { code display effectiveFrom } } }`);
    expect(result.errors).toBeUndefined();
    const expected = concepts(h.simulator.world);
    expect(result.data!.codeSystem.type).toBe(type);
    expect(result.data!.codeSystem.concepts.map((c: { code: string }) => c.code)).toEqual(expected.map((c) => c.code));
    expect(result.data!.codeSystem.concepts.map((c: { display: string }) => c.display)).toEqual(expected.map((c) => c.display));
    expect(h.ersCalls().map((c) => c.path)).toEqual([`/STU3/CodeSystem/${pathSegment}`]);
  });

  it('exposes the priority contact days that the A004 page tells clients to use', async () => {
    const result = await h.query('{ codeSystem(type: PRIORITY) { concepts { code deferToProviderContactDays triageContactDays } } }');
    expect(result.errors).toBeUndefined();
    for (const concept of result.data!.codeSystem.concepts) {
      expect(concept.deferToProviderContactDays).toEqual(expect.any(Number));
      expect(concept.triageContactDays).toEqual(expect.any(Number));
    }
  });

  it('rejects an unknown code system type before any e-RS call', async () => {
    const result = await h.query('{ codeSystem(type: NOT_A_TYPE) { name } }');
    expect(result.errors![0].extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(h.ersCalls()).toHaveLength(0);
  });
});
