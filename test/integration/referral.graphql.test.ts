import { randomUUID } from 'node:crypto';
import { findReferralByState, findService, referralsShortlistingService, REFERRAL_STATES } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

const REFERRAL_WITH_LINKS = /* GraphQL */ `
  query Referral($ubrn: UBRN!, $version: Version) {
    referral(ubrn: $ubrn, version: $version) {
      ubrn
      version
      patientNhsNumber
      state {
        state
        reason {
          code
          display
        }
      }
      priority
      specialty {
        code
        display
      }
      clinicTypes {
        system
        code
        display
      }
      shortlistEntries {
        serviceId
        serviceName
      }
      shortlist {
        id
        name
      }
      bookedService {
        id
        name
      }
    }
  }
`;

describe('Query.referral over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    // Services are not shared across requests here, so each request's own calls are counted.
    h = await startHarness({ env: { SERVICE_CACHE_TTL_SECONDS: '0' } });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.simulator.resetCalls();
    h.simulator.setFaults([]);
  });

  const calls = (pattern: RegExp) => h.ersCalls().filter((c) => pattern.test(c.path));

  it('returns a booked referral with its shortlist services, booked service and coded fields in one query', async () => {
    const booked = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: booked.ubrn });

    expect(result.errors).toBeUndefined();
    const referral = result.data!.referral;
    expect(referral.ubrn).toBe(booked.ubrn);
    expect(referral.patientNhsNumber).toBe(booked.patientNhsNumber);
    expect(referral.state.state).toBe('BOOKED');
    expect(referral.priority).toBe(booked.priority);
    expect(referral.shortlist.map((s: { id: string }) => s.id)).toEqual(booked.shortlist);
    expect(referral.shortlist.map((s: { name: string }) => s.name)).toEqual(
      booked.shortlist.map((id) => findService(h.simulator.world, id)!.name),
    );
    expect(referral.bookedService).not.toBeNull();
    expect(booked.shortlist).toContain(referral.bookedService.id);
    // Every coded field has a display: sent by e-RS or looked up in its A004 code system.
    for (const code of [referral.specialty, ...referral.clinicTypes]) {
      expect(code.display).toEqual(expect.any(String));
    }
  });

  it('looks up a missing display in the code system once per request', async () => {
    const referrals = h.simulator.world.referrals.filter((r) => r.clinicType).slice(0, 5);
    expect(referrals.length).toBe(5);
    const query = `{ ${referrals.map((r, i) => `r${i}: referral(ubrn: "${r.ubrn}") { clinicTypes { code display } }`).join('\n')} }`;
    const result = await h.query(query);

    expect(result.errors).toBeUndefined();
    const clinicTypes = h.simulator.world.referenceData.clinicTypes;
    referrals.forEach((r, i) => {
      const got = result.data![`r${i}`].clinicTypes as Array<{ code: string; display: string }>;
      expect(got.map((c) => c.code)).toEqual([r.clinicType]);
      for (const c of got) {
        expect(c.display).toBe(clinicTypes.find((concept) => concept.code === c.code)!.display);
      }
    });
    expect(calls(/^\/STU3\/CodeSystem\//).length).toBeLessThanOrEqual(1);
  });

  it('reads an earlier version with the versioned A005 read', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.versions.length >= 3)!;
    const first = referral.versions[0];
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn, version: String(first.versionId) });

    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.version).toBe(String(first.versionId));
    expect(result.data!.referral.state.state).toBe(first.state);
    expect(calls(new RegExp(`^/STU3/ReferralRequest/${referral.ubrn}/_history/${first.versionId}$`))).toHaveLength(1);
  });

  it('gives NOT_FOUND with the e-RS code for an unknown UBRN', async () => {
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: '999999999999' });
    expect(result.data!.referral).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['referral']);
    expect(result.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', ersCode: expect.any(String), httpStatus: 404 });
  });

  it('gives NOT_FOUND for an unknown version of a known referral', async () => {
    const referral = h.simulator.world.referrals[0];
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn, version: '999' });
    expect(result.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it.each([
    ['too short (variable)', '12345', true],
    ['letters (variable)', '00000007000A', true],
    ['13 digits (variable)', '0000000700001', true],
    ['too short (literal)', '12345', false],
  ])('rejects a malformed UBRN, %s, with BAD_USER_INPUT and no e-RS call', async (_name, ubrn, asVariable) => {
    const result = asVariable ? await h.query(REFERRAL_WITH_LINKS, { ubrn }) : await h.query(`{ referral(ubrn: "${ubrn}") { ubrn } }`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(/UBRN must be exactly 12 digits/);
    expect(result.errors![0].message).not.toContain(ubrn);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('rejects a non-numeric version with BAD_USER_INPUT and no e-RS call', async () => {
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: h.simulator.world.referrals[0].ubrn, version: 'latest' });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('gives FORBIDDEN before any e-RS call for a role that may not read referrals', async () => {
    const referral = h.simulator.world.referrals[0];
    const result = await h.query(
      REFERRAL_WITH_LINKS,
      { ubrn: referral.ubrn },
      {
        user: USERS.commissioner,
        headers: { 'NHSD-eRS-Business-Function': 'COMMISSIONER', 'NHSD-End-User-Organisation-ODS': h.simulator.world.commissioner.odsCode },
      },
    );
    expect(result.data!.referral).toBeNull();
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A005' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('gives UNAUTHENTICATED and calls nothing when there is no token', async () => {
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: h.simulator.world.referrals[0].ubrn }, { user: null });
    expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('gives UPSTREAM_UNAVAILABLE when e-RS answers 500, and keeps serving', async () => {
    const referral = h.simulator.world.referrals[0];
    h.simulator.setFaults([{ path: /^\/STU3\/ReferralRequest\//, kind: 'status', status: 500, times: 1 }]);
    const failed = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });
    expect(failed.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', httpStatus: 500 });
    expect(failed.errors![0].message).not.toMatch(/Bearer|eyJ/);

    const next = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });
    expect(next.errors).toBeUndefined();
    expect(next.data!.referral.ubrn).toBe(referral.ubrn);
  });

  it('gives UPSTREAM_UNAVAILABLE when e-RS drops the connection', async () => {
    h.simulator.setFaults([{ path: /^\/STU3\/ReferralRequest\//, kind: 'drop', times: 1 }]);
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: h.simulator.world.referrals[0].ubrn });
    expect(result.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'CONNECTION' });
  });

  it('retries a read answered 429 and succeeds', async () => {
    h.simulator.setFaults([{ path: /^\/STU3\/ReferralRequest\//, kind: 'rate-limit', retryAfterSeconds: 0, times: 2 }]);
    const referral = h.simulator.world.referrals[0];
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });
    expect(result.errors).toBeUndefined();
    expect(calls(/^\/STU3\/ReferralRequest\//).map((c) => c.status)).toEqual([429, 429, 200]);
  });

  it('gives RATE_LIMITED with Retry-After once retries are spent', async () => {
    h.simulator.setFaults([{ path: /^\/STU3\/ReferralRequest\//, kind: 'rate-limit', retryAfterSeconds: 0 }]);
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: h.simulator.world.referrals[0].ubrn });
    expect(result.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', httpStatus: 429, retryAfterSeconds: 0 });
    expect(calls(/^\/STU3\/ReferralRequest\//)).toHaveLength(4); // 1 + 3 retries
  });

  it('fails only the shortlist entry whose service cannot be read', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.shortlist.length >= 2)!;
    const broken = referral.shortlist[1];
    // A035 reads the whole shortlist in one call: a service e-RS no longer returns fails alone.
    const { services } = h.simulator.world;
    const at = services.findIndex((s) => s.id === broken);
    const [removed] = services.splice(at, 1);
    try {
      const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });
      expect(result.data!.referral.ubrn).toBe(referral.ubrn);
      expect(result.data!.referral.shortlist[1]).toBeNull();
      expect(result.data!.referral.shortlist[0].id).toBe(referral.shortlist[0]);
      const brokenPaths = result.errors!.map((e) => e.path);
      expect(brokenPaths).toContainEqual(['referral', 'shortlist', 1]);
      expect(result.errors!.every((e) => e.extensions!.code === 'NOT_FOUND' && e.extensions!.endpoint === 'A035')).toBe(true);
    } finally {
      services.splice(at, 0, removed);
    }
  });

  it('fails the shortlist entries of a service read that failed, keeping the referral', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.shortlist.length >= 2)!;
    h.simulator.setFaults([{ path: /^\/R4\/HealthcareService$/, kind: 'status', status: 503 }]);
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });

    expect(result.data!.referral.ubrn).toBe(referral.ubrn);
    expect(result.data!.referral.shortlist).toEqual(referral.shortlist.map(() => null));
    const brokenPaths = result.errors!.map((e) => e.path);
    referral.shortlist.forEach((_id, i) => expect(brokenPaths).toContainEqual(['referral', 'shortlist', i]));
    expect(result.errors!.every((e) => e.extensions!.code === 'UPSTREAM_UNAVAILABLE')).toBe(true);
  });

  it('forwards the token, role headers and correlation id to e-RS on every call', async () => {
    const correlationId = randomUUID();
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn }, { headers: { 'X-Correlation-ID': correlationId } });
    expect(result.errors).toBeUndefined();
    expect(result.headers.get('x-correlation-id')).toBe(correlationId);
    // Patient data: no cache on the way may keep the answer (a refusal neither).
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect((await h.query('{ referral(ubrn: "1") { ubrn } }')).headers.get('cache-control')).toBe('no-store');
    expect(h.ersCalls().length).toBeGreaterThan(1);
    for (const call of h.ersCalls()) {
      expect(call.headers).toMatchObject({
        accept: 'application/fhir+json',
        authorization: expect.stringMatching(/^Bearer \S+$/),
        'nhsd-ers-business-function': 'REFERRING_CLINICIAN',
        'nhsd-end-user-organisation-ods': h.simulator.world.referrer.odsCode,
        'x-correlation-id': correlationId,
      });
      expect(call.headers['nhsd-ers-on-behalf-of-user-id']).toBeUndefined();
    }
  });

  it('forwards the on-behalf-of user id of a provider clinician admin', async () => {
    const { world } = h.simulator;
    const clinician = world.practitioners.find(
      (p) => p.odsCode === world.provider.odsCode && p.businessFunctions.includes('SERVICE_PROVIDER_CLINICIAN'),
    )!;
    const referral = findReferralByState(world, 'BOOKED');
    const result = await h.query(`{ referral(ubrn: "${referral.ubrn}") { ubrn state { state } } }`, undefined, {
      user: USERS.providerAdmin,
      headers: {
        'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        'NHSD-End-User-Organisation-ODS': world.provider.odsCode,
        'NHSD-eRS-On-Behalf-Of-User-ID': clinician.userId,
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.ubrn).toBe(referral.ubrn);
    expect(h.ersCalls()).toHaveLength(1);
    expect(h.ersCalls()[0].headers).toMatchObject({
      'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
      'nhsd-end-user-organisation-ods': world.provider.odsCode,
      'nhsd-ers-on-behalf-of-user-id': clinician.userId,
    });
  });

  it('refuses the service fields to a provider role before calling e-RS (A035 is for referrers), keeping the referral', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn }, { user: USERS.providerClinician });
    expect(result.data!.referral.ubrn).toBe(referral.ubrn);
    expect(result.data!.referral.shortlistEntries.map((e: { serviceId: string }) => e.serviceId)).toEqual(referral.shortlist);
    expect(result.data!.referral.bookedService).toBeNull();
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(expect.arrayContaining(['FORBIDDEN']));
    expect(result.errors!.every((e) => e.path![1] === 'shortlist' || e.path![1] === 'bookedService')).toBe(true);
    expect(result.errors![0].extensions).toMatchObject({ endpoint: 'A035', reason: 'BUSINESS_FUNCTION_NOT_ALLOWED' });
    expect(calls(/^\/R4\/HealthcareService/)).toHaveLength(0);
  });

  it('makes a correlation id when the caller sends none, the same for every e-RS call of the request', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(REFERRAL_WITH_LINKS, { ubrn: referral.ubrn });
    const sent = new Set(h.simulator.calls.map((c) => c.headers['x-correlation-id']));
    expect(sent.size).toBe(1);
    const [id] = [...sent];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.headers.get('x-correlation-id')).toBe(id);
  });

  it('reads a service shared by 10 referrals from e-RS exactly once (DataLoader)', async () => {
    const serviceId = h.simulator.world.highlights.sharedShortlistServiceId;
    const referrals = referralsShortlistingService(h.simulator.world, serviceId).slice(0, 10);
    expect(referrals).toHaveLength(10);
    const query = `{ ${referrals.map((r, i) => `r${i}: referral(ubrn: "${r.ubrn}") { shortlist { id name } }`).join('\n')} }`;
    const result = await h.query(query);

    expect(result.errors).toBeUndefined();
    referrals.forEach((_r, i) => {
      expect(result.data![`r${i}`].shortlist.map((s: { id: string }) => s.id)).toContain(serviceId);
    });
    // Read with A035, up to 20 ids a call: the shared service is asked for once in all of them.
    const asked = calls(/^\/R4\/HealthcareService/).flatMap((c) => String(c.query._id).split(','));
    expect(asked.filter((id) => id === serviceId)).toHaveLength(1);
    expect(calls(/^\/STU3\/ReferralRequest\//)).toHaveLength(10);
    // No service is read twice, whichever referral asked for it, and each call carries as many as it may.
    expect(new Set(asked).size).toBe(asked.length);
    expect(calls(/^\/R4\/HealthcareService/)).toHaveLength(Math.ceil(asked.length / 20));
  });

  it('makes no A033 or A035 call when no service field is asked for', async () => {
    await h.query(`{ referral(ubrn: "${h.simulator.world.referrals[0].ubrn}") { ubrn shortlistEntries { serviceId } } }`);
    expect(calls(/^\/R4\/HealthcareService/)).toHaveLength(0);
  });

  it('maps a referral in every e-RS state', async () => {
    const query = `{ ${REFERRAL_STATES.map(
      (state, i) => `s${i}: referral(ubrn: "${findReferralByState(h.simulator.world, state).ubrn}") { state { state } }`,
    ).join('\n')} }`;
    const result = await h.query(query);
    expect(result.errors).toBeUndefined();
    REFERRAL_STATES.forEach((state, i) => expect(result.data![`s${i}`].state.state).toBe(state));
  });
});
