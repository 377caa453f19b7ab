import { BUSINESS_FUNCTIONS, ENDPOINT_ACCESS, EndpointId } from '../../datasources/ers/endpoints';
import { findReferralByState } from '../../simulator';
import { gateTable } from '../../src/auth/gate-table';
import { ersSchema } from '../../src/schema';
import { Harness, startHarness } from '../helpers/harness';

/** A user of the test world who holds every business function at the trust. */
const EVERY_ROLE_USER = '555090000001';

/** Representative operations, each with the e-RS endpoint its gate checks. */
const OPERATIONS: Array<[string, EndpointId, (ubrn: string) => string]> = [
  ['referral', 'A005', (ubrn) => `{ referral(ubrn: "${ubrn}") { ubrn } }`],
  ['healthcareService', 'A035', () => '{ healthcareService(id: "30001") { name } }'],
  ['codeSystem', 'A004', () => '{ codeSystem(type: PRIORITY) { name } }'],
  ['referral.shortlist', 'A035', (ubrn) => `{ referral(ubrn: "${ubrn}") { shortlist { name } } }`],
];

describe('role gates: every business function against every representative field', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      // Services are not shared across requests here: every allowed role's read is its own e-RS call.
      env: { SERVICE_CACHE_TTL_SECONDS: '0' },
      simulator: {
        users: [
          {
            userId: EVERY_ROLE_USER,
            givenName: 'Alex',
            familyName: 'Everyrole',
            roles: [{ odsCode: 'RZZ', businessFunctions: [...BUSINESS_FUNCTIONS] }],
          },
        ],
      },
    });
  });
  afterAll(() => h.close());

  const cases = OPERATIONS.flatMap(([name, endpoint, query]) => BUSINESS_FUNCTIONS.map((bf) => [name, bf, endpoint, query] as const));

  it.each(cases)('%s as %s', async (name, bf, endpoint, query) => {
    const ubrn = findReferralByState(h.simulator.world, 'BOOKED').ubrn;
    const headers: Record<string, string> = { 'NHSD-eRS-Business-Function': bf, 'NHSD-End-User-Organisation-ODS': 'RZZ' };
    if (bf === 'SERVICE_PROVIDER_CLINICIAN_ADMIN') headers['NHSD-eRS-On-Behalf-Of-User-ID'] = '555020000002';
    // Warm the role cache (A030) so the call count below is the field's own.
    await h.query('{ me { roles { odsCode } } }', undefined, { user: EVERY_ROLE_USER, headers });
    h.simulator.resetCalls();

    const result = await h.query(query(ubrn), undefined, { user: EVERY_ROLE_USER, headers });
    const allowed = ENDPOINT_ACCESS[endpoint].businessFunctions!.includes(bf);
    const gateErrors = (result.errors ?? []).filter((e) => e.extensions?.reason === 'BUSINESS_FUNCTION_NOT_ALLOWED');
    const needsA005 = name.startsWith('referral') && ENDPOINT_ACCESS.A005.businessFunctions!.includes(bf);
    if (allowed && (!name.startsWith('referral') || needsA005)) {
      expect(gateErrors).toHaveLength(0);
      // Reference data (A004) is shared by every caller once read, so only the first role reads it from e-RS.
      if (endpoint === 'A004') expect(result.data![name]).not.toBeNull();
      else expect(h.simulator.calls.length).toBeGreaterThan(0);
    } else {
      expect(gateErrors.length).toBeGreaterThan(0);
      expect(gateErrors[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      // Refused fields call nothing; only a parent field that was allowed (A005) may have called e-RS.
      expect(h.simulator.calls.filter((c) => !c.path.startsWith('/STU3/ReferralRequest/'))).toHaveLength(0);
      if (!needsA005) expect(h.simulator.calls).toHaveLength(0);
    }
  });
});

describe('gate table', () => {
  const table = gateTable(ersSchema());

  it('declares the e-RS endpoints of every root field that reads e-RS', () => {
    const rootFields = Object.keys(ersSchema().getQueryType()!.getFields()).filter((f) => f !== 'me');
    for (const field of rootFields) expect(table.map((r) => r.field)).toContain(`Query.${field}`);
  });

  it('only names endpoints of the e-RS specification', () => {
    for (const row of table) for (const endpoint of row.endpoints) expect(ENDPOINT_ACCESS[endpoint]).toBeDefined();
  });

  it('derives who may use a field from its endpoints', () => {
    expect(table.find((r) => r.field === 'Referral.shortlist')).toMatchObject({
      endpoints: ['A035'],
      applicationAllowed: true,
      businessFunctions: ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'],
    });
    expect(table.find((r) => r.field === 'Me.roles')).toMatchObject({ endpoints: ['A030'], businessFunctions: null });
  });
});
