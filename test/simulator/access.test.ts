import { checkAccess, ENDPOINT_ACCESS, type EndpointId } from '../../simulator';
import type { IdentityLookup } from '../../simulator/identity/identity-service';

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

  // A fake identity world: 'user' is a referring clinician at A99001 and a provider clinician admin at RZZ, 'app' an application of RZZ.
  const clinician = { roles: [{ odsCode: 'RZZ', businessFunctions: ['SERVICE_PROVIDER_CLINICIAN'] }] };
  const users: Record<string, unknown> = {
    '555010000001': {
      roles: [
        { odsCode: 'A99001', businessFunctions: ['REFERRING_CLINICIAN'] },
        { odsCode: 'RZZ', businessFunctions: ['SERVICE_PROVIDER_CLINICIAN_ADMIN'] },
      ],
    },
    '555020000001': clinician,
  };
  const identity: IdentityLookup = {
    authenticate: (token) =>
      token === 'user'
        ? { kind: 'user', userId: '555010000001', apiKey: 'k' }
        : token === 'app'
          ? { kind: 'application', apiKey: 'k', odsCode: 'RZZ' }
          : undefined,
    findUser: (id) => users[id] as ReturnType<IdentityLookup['findUser']>,
  };
  const user = { authorization: 'Bearer user' };
  const app = { authorization: 'Bearer app' };
  it.each<[string, EndpointId, Record<string, string>, string]>([
    ['no token', 'A005', {}, 'UNAUTHENTICATED'],
    ['a non-bearer token', 'A005', { authorization: 'Basic abc' }, 'UNAUTHENTICATED'],
    ['an unknown token', 'A005', { authorization: 'Bearer nope' }, 'UNAUTHENTICATED'],
    ['an application token on a user-only endpoint', 'A010', app, 'NO_ACCESS'],
    [
      'an application token with a role header',
      'A005',
      { ...app, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN' },
      'FORBIDDEN',
    ],
    ['an application token with an organisation header', 'A005', { ...app, 'nhsd-end-user-organisation-ods': 'RZZ' }, 'FORBIDDEN'],
    ['a user token without a role', 'A005', user, 'MISSING_HEADER'],
    [
      'an unknown business function',
      'A005',
      { ...user, 'nhsd-ers-business-function': 'JANITOR', 'nhsd-end-user-organisation-ods': 'RZZ' },
      'INVALID_VALUE',
    ],
    [
      'a role the endpoint does not allow',
      'A014',
      { ...user, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'A99001' },
      'FORBIDDEN',
    ],
    ['a role without an organisation', 'A005', { ...user, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN' }, 'MISSING_HEADER'],
    [
      'a role the user holds elsewhere only',
      'A005',
      { ...user, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'RZZ' },
      'FORBIDDEN',
    ],
    [
      'SPCA without on-behalf-of',
      'A005',
      { ...user, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'nhsd-end-user-organisation-ods': 'RZZ' },
      'MISSING_HEADER',
    ],
    [
      'SPCA on behalf of a non-clinician',
      'A005',
      {
        ...user,
        'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        'nhsd-end-user-organisation-ods': 'RZZ',
        'nhsd-ers-on-behalf-of-user-id': '555010000001',
      },
      'FORBIDDEN',
    ],
    [
      'on-behalf-of with another role',
      'A005',
      {
        ...user,
        'nhsd-ers-business-function': 'REFERRING_CLINICIAN',
        'nhsd-end-user-organisation-ods': 'A99001',
        'nhsd-ers-on-behalf-of-user-id': '555020000001',
      },
      'FORBIDDEN',
    ],
  ])('refuses %s', (_name, endpoint, headers, problem) => {
    const result = checkAccess(endpoint, headers, identity);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toBe(problem);
  });

  it('accepts application-restricted, user, on-behalf-of and role-less callers', () => {
    expect(checkAccess('A005', app, identity)).toEqual({ ok: true, caller: { mode: 'application', apiKey: 'k', odsCode: 'RZZ' } });
    expect(
      checkAccess(
        'A005',
        { ...user, 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'A99001' },
        identity,
      ),
    ).toEqual({
      ok: true,
      caller: { mode: 'user', userId: '555010000001', businessFunction: 'REFERRING_CLINICIAN', odsCode: 'A99001' },
    });
    expect(
      checkAccess(
        'A005',
        {
          ...user,
          'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
          'nhsd-end-user-organisation-ods': 'RZZ',
          'nhsd-ers-on-behalf-of-user-id': '555020000001',
        },
        identity,
      ),
    ).toEqual({
      ok: true,
      caller: {
        mode: 'user',
        userId: '555010000001',
        businessFunction: 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        odsCode: 'RZZ',
        onBehalfOfUserId: '555020000001',
      },
    });
    expect(checkAccess('A030', user, identity)).toEqual({ ok: true, caller: { mode: 'user-without-role', userId: '555010000001' } });
    // A040 is where an SPCA finds whom to act for: no on-behalf-of header needed.
    expect(
      checkAccess(
        'A040',
        { ...user, 'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'nhsd-end-user-organisation-ods': 'RZZ' },
        identity,
      ).ok,
    ).toBe(true);
  });
});
