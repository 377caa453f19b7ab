import { checkAccess, ENDPOINT_ACCESS, type EndpointId } from '../../simulator';

describe('simulator access table', () => {
  it('covers every endpoint page of the spec, A004 to A044', () => {
    const ids = Object.keys(ENDPOINT_ACCESS).sort();
    expect(ids).toHaveLength(37);
    expect(ids[0]).toBe('A004');
    expect(ids[ids.length - 1]).toBe('A044');
    for (const missing of ['A009', 'A017', 'A018', 'A039']) expect(ids).not.toContain(missing);
  });

  it.each<[EndpointId, boolean]>([
    ['A004', true],
    ['A005', true],
    ['A008', true],
    ['A010', false],
    ['A011', false],
    ['A013', true],
    ['A028', true],
    ['A033', true],
    ['A038', false],
    ['A042', true],
  ])('%s application-restricted support is %s', (id, expected) => {
    expect(ENDPOINT_ACCESS[id].applicationRestricted).toBe(expected);
  });

  it('lists the provider roles for provider actions and referrer roles for referrer actions', () => {
    expect(ENDPOINT_ACCESS.A014.businessFunctions).toEqual(['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN']);
    expect(ENDPOINT_ACCESS.A011.businessFunctions).toEqual(['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN']);
    expect(ENDPOINT_ACCESS.A040.businessFunctions).toEqual(['SERVICE_PROVIDER_CLINICIAN_ADMIN']);
    expect(ENDPOINT_ACCESS.A030.businessFunctions).toBeNull();
  });

  const bearer = { authorization: 'Bearer x' };
  it.each<[string, EndpointId, Record<string, string>, string]>([
    ['no token', 'A005', {}, 'UNAUTHENTICATED'],
    ['a non-bearer token', 'A005', { authorization: 'Basic abc' }, 'UNAUTHENTICATED'],
    ['application-restricted on a user-only endpoint', 'A010', bearer, 'NO_ACCESS'],
    ['an unknown business function', 'A005', { ...bearer, 'nhsd-ers-business-function': 'JANITOR', 'nhsd-end-user-organisation-ods': 'RZZ' }, 'INVALID_VALUE'],
    ['a role the endpoint does not allow', 'A014', { ...bearer, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'A99001' }, 'FORBIDDEN'],
    ['a role without an organisation', 'A005', { ...bearer, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN' }, 'MISSING_HEADER'],
    ['SPCA without on-behalf-of', 'A005', { ...bearer, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'nhsd-end-user-organisation-ods': 'RZZ' }, 'MISSING_HEADER'],
    ['on-behalf-of with another role', 'A005', { ...bearer, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN', 'nhsd-end-user-organisation-ods': 'RZZ', 'nhsd-ers-on-behalf-of-user-id': '555020000001' }, 'FORBIDDEN'],
  ])('refuses %s', (_name, endpoint, headers, problem) => {
    const result = checkAccess(endpoint, headers);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });

  it('accepts application-restricted, user and on-behalf-of callers', () => {
    expect(checkAccess('A005', bearer)).toEqual({ ok: true, caller: { mode: 'application' } });
    expect(checkAccess('A005', { ...bearer, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'A99001' })).toEqual({
      ok: true,
      caller: { mode: 'user', businessFunction: 'REFERRING_CLINICIAN', odsCode: 'A99001' },
    });
    expect(
      checkAccess('A005', { ...bearer, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'nhsd-end-user-organisation-ods': 'RZZ', 'nhsd-ers-on-behalf-of-user-id': '555020000001' }),
    ).toEqual({ ok: true, caller: { mode: 'user', businessFunction: 'SERVICE_PROVIDER_CLINICIAN_ADMIN', odsCode: 'RZZ', onBehalfOfUserId: '555020000001' } });
  });
});
