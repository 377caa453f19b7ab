import axios, { type AxiosResponse } from 'axios';
import { findReferralByState, startSimulator, type RunningSimulator } from '../../simulator';
import { applicationAccessToken, bearer, registerTestApplication, roleHeaders, TEST_USERS, userAccessToken } from './helpers';

type Json = Record<string, any>;

describe('simulator over HTTP', () => {
  let sim: RunningSimulator;
  let provider: Record<string, string>;
  let referrer: Record<string, string>;
  let admin: Record<string, string>;
  let application: Record<string, string>;
  let otherPractice: Record<string, string>;

  beforeAll(async () => {
    // A GP at another practice: holds REFERRING_CLINICIAN, but not where the world's referrals come from.
    const otherGp = {
      userId: '555010000099',
      givenName: 'Ola',
      familyName: 'Elsewhere',
      roles: [{ odsCode: 'A99002', businessFunctions: ['REFERRING_CLINICIAN'] }],
    };
    sim = await startSimulator({ port: 0, seed: 1, users: [otherGp] });
    const app = await registerTestApplication(sim);
    otherPractice = roleHeaders(await userAccessToken(sim, app, otherGp.userId), 'REFERRING_CLINICIAN', 'A99002');
    provider = roleHeaders(
      await userAccessToken(sim, app, TEST_USERS.providerClinician),
      'SERVICE_PROVIDER_CLINICIAN',
      sim.world.provider.odsCode,
    );
    referrer = roleHeaders(
      await userAccessToken(sim, app, TEST_USERS.referringClinician),
      'REFERRING_CLINICIAN',
      sim.world.referrer.odsCode,
    );
    admin = roleHeaders(
      await userAccessToken(sim, app, TEST_USERS.providerClinicianAdmin),
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      sim.world.provider.odsCode,
    );
    application = bearer(await applicationAccessToken(sim, app));
  });

  afterAll(async () => {
    await sim.close();
  });

  const get = (path: string, headers: Record<string, string> = provider): Promise<AxiosResponse<Json>> =>
    axios.get(`${sim.baseUrl}${path}`, { headers, validateStatus: () => true });

  const stu3Code = (body: Json): string => body.issue[0].details.coding[0].code;

  describe('A005 retrieve referral request', () => {
    it('returns the current version with the e-RS headers', async () => {
      const booked = findReferralByState(sim.world, 'BOOKED');
      const response = await get(`/STU3/ReferralRequest/${booked.ubrn}`, { ...provider, 'X-Correlation-ID': 'corr-123' });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json');
      expect(response.headers.etag).toBe(`W/"${booked.versionId}"`);
      expect(response.data.meta.versionId).toBe(String(booked.versionId));
      expect(response.headers['x-correlation-id']).toBe('corr-123');
      expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(response.data.resourceType).toBe('ReferralRequest');
      expect(response.data.id).toBe(booked.ubrn);
      // Code systems of the A004 sets are published under the simulator's own base URL.
      expect(response.data.specialty.coding[0].system).toBe(`${sim.baseUrl}/STU3/CodeSystem/SPECIALTY`);
    });

    it('returns an earlier version from _history with its own ETag', async () => {
      const dna = findReferralByState(sim.world, 'DID_NOT_ATTEND');
      const response = await get(`/STU3/ReferralRequest/${dna.ubrn}/_history/1`);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe('W/"1"');
      const state = response.data.extension.find((e: Json) => e.url.endsWith('Extension-eRS-ReferralState-1'));
      expect(state.extension[0].valueCoding.code).toBe('NOT_BOOKED');

      const latest = await get(`/STU3/ReferralRequest/${dna.ubrn}/_history/${dna.versionId}`);
      expect(latest.headers.etag).toBe(`W/"${dna.versionId}"`);
      expect(latest.data.extension.find((e: Json) => e.url.endsWith('Extension-eRS-ReferralState-1')).extension[0].valueCoding.code).toBe(
        'DID_NOT_ATTEND',
      );
    });

    it('answers an unknown version with a 404 OperationOutcome', async () => {
      const booked = findReferralByState(sim.world, 'BOOKED');
      const response = await get(`/STU3/ReferralRequest/${booked.ubrn}/_history/${booked.versionId + 1}`);
      expect(response.status).toBe(404);
      expect(response.data.resourceType).toBe('OperationOutcome');
      expect(response.data.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1']);
      expect(stu3Code(response.data)).toBe('REC_NOT_FOUND');
      expect(response.data.issue[0].code).toBe('not-found');
    });

    it('answers an unknown UBRN with 404 and a malformed one with 400', async () => {
      const missing = await get('/STU3/ReferralRequest/000099999999');
      expect(missing.status).toBe(404);
      expect(missing.data.issue[0].details.coding[0]).toEqual({
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1',
        code: 'REC_NOT_FOUND',
        display: 'Resource not found',
      });
      const malformed = await get('/STU3/ReferralRequest/12AB');
      expect(malformed.status).toBe(400);
      expect(stu3Code(malformed.data)).toBe('INVALID_VALUE');
      const badVersion = await get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}/_history/zero`);
      expect(badVersion.status).toBe(400);
    });

    it('serves application-restricted callers (no role headers)', async () => {
      const response = await get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, application);
      expect(response.status).toBe(200);
    });

    it('serves the referring organisation with a referrer role', async () => {
      const response = await get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, referrer);
      expect(response.status).toBe(200);
    });

    it('refuses a user with no relationship to the referral (422 NO_RELATIONSHIP)', async () => {
      const response = await get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, otherPractice);
      expect(response.status).toBe(422);
      expect(stu3Code(response.data)).toBe('NO_RELATIONSHIP');
    });
  });

  describe('access rules', () => {
    const ubrn = (): string => sim.world.referrals[0].ubrn;

    it('answers 401 with an empty body and WWW-Authenticate: Bearer without a bearer token (STU3)', async () => {
      const response = await get(`/STU3/ReferralRequest/${ubrn()}`, { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN' });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.data).toBe('');
    });

    it('answers 403 FORBIDDEN for a business function the endpoint does not allow', async () => {
      const response = await get(`/STU3/ReferralRequest/${ubrn()}`, { ...referrer, 'NHSD-eRS-Business-Function': 'REFERRING_ADMIN' });
      expect(response.status).toBe(403);
      expect(stu3Code(response.data)).toBe('FORBIDDEN');
      expect(response.data.issue[0].diagnostics).toContain('REFERRING_ADMIN');
    });

    it('answers 400 MISSING_HEADER when the role comes without an organisation', async () => {
      const response = await get(`/STU3/ReferralRequest/${ubrn()}`, {
        Authorization: provider.Authorization,
        'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN',
      });
      expect(response.status).toBe(400);
      expect(stu3Code(response.data)).toBe('MISSING_HEADER');
    });

    it('requires an on-behalf-of Service Provider Clinician for SERVICE_PROVIDER_CLINICIAN_ADMIN', async () => {
      expect((await get(`/STU3/ReferralRequest/${ubrn()}`, admin)).status).toBe(400);
      const spc = sim.world.practitioners.find((p) => p.businessFunctions.includes('SERVICE_PROVIDER_CLINICIAN'))!;
      expect((await get(`/STU3/ReferralRequest/${ubrn()}`, { ...admin, 'NHSD-eRS-On-Behalf-Of-User-ID': spc.userId })).status).toBe(200);
      const refused = await get(`/STU3/ReferralRequest/${ubrn()}`, {
        ...admin,
        'NHSD-eRS-On-Behalf-Of-User-ID': TEST_USERS.referringClinician,
      });
      expect(refused.status).toBe(403);
      expect(refused.data.issue[0].diagnostics).toContain('not a Service Provider Clinician');
    });

    it('refuses on-behalf-of with any other business function', async () => {
      const response = await get(`/STU3/ReferralRequest/${ubrn()}`, { ...provider, 'NHSD-eRS-On-Behalf-Of-User-ID': '555020000001' });
      expect(response.status).toBe(403);
      expect(stu3Code(response.data)).toBe('FORBIDDEN');
    });
  });

  describe('A004 retrieve reference data', () => {
    it.each([
      'SPECIALTY',
      'CLINIC-TYPE',
      'PRIORITY',
      'APPOINTMENT-CANCELLATION-REASON',
      'REFERRAL-CANCELLATION-REASON',
      'APPOINTMENT-NON-ATTENDANCE-REASON',
    ])('returns the %s code system', async (type) => {
      const response = await get(`/STU3/CodeSystem/${type}`, referrer);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json');
      expect(response.data).toMatchObject({
        resourceType: 'CodeSystem',
        id: type,
        status: 'active',
        content: 'complete',
        url: `${sim.baseUrl}/STU3/CodeSystem/${type}`,
      });
      expect(response.data.concept.length).toBeGreaterThan(0);
      const declared = (response.data.property as Json[]).map((p) => p.code);
      for (const concept of response.data.concept as Json[]) {
        for (const property of concept.property as Json[]) expect(declared).toContain(property.code);
      }
    });

    it("gives the reason sets' optional properties only on the concepts e-RS gives them for, in e-RS's order", async () => {
      const properties = async (type: string, code: string): Promise<string[]> => {
        const concept = ((await get(`/STU3/CodeSystem/${type}`, referrer)).data.concept as Json[]).find((c) => c.code === code)!;
        return concept.property.map((p: Json) => (p.valueCoding ? `${p.code}=${p.valueCoding.code}` : p.code));
      };
      const appointment = 'APPOINTMENT-CANCELLATION-REASON';
      expect(await properties(appointment, 'PATIENT_ILL')).toEqual([
        'effectiveFrom',
        'appointmentBookingCancellationReasonType=PATIENT',
        'willCancelWholeRequest',
        'commentIsMandatory',
        'businessFunction=REFERRING_CLINICIAN_ADMIN',
        'businessFunction=REFERRING_CLINICIAN',
        'usage=CANCEL',
      ]);
      expect(await properties(appointment, 'CLINIC_CANCELLED')).toEqual([
        'effectiveFrom',
        'appointmentBookingCancellationReasonType=PROVIDER',
        'willCancelWholeRequest',
        'commentIsMandatory',
      ]);
      const referral = 'REFERRAL-CANCELLATION-REASON';
      expect(await properties(referral, 'RAISED_IN_ERROR')).toEqual([
        'effectiveFrom',
        'appointmentRequestCancellationReasonType=UNKNOWN',
        'commentIsMandatory',
        'canCancelAppointment',
        'businessFunction=REFERRING_CLINICIAN_ADMIN',
        'businessFunction=REFERRING_CLINICIAN',
        'referrerUsage=CANCEL_REFERRAL',
      ]);
      expect(await properties(referral, 'PROVIDER_CANCELLATION')).toEqual([
        'effectiveFrom',
        'appointmentRequestCancellationReasonType=UNKNOWN',
        'commentIsMandatory',
        'canCancelAppointment',
      ]);
      expect(await properties('APPOINTMENT-NON-ATTENDANCE-REASON', 'OTHER_MIGRATION_FROM_CAB')).toEqual(['effectiveFrom', 'effectiveTo']);
    });

    it('carries the Priority contact days and specialty effective dates', async () => {
      const priority = (await get('/STU3/CodeSystem/PRIORITY', referrer)).data;
      const urgent = (priority.concept as Json[]).find((c) => c.code === 'URGENT')!;
      expect(urgent.property).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: 'deferToProviderContactDays', valueInteger: 7 }),
          expect.objectContaining({ code: 'triageContactDays', valueInteger: 3 }),
        ]),
      );
      const specialty = (await get('/STU3/CodeSystem/SPECIALTY', referrer)).data;
      const retired = (specialty.concept as Json[]).find((c) => c.property.some((p: Json) => p.code === 'effectiveTo'))!;
      expect(retired.extension.map((e: Json) => e.url)).toEqual([
        'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-EffectivefromDate-1',
        'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-EffectivetoDate-1',
      ]);
    });

    it('answers an unknown code system with a 404 OperationOutcome', async () => {
      const response = await get('/STU3/CodeSystem/COLOUR', referrer);
      expect(response.status).toBe(404);
      expect(stu3Code(response.data)).toBe('REC_NOT_FOUND');
    });
  });

  describe('A033 retrieve healthcare service', () => {
    it('returns the service with an ETag', async () => {
      const service = sim.world.services.find((s) => s.id === sim.world.highlights.sharedShortlistServiceId)!;
      const response = await get(`/R4/HealthcareService/${service.id}`, referrer);
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${service.versionId}"`);
      expect(response.data).toMatchObject({
        resourceType: 'HealthcareService',
        id: service.id,
        name: service.name,
        meta: { versionId: String(service.versionId) },
      });
      expect(response.data.location[0].identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/ods-site-code', value: service.siteCode });
      expect(response.data.characteristic.map((c: Json) => c.coding[0].code)).toEqual(['BOOKABLE', 'DIRECTLY_BOOKABLE']);
    });

    it('answers an unknown id with a 404 R4 OperationOutcome', async () => {
      const response = await get('/R4/HealthcareService/999999', referrer);
      expect(response.status).toBe(404);
      expect(response.data.resourceType).toBe('OperationOutcome');
      expect(typeof response.data.meta.lastUpdated).toBe('string');
      expect(response.data.issue[0]).toMatchObject({
        severity: 'error',
        code: 'not-found',
        details: { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/http-error-codes', code: 'REC_NOT_FOUND' }] },
      });
    });

    it('answers 403 REC_FORBIDDEN for a provider role, which A033 does not allow', async () => {
      const response = await get('/R4/HealthcareService/30001', provider);
      expect(response.status).toBe(403);
      expect(response.data.issue[0].details.coding[0].code).toBe('REC_FORBIDDEN');
    });

    it('answers 401 ACCESS_DENIED in the R4 shape without a token', async () => {
      const response = await get('/R4/HealthcareService/30001', {});
      expect(response.status).toBe(401);
      expect(response.data.issue[0].details.coding[0]).toEqual({
        system: 'https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode',
        code: 'ACCESS_DENIED',
      });
    });
  });

  it('answers unknown /FHIR paths with a 404 OperationOutcome', async () => {
    const response = await get('/STU3/Nothing/here');
    expect(response.status).toBe(404);
    expect(response.data.resourceType).toBe('OperationOutcome');
  });

  it('records calls without the /FHIR prefix, and can forget them', async () => {
    sim.resetCalls();
    await get(`/STU3/ReferralRequest/${sim.world.referrals[1].ubrn}?_format=json`);
    await axios.get(`${sim.baseUrl.replace(/\/FHIR$/, '')}/health`);
    expect(sim.calls).toHaveLength(1);
    expect(sim.calls[0]).toMatchObject({
      method: 'GET',
      path: `/STU3/ReferralRequest/${sim.world.referrals[1].ubrn}`,
      query: { _format: 'json' },
      status: 200,
    });
    expect(sim.calls[0].headers['nhsd-ers-business-function']).toBe('SERVICE_PROVIDER_CLINICIAN');
    sim.resetCalls();
    expect(sim.calls).toHaveLength(0);
  });
});

describe('the call record', () => {
  it('keeps the most recent calls only, at most maxRecordedCalls (a long-running simulator stays bounded)', async () => {
    const small = await startSimulator({ maxRecordedCalls: 20 });
    try {
      for (let i = 0; i < 60; i++) await fetch(`${small.baseUrl}/STU3/CodeSystem/SPECIALTY`);
      expect(small.calls.length).toBeGreaterThanOrEqual(20);
      expect(small.calls.length).toBeLessThanOrEqual(22);
      const times = small.calls.map((c) => c.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    } finally {
      await small.close();
    }
  });
});
