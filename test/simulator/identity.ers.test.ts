import axios, { type AxiosResponse } from 'axios';
import { startSimulator, type RunningSimulator } from '../../simulator';
import {
  applicationAccessToken,
  bearer,
  registerTestApplication,
  roleHeaders,
  TEST_USERS,
  type TestApplication,
  userAccessToken,
} from './helpers';

type Json = Record<string, any>;

describe('simulator identity: e-RS token and role checks, A030, A040', () => {
  let sim: RunningSimulator;
  let app: TestApplication;
  let clock: number;
  const start = Date.parse('2025-03-03T09:00:00.000Z');

  beforeAll(async () => {
    clock = start;
    sim = await startSimulator({ port: 0, seed: 1, now: () => clock });
    app = await registerTestApplication(sim);
  });

  afterEach(() => {
    clock = start;
  });

  afterAll(async () => {
    await sim.close();
  });

  const get = (path: string, headers: Record<string, string>): Promise<AxiosResponse<Json>> =>
    axios.get(`${sim.baseUrl}${path}`, { headers, validateStatus: () => true });
  const referral = (): string => `/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`;
  const provider = async (): Promise<Record<string, string>> =>
    roleHeaders(await userAccessToken(sim, app, TEST_USERS.providerClinician), 'SERVICE_PROVIDER_CLINICIAN', 'RZZ');
  const issueCoding = (body: Json): Json => body.issue[0].details.coding[0];

  describe('401 for tokens e-RS does not accept', () => {
    it.each<[string, () => Promise<Record<string, string>>]>([
      ['no token', async () => ({ 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN', 'NHSD-End-User-Organisation-ODS': 'RZZ' })],
      ['a token the token endpoint never issued', async () => roleHeaders('made-up-token', 'SERVICE_PROVIDER_CLINICIAN', 'RZZ')],
      [
        'an ID token instead of an access token',
        async () =>
          roleHeaders(await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician }), 'SERVICE_PROVIDER_CLINICIAN', 'RZZ'),
      ],
    ])('answers STU3 with an empty body and WWW-Authenticate: Bearer for %s', async (_name, headers) => {
      const response = await get(referral(), await headers());
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
      expect(response.data).toBe('');
    });

    it('answers R4 with an ACCESS_DENIED OperationOutcome', async () => {
      const response = await get('/R4/PractitionerRole', bearer('made-up-token'));
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toBe('application/fhir+json');
      expect(response.data.issue[0].code).toBe('login');
      expect(issueCoding(response.data)).toEqual({
        system: 'https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode',
        code: 'ACCESS_DENIED',
      });
    });

    it('accepts a token until it expires (599 s by the simulator clock), then answers 401', async () => {
      const headers = await provider();
      clock = start + 598_000;
      expect((await get(referral(), headers)).status).toBe(200);
      clock = start + 599_000;
      const expired = await get(referral(), headers);
      expect(expired.status).toBe(401);
      expect(expired.headers['www-authenticate']).toBe('Bearer');
    });

    it('answers 401 after revokeAccessTokens, and a new exchange works again', async () => {
      const headers = await provider();
      const appHeaders = bearer(await applicationAccessToken(sim, app));
      expect((await get(referral(), headers)).status).toBe(200);
      sim.identity.revokeAccessTokens();
      expect((await get(referral(), headers)).status).toBe(401);
      expect((await get(referral(), appHeaders)).status).toBe(401);
      expect((await get(referral(), await provider())).status).toBe(200);
    });

    it('records 401s as e-RS calls and token requests apart', async () => {
      sim.resetCalls();
      const headers = await provider();
      await get(referral(), bearer('made-up-token'));
      await get(referral(), headers);
      expect(sim.calls.map((c) => c.status)).toEqual([401, 200]);
      expect(sim.identityCalls.map((c) => c.status)).toEqual([200]);
      sim.resetCalls();
      expect(sim.calls).toHaveLength(0);
      expect(sim.identityCalls).toHaveLength(0);
    });
  });

  describe('user tokens act in a role the user holds', () => {
    it('answers 403 for a (business function, organisation) pair the user does not hold', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinician);
      // A real role, an organisation the user works at, but not that role there.
      const wrongRole = await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ', TEST_USERS.providerClinician));
      expect(wrongRole.status).toBe(403);
      expect(issueCoding(wrongRole.data).code).toBe('FORBIDDEN');
      expect(wrongRole.data.issue[0].diagnostics).toBe(
        'The user does not hold the business function SERVICE_PROVIDER_CLINICIAN_ADMIN at organisation RZZ.',
      );
      const wrongOrg = await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN', 'A99001'));
      expect(wrongOrg.status).toBe(403);
    });

    it('lets a user with roles at two organisations act at either', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.gpAlsoAtTrust);
      expect((await get(referral(), roleHeaders(token, 'REFERRING_CLINICIAN', 'A99001'))).status).toBe(200);
      expect((await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN', 'RZZ'))).status).toBe(200);
      expect((await get(referral(), roleHeaders(token, 'REFERRING_CLINICIAN', 'RZZ'))).status).toBe(403);
    });

    it('answers 400 MISSING_HEADER for a user token without role headers', async () => {
      const response = await get(referral(), bearer(await userAccessToken(sim, app, TEST_USERS.providerClinician)));
      expect(response.status).toBe(400);
      expect(issueCoding(response.data).code).toBe('MISSING_HEADER');
    });

    it('answers 400 INVALID_VALUE for SERVICE_DEFINER, which A030 reports but no endpoint takes', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinicianWithUnknownCode);
      const response = await get(referral(), roleHeaders(token, 'SERVICE_DEFINER', 'RZZ'));
      expect(response.status).toBe(400);
      expect(issueCoding(response.data).code).toBe('INVALID_VALUE');
    });

    it('serves users with low assurance levels (the relying party decides about IAL/AAL, not e-RS)', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.lowIdentityAssurance);
      expect((await get(referral(), roleHeaders(token, 'REFERRING_CLINICIAN', 'A99001'))).status).toBe(200);
    });

    it('checks the on-behalf-of user is a clinician at the admin organisation', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinicianAdmin);
      expect(
        (await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ', TEST_USERS.providerClinician))).status,
      ).toBe(200);
      expect((await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ', TEST_USERS.singlePair))).status).toBe(
        403,
      );
      expect((await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ'))).status).toBe(400);
    });
  });

  describe('application tokens', () => {
    it('refuses NHSD role headers with an application token', async () => {
      const token = await applicationAccessToken(sim, app);
      const response = await get(referral(), roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN', 'RZZ'));
      expect(response.status).toBe(403);
      expect(issueCoding(response.data).code).toBe('FORBIDDEN');
      expect(response.data.issue[0].diagnostics).toContain('not allowed for application-restricted access');
      expect((await get(referral(), bearer(token))).status).toBe(200);
    });

    it('answers 403 NO_ACCESS on an endpoint without application-restricted access', async () => {
      const token = await applicationAccessToken(sim, app);
      const a030 = await get('/R4/PractitionerRole', bearer(token));
      expect(a030.status).toBe(403);
      expect(a030.data.issue[0].code).toBe('forbidden');
      expect(issueCoding(a030.data)).toEqual({
        system: 'https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode',
        code: 'ACCESS_DENIED',
      });
    });
  });

  describe('A030 retrieve user business functions', () => {
    it('returns one PractitionerRole per organisation, in the PractitionerRoleBundle shape', async () => {
      const response = await get('/R4/PractitionerRole', bearer(await userAccessToken(sim, app, TEST_USERS.gpAlsoAtTrust)));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json');
      const bundle = response.data;
      expect(bundle).toMatchObject({
        resourceType: 'Bundle',
        type: 'searchset',
        total: 2,
        link: [{ relation: 'self', url: `${sim.baseUrl}/R4/PractitionerRole` }],
      });
      expect(bundle.meta.lastUpdated).toBe(new Date(start).toISOString());
      expect(bundle.entry[1]).toEqual({
        fullUrl: `${sim.baseUrl}/R4/PractitionerRole/PractitionerRole-RZZ-555010000001`,
        resource: {
          id: 'PractitionerRole-RZZ-555010000001',
          meta: { lastUpdated: new Date(start).toISOString() },
          resourceType: 'PractitionerRole',
          practitioner: { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '555010000001' } },
          organization: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'RZZ' } },
          code: [{ coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/eRS-BusinessFunction-1', code: 'SERVICE_PROVIDER_CLINICIAN' }] }],
        },
        search: { mode: 'match' },
      });
      expect(bundle.entry[0].resource.organization.identifier.value).toBe('A99001');
    });

    it('includes unknown business function codes as they are held', async () => {
      const response = await get(
        '/R4/PractitionerRole',
        bearer(await userAccessToken(sim, app, TEST_USERS.providerClinicianWithUnknownCode)),
      );
      expect(response.data.total).toBe(1);
      expect(response.data.entry[0].resource.code.map((c: Json) => c.coding[0].code)).toEqual([
        'SERVICE_DEFINER',
        'SERVICE_PROVIDER_CLINICIAN',
        'SERVICE_PROVIDER_ADMIN',
      ]);
    });

    it('needs no role headers, and reports exactly one pair for a single-role user', async () => {
      const response = await get('/R4/PractitionerRole', bearer(await userAccessToken(sim, app, TEST_USERS.singlePair)));
      expect(response.status).toBe(200);
      expect(
        response.data.entry.map((e: Json) => [
          e.resource.organization.identifier.value,
          e.resource.code.map((c: Json) => c.coding[0].code),
        ]),
      ).toEqual([['RZZ', ['SERVICE_PROVIDER_ADMIN']]]);
    });

    it('serves users added through options', async () => {
      const custom = await startSimulator({
        port: 0,
        users: [
          {
            userId: '555090000001',
            givenName: 'Test',
            familyName: 'User',
            roles: [{ odsCode: 'X26', businessFunctions: ['COMMISSIONER', 'INFORMATION_ANALYST'] }],
          },
        ],
      });
      try {
        const customApp = await registerTestApplication(custom);
        const response = await axios.get(`${custom.baseUrl}/R4/PractitionerRole`, {
          headers: bearer(await userAccessToken(custom, customApp, '555090000001')),
        });
        expect(response.data.entry[0].resource.code).toHaveLength(2);
        expect(response.data.entry[0].resource.organization.identifier.value).toBe('X26');
      } finally {
        await custom.close();
      }
    });
  });

  describe('A040 retrieve on-behalf-of practitioners', () => {
    const path = '/R4/Practitioner?_query=onBehalfOf';

    it('lists the Service Provider Clinicians at the admin organisation', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinicianAdmin);
      const response = await get(path, roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ'));
      expect(response.status).toBe(200);
      const bundle = response.data;
      const expected = sim.world.practitioners
        .filter((p) => p.roles.some((r) => r.odsCode === 'RZZ' && r.businessFunctions.includes('SERVICE_PROVIDER_CLINICIAN')))
        .map((p) => p.userId)
        .sort();
      expect(bundle.entry.map((e: Json) => e.resource.id)).toEqual(expected);
      // The GP who also holds SERVICE_PROVIDER_CLINICIAN at the trust is a candidate; the admin-only user is not.
      expect(expected).toContain(TEST_USERS.gpAlsoAtTrust);
      expect(expected).not.toContain(TEST_USERS.singlePair);
      expect(bundle).toMatchObject({
        resourceType: 'Bundle',
        type: 'searchset',
        total: expected.length,
        link: [{ relation: 'self', url: `${sim.baseUrl}/R4/Practitioner?_query=onBehalfOf` }],
      });
      expect(typeof bundle.timestamp).toBe('string');
      expect(bundle.entry[0]).toEqual({
        fullUrl: `Practitioner/${expected[0]}`,
        resource: {
          id: expected[0],
          resourceType: 'Practitioner',
          meta: { lastUpdated: new Date(start).toISOString() },
          identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: expected[0] },
        },
        search: { mode: 'match' },
      });
    });

    it('is only for SERVICE_PROVIDER_CLINICIAN_ADMIN', async () => {
      const clinician = await get(path, await provider());
      expect(clinician.status).toBe(403);
      expect(issueCoding(clinician.data).code).toBe('REC_FORBIDDEN');
      // A clinician claiming the admin role they do not hold.
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinician);
      expect((await get(path, roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ'))).status).toBe(403);
    });

    it('answers 400 REC_BAD_REQUEST without _query=onBehalfOf', async () => {
      const token = await userAccessToken(sim, app, TEST_USERS.providerClinicianAdmin);
      const response = await get('/R4/Practitioner', roleHeaders(token, 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'RZZ'));
      expect(response.status).toBe(400);
      expect(response.data.issue[0]).toMatchObject({ code: 'invalid', details: { coding: [{ code: 'REC_BAD_REQUEST' }] } });
    });
  });
});
