import { createServer as createHttpServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, exportJWK, exportPKCS8, generateKeyPair, SignJWT } from 'jose';
import { findReferralByState } from '../../simulator';
import { DEV_CIS2_CLIENT_ID } from '../../src/auth/development';
import { createTestApplication, registrationOf } from '../simulator/helpers';
import { Harness, startHarness, USERS } from '../helpers/harness';

const ME = '{ me { kind mode userId applicationId identityAssuranceLevel authenticationAssuranceLevel } }';
const REFERRAL = (ubrn: string) => `{ referral(ubrn: "${ubrn}") { ubrn } }`;

/** A token that is not base64url-JWT at all, one with alg none, and one signed by a stranger's key. */
async function foreignTokens(issuer: string, audience: string, sub: string) {
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: issuer,
    aud: audience,
    sub,
    iat: now,
    exp: now + 600,
    id_assurance_level: '3',
    authentication_assurance_level: '3',
  };
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const { privateKey } = await generateKeyPair('RS256');
  return {
    algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`,
    unknownKey: await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'not-in-jwks' }).sign(privateKey),
  };
}

describe('identity: cis2 flow (development mode, against the simulator’s CIS2 and APIM)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const referral = () => findReferralByState(h.simulator.world, 'BOOKED');

  describe('refuses every unacceptable ID token with UNAUTHENTICATED and no e-RS call', () => {
    const cases: Array<[string, (h: Harness) => Promise<string>, string]> = [
      ['a malformed token', async () => 'not-a-jwt', 'INVALID_TOKEN'],
      [
        'a bad signature',
        async (h) => {
          const token = await h.idToken(USERS.referrer);
          const [header, payload, signature] = token.split('.');
          return `${header}.${payload}.${signature.slice(0, -4)}AAAA`;
        },
        'INVALID_TOKEN',
      ],
      [
        'a wrong issuer',
        (h) => h.simulator.identity.issueIdToken({ userId: USERS.referrer, claims: { iss: 'https://attacker.example/oidc' } }),
        'INVALID_TOKEN',
      ],
      [
        'a wrong audience',
        (h) => h.simulator.identity.issueIdToken({ userId: USERS.referrer, audience: 'another-client' }),
        'INVALID_TOKEN',
      ],
      ['an expired token', (h) => h.simulator.identity.issueIdToken({ userId: USERS.referrer, expiresInSeconds: -60 }), 'TOKEN_EXPIRED'],
      ['identity assurance level 2', (h) => h.simulator.identity.issueIdToken({ userId: USERS.ial2 }), 'ASSURANCE_TOO_LOW'],
      ['authentication assurance level 1', (h) => h.simulator.identity.issueIdToken({ userId: USERS.aal1 }), 'ASSURANCE_TOO_LOW'],
      [
        'no assurance claims',
        (h) => h.simulator.identity.issueIdToken({ userId: USERS.referrer, claims: { id_assurance_level: undefined } }),
        'ASSURANCE_TOO_LOW',
      ],
      [
        'alg none',
        async (h) => (await foreignTokens(h.simulator.identity.issuer, DEV_CIS2_CLIENT_ID, USERS.referrer)).algNone,
        'INVALID_TOKEN',
      ],
      [
        'a key not in the JWKS',
        async (h) => (await foreignTokens(h.simulator.identity.issuer, DEV_CIS2_CLIENT_ID, USERS.referrer)).unknownKey,
        'INVALID_TOKEN',
      ],
    ];

    it.each(cases)('%s', async (_name, token, reason) => {
      const result = await h.query(REFERRAL(referral().ubrn), undefined, {
        user: null,
        headers: { Authorization: `Bearer ${await token(h)}` },
      });
      expect(result.status).toBe(401);
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason });
      expect(h.simulator.calls).toHaveLength(0);
      expect(h.simulator.identityCalls).toHaveLength(0);
    });

    it('a non-bearer Authorization header', async () => {
      const result = await h.query(ME, undefined, { user: null, headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
      expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' });
      expect(h.simulator.calls).toHaveLength(0);
    });
  });

  it('accepts assurance levels sent as strings or numbers', async () => {
    const asNumbers = await h.simulator.identity.issueIdToken({
      userId: USERS.referrer,
      claims: { id_assurance_level: 3, authentication_assurance_level: 2 },
    });
    const result = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${asNumbers}` } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toMatchObject({ userId: USERS.referrer, identityAssuranceLevel: 3, authenticationAssuranceLevel: 2 });
  });

  it('in development, answers introspection without a token but no e-RS field', async () => {
    const intro = await h.query('{ __schema { queryType { name } } }', undefined, { user: null });
    expect(intro.errors).toBeUndefined();
    expect(intro.data!.__schema.queryType.name).toBe('Query');
    const me = await h.query(ME, undefined, { user: null });
    expect(me.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
  });

  it('exchanges an ID token once with a correct client assertion, then reuses the APIM token', async () => {
    const token = await h.simulator.identity.issueIdToken({ userId: USERS.referrer });
    const headers = { Authorization: `Bearer ${token}` };
    for (let i = 0; i < 3; i++) {
      const result = await h.query(REFERRAL(referral().ubrn), undefined, { user: null, headers });
      expect(result.errors).toBeUndefined();
    }
    const exchanges = h.simulator.identityCalls.filter((c) => c.path === '/oauth2/token');
    expect(exchanges).toHaveLength(1);
    const [call] = exchanges;
    expect(call.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(call.status).toBe(200);
    expect(call.form).toMatchObject({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token_type: 'urn:ietf:params:oauth:token-type:id_token',
      subject_token: token,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    });
    const assertion = call.form.client_assertion;
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS512', typ: 'JWT', kid: h.config.auth.apim!.kid });
    const claims = decodeJwt(assertion);
    expect(claims).toMatchObject({ iss: h.config.auth.apim!.apiKey, sub: h.config.auth.apim!.apiKey, aud: h.simulator.identity.tokenUrl });
    expect(claims.exp! - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(300);
    expect(typeof claims.jti).toBe('string');
  });

  it('never sends the same jti twice', async () => {
    await Promise.all(
      [USERS.referrer, USERS.providerClinician, USERS.twoOrganisations].map(async (user) =>
        h.query(ME, undefined, {
          user: null,
          headers: { Authorization: `Bearer ${await h.simulator.identity.issueIdToken({ userId: user })}` },
        }),
      ),
    );
    await Promise.all(
      [USERS.referrer, USERS.providerClinician].map(async (user) =>
        h.query(`{ me { roles { odsCode } } }`, undefined, {
          user: null,
          headers: { Authorization: `Bearer ${await h.simulator.identity.issueIdToken({ userId: user })}` },
        }),
      ),
    );
    const jtis = h.simulator.identityCalls.map((c) => decodeJwt(c.form.client_assertion).jti);
    expect(jtis.length).toBeGreaterThanOrEqual(2);
    expect(new Set(jtis).size).toBe(jtis.length);
  });

  it('after e-RS answers 401 (token revoked), exchanges again once and succeeds', async () => {
    const token = await h.simulator.identity.issueIdToken({ userId: USERS.referrer });
    const headers = { Authorization: `Bearer ${token}` };
    expect((await h.query(REFERRAL(referral().ubrn), undefined, { user: null, headers })).errors).toBeUndefined();
    h.simulator.identity.revokeAccessTokens();
    h.simulator.resetCalls();

    const result = await h.query(REFERRAL(referral().ubrn), undefined, { user: null, headers });
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral.ubrn).toBe(referral().ubrn);
    expect(h.simulator.identityCalls.filter((c) => c.form.grant_type?.endsWith('token-exchange'))).toHaveLength(1);
    expect(h.simulator.calls.map((c) => c.status)).toEqual([401, 200]);
  });
});

describe('identity: roles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const ubrn = () => findReferralByState(h.simulator.world, 'BOOKED').ubrn;

  it('me lists every role from A030, unknown codes flagged, and the active role', async () => {
    const result = await h.query(
      '{ me { userId roles { businessFunction businessFunctionCode odsCode known } activeRole { businessFunction odsCode } } }',
      undefined,
      {
        user: '555020000001',
        headers: { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN', 'NHSD-End-User-Organisation-ODS': 'RZZ' },
      },
    );
    expect(result.errors).toBeUndefined();
    const roles = result.data!.me.roles as Array<{ businessFunction: string | null; businessFunctionCode: string; known: boolean }>;
    expect(roles.find((r) => r.businessFunctionCode === 'SERVICE_DEFINER')).toMatchObject({ businessFunction: null, known: false });
    expect(
      roles
        .filter((r) => r.known)
        .map((r) => r.businessFunction)
        .sort(),
    ).toEqual(['SERVICE_PROVIDER_ADMIN', 'SERVICE_PROVIDER_CLINICIAN']);
    expect(result.data!.me.activeRole).toEqual({ businessFunction: 'SERVICE_PROVIDER_CLINICIAN', odsCode: 'RZZ' });
    expect(h.simulator.calls.map((c) => c.path)).toEqual(['/R4/PractitionerRole']);
    expect(h.simulator.calls[0].headers['nhsd-ers-business-function']).toBeUndefined();
  });

  it('uses the only role of a user who sends no role headers', async () => {
    const result = await h.query(REFERRAL(ubrn()), undefined, { user: USERS.referrer });
    expect(result.errors).toBeUndefined();
    const read = h.ersCalls()[0];
    expect(read.headers).toMatchObject({ 'nhsd-ers-business-function': 'REFERRING_CLINICIAN', 'nhsd-end-user-organisation-ods': 'A99001' });
  });

  it('asks a user with several roles to choose one, listing them, before any other e-RS call', async () => {
    const result = await h.query(REFERRAL(ubrn()), undefined, { user: USERS.twoOrganisations });
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(result.errors![0].extensions!.availableRoles).toEqual(
      expect.arrayContaining([
        { businessFunction: 'REFERRING_CLINICIAN', odsCode: 'A99001' },
        { businessFunction: 'SERVICE_PROVIDER_CLINICIAN', odsCode: 'RZZ' },
      ]),
    );
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('acts in the chosen role of a user with several', async () => {
    const result = await h.query(REFERRAL(ubrn()), undefined, {
      user: USERS.twoOrganisations,
      headers: { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN', 'NHSD-End-User-Organisation-ODS': 'RZZ' },
    });
    expect(result.errors).toBeUndefined();
    expect(h.ersCalls()[0].headers).toMatchObject({
      'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN',
      'nhsd-end-user-organisation-ods': 'RZZ',
    });
  });

  it.each([
    [
      'a role at an organisation the user does not have it at',
      { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-End-User-Organisation-ODS': 'RZZ' },
      'FORBIDDEN',
    ],
    [
      'a role the user does not hold',
      {
        'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
        'NHSD-End-User-Organisation-ODS': 'A99001',
        'NHSD-eRS-On-Behalf-Of-User-ID': '555020000002',
      },
      'FORBIDDEN',
    ],
    [
      'on-behalf-of without SERVICE_PROVIDER_CLINICIAN_ADMIN',
      {
        'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN',
        'NHSD-End-User-Organisation-ODS': 'A99001',
        'NHSD-eRS-On-Behalf-Of-User-ID': '555020000002',
      },
      // e-RS answers 403 (issue 14, item 3).
      'FORBIDDEN',
    ],
    [
      'not a business function',
      { 'NHSD-eRS-Business-Function': 'SUPERUSER', 'NHSD-End-User-Organisation-ODS': 'A99001' },
      'BAD_USER_INPUT',
    ],
  ])('refuses %s before any other e-RS call', async (_name, headers, code) => {
    const result = await h.query(REFERRAL(ubrn()), undefined, { user: USERS.referrer, headers });
    expect(result.data!.referral).toBeNull();
    expect(result.errors![0].extensions!.code).toBe(code);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('requires on-behalf-of for SERVICE_PROVIDER_CLINICIAN_ADMIN, and lists the candidates (A040)', async () => {
    const headers = { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN_ADMIN', 'NHSD-End-User-Organisation-ODS': 'RZZ' };
    const refused = await h.query(REFERRAL(ubrn()), undefined, { user: USERS.providerAdmin, headers });
    expect(refused.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(refused.errors![0].message).toMatch(/On-Behalf-Of/);
    expect(h.ersCalls()).toHaveLength(0);

    const me = await h.query('{ me { activeRole { businessFunction } onBehalfOfCandidates { userId } } }', undefined, {
      user: USERS.providerAdmin,
      headers,
    });
    expect(me.errors).toBeUndefined();
    const candidates = (me.data!.me.onBehalfOfCandidates as Array<{ userId: string }>).map((c) => c.userId);
    expect(candidates).toContain('555020000002');
    const a040 = h.ersCalls().find((c) => c.path === '/R4/Practitioner')!;
    expect(a040.query).toEqual({ _query: 'onBehalfOf' });
    expect(a040.headers['nhsd-ers-on-behalf-of-user-id']).toBeUndefined();

    // Asked twice in one request (aliases), A040 is read once.
    h.simulator.resetCalls();
    const twice = await h.query('{ me { a: onBehalfOfCandidates { userId } b: onBehalfOfCandidates { userId } } }', undefined, {
      user: USERS.providerAdmin,
      headers,
    });
    expect(twice.data!.me.a).toEqual(twice.data!.me.b);
    expect(h.ersCalls().filter((c) => c.path === '/R4/Practitioner')).toHaveLength(1);

    const acting = await h.query(REFERRAL(ubrn()), undefined, {
      user: USERS.providerAdmin,
      headers: { ...headers, 'NHSD-eRS-On-Behalf-Of-User-ID': candidates[0] },
    });
    expect(acting.errors).toBeUndefined();
  });

  it('reads A030 once per user and token, across requests', async () => {
    for (let i = 0; i < 3; i++) await h.query(REFERRAL(ubrn()), undefined, { user: USERS.providerClinician });
    expect(h.simulator.calls.filter((c) => c.path === '/R4/PractitionerRole').length).toBeLessThanOrEqual(1);
    expect(h.ersCalls()).toHaveLength(3);
  });

  it('never mixes two users’ tokens, roles or data in concurrent requests', async () => {
    const users = [USERS.referrer, USERS.providerClinician];
    // A correlation id may not hold six digits in a row (an SDS user id has 12): name the user by a label.
    const label = (user: string) => (user === USERS.referrer ? 'referrer' : 'provider');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => users[i % 2]).map(async (user) => ({
        user,
        result: await h.query(`{ me { userId roles { businessFunction odsCode } } referral(ubrn: "${ubrn()}") { ubrn } }`, undefined, {
          user,
          headers: { 'X-Correlation-ID': `c-${label(user)}-${Math.random().toString(36).slice(2)}` },
        }),
      })),
    );
    for (const { user, result } of results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.me.userId).toBe(user);
      const expected = user === USERS.referrer ? 'REFERRING_CLINICIAN' : 'SERVICE_PROVIDER_CLINICIAN';
      expect(result.data!.me.roles.map((r: { businessFunction: string }) => r.businessFunction)).toEqual([expected]);
    }
    // Each e-RS call carried the role of the user whose request it served (the calls of these 20 requests,
    // told by their correlation ids: a call an earlier test left in flight is not one of them).
    const ours = h.ersCalls().filter((call) => /^c-(referrer|provider)-/.test(call.headers['x-correlation-id'] ?? ''));
    expect(ours.length).toBeGreaterThanOrEqual(20);
    for (const call of ours) {
      const user = call.headers['x-correlation-id'].split('-')[1];
      const expected = user === 'referrer' ? 'REFERRING_CLINICIAN' : 'SERVICE_PROVIDER_CLINICIAN';
      expect(call.headers['nhsd-ers-business-function']).toBe(expected);
    }
    const tokensByUser = new Map<string, Set<string>>();
    for (const call of h.simulator.calls.filter((c) => /^c-(referrer|provider)-/.test(c.headers['x-correlation-id'] ?? ''))) {
      const user = call.headers['x-correlation-id'].split('-')[1];
      if (!tokensByUser.has(user)) tokensByUser.set(user, new Set());
      tokensByUser.get(user)!.add(call.headers.authorization);
    }
    const [a, b] = [...tokensByUser.values()];
    expect([...a].some((token) => b.has(token))).toBe(false);
  });
});

describe('identity: application mode', () => {
  let h: Harness;
  let callerIssuer: Server;
  let signCaller: (claims?: Record<string, unknown>) => Promise<string>;
  let apiKey: string;
  const audience = 'ers-graph';

  beforeAll(async () => {
    // The trust's own identity provider: a JWKS served over HTTP, tokens signed here.
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'trust-1', alg: 'RS256', use: 'sig' };
    callerIssuer = createHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => callerIssuer.listen(0, '127.0.0.1', resolve));
    const issuerUrl = `http://127.0.0.1:${(callerIssuer.address() as AddressInfo).port}`;
    signCaller = (claims = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuerUrl, aud: audience, sub: 'worklist-sync-job', iat: now, exp: now + 600, ...claims };
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'trust-1' }).sign(privateKey);
    };

    h = await startHarness({
      auth: async (simulator) => {
        const app = await createTestApplication();
        simulator.identity.registerApplication(registrationOf(app));
        apiKey = app.apiKey;
        return {
          mode: 'application',
          apim: {
            tokenUrl: simulator.identity.tokenUrl,
            apiKey: app.apiKey,
            kid: app.kid,
            privateKeyPem: await exportPKCS8(app.privateKey),
          },
          callers: { issuer: issuerUrl, audience, jwksUrl: `${issuerUrl}/jwks` },
        };
      },
    });
  });
  afterAll(async () => {
    await h.close();
    await new Promise((resolve) => callerIssuer.close(resolve));
  });
  beforeEach(() => h.simulator.resetCalls());

  const as = async (query: string, token?: string) =>
    h.query(query, undefined, { user: null, headers: { Authorization: `Bearer ${token ?? (await signCaller())}` } });

  it('refuses an anonymous caller with HTTP 401', async () => {
    const result = await h.query('{ __typename }', undefined, { user: null });
    expect(result.status).toBe(401);
    expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('refuses a caller token of another audience or an expired one', async () => {
    for (const token of [await signCaller({ aud: 'someone-else' }), await signCaller({ exp: Math.floor(Date.now() / 1000) - 10 })]) {
      const result = await as(ME, token);
      expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(h.simulator.identityCalls).toHaveLength(0);
  });

  it('reads a referral with its own application token and no role headers', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await as(REFERRAL(referral.ubrn));
    expect(result.errors).toBeUndefined();
    const [call] = h.simulator.calls;
    expect(call.headers['nhsd-ers-business-function']).toBeUndefined();
    expect(call.headers['nhsd-end-user-organisation-ods']).toBeUndefined();
    expect(call.headers['nhsd-ers-on-behalf-of-user-id']).toBeUndefined();
    const me = await as(ME);
    expect(me.data!.me).toMatchObject({ kind: 'APPLICATION', mode: 'APPLICATION', userId: null, applicationId: 'worklist-sync-job' });
  });

  it('fetches one client-credentials token for 50 concurrent requests', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const fresh = await startHarness({
      auth: async (simulator) => {
        const app = await createTestApplication();
        simulator.identity.registerApplication(registrationOf(app));
        return {
          ...h.config.auth,
          apim: {
            ...h.config.auth.apim!,
            tokenUrl: simulator.identity.tokenUrl,
            apiKey: app.apiKey,
            kid: app.kid,
            privateKeyPem: await exportPKCS8(app.privateKey),
          },
        };
      },
    });
    try {
      const token = await signCaller();
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          fresh.query(REFERRAL(referral.ubrn), undefined, { user: null, headers: { Authorization: `Bearer ${token}` } }),
        ),
      );
      expect(results.every((r) => r.errors === undefined)).toBe(true);
      const grants = fresh.simulator.identityCalls.filter((c) => c.form.grant_type === 'client_credentials');
      expect(grants).toHaveLength(1);
      expect(grants[0].form).not.toHaveProperty('subject_token');
    } finally {
      await fresh.close();
    }
  });

  it('refuses user-only fields before any e-RS call (A030 roles: none; A040 not allowed)', async () => {
    const result = await as('{ me { roles { odsCode } activeRole { odsCode } onBehalfOfCandidates { userId } } }');
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toEqual({ roles: [], activeRole: null, onBehalfOfCandidates: null });
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('renews the shared token after e-RS refuses it', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    expect((await as(REFERRAL(referral.ubrn))).errors).toBeUndefined();
    h.simulator.identity.revokeAccessTokens();
    h.simulator.resetCalls();
    expect((await as(REFERRAL(referral.ubrn))).errors).toBeUndefined();
    expect(h.simulator.identityCalls.filter((c) => c.form.grant_type === 'client_credentials')).toHaveLength(1);
    expect(apiKey).toBeDefined();
  });
});

describe('identity: application token expiry', () => {
  it('renews the application token ~60 s before it expires', async () => {
    let now = Date.now();
    const clock = () => now;
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k', alg: 'RS256' };
    const jwks = createHttpServer((_req, res) => res.end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const issuer = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}`;
    const h = await startHarness({
      simulator: { now: clock },
      now: clock,
      auth: async (simulator) => {
        const app = await createTestApplication();
        simulator.identity.registerApplication(registrationOf(app));
        return {
          mode: 'application',
          apim: {
            tokenUrl: simulator.identity.tokenUrl,
            apiKey: app.apiKey,
            kid: app.kid,
            privateKeyPem: await exportPKCS8(app.privateKey),
          },
          callers: { issuer, audience: 'ers-graph', jwksUrl: `${issuer}/jwks` },
        };
      },
    });
    try {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'RS256', kid: 'k' })
        .setIssuer(issuer)
        .setAudience('ers-graph')
        .setSubject('job')
        .setIssuedAt()
        .setExpirationTime('2h')
        .sign(privateKey);
      // A current referral read: never served from a cache, so every ask reaches e-RS with the token.
      const ask = () =>
        h.query('{ referral(ubrn: "000050000001") { ubrn } }', undefined, { user: null, headers: { Authorization: `Bearer ${token}` } });
      const grants = () => h.simulator.identityCalls.filter((c) => c.form.grant_type === 'client_credentials').length;
      expect((await ask()).errors).toBeUndefined();
      now += 500_000; // 99 s of 599 left: still used
      expect((await ask()).errors).toBeUndefined();
      expect(grants()).toBe(1);
      now += 45_000; // 54 s left: renewed before e-RS would refuse it
      expect((await ask()).errors).toBeUndefined();
      expect(grants()).toBe(2);
      expect(h.simulator.calls.every((c) => c.status === 200)).toBe(true);
    } finally {
      await h.close();
      await new Promise((resolve) => jwks.close(resolve));
    }
  });
});

describe('identity: apim mode (combined authentication)', () => {
  let h: Harness;
  let accessToken: string;
  beforeAll(async () => {
    h = await startHarness({ auth: async () => ({ mode: 'apim' }) });
    // The front end got this APIM token itself (here: the token exchange a front end would do).
    const { registerTestApplication, userAccessToken } = await import('../simulator/helpers');
    const app = await registerTestApplication(h.simulator, { cis2ClientId: 'front-end' });
    accessToken = await userAccessToken(h.simulator, app, USERS.referrer);
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('forwards the caller’s APIM token and learns who they are from A030', async () => {
    const result = await h.query('{ me { kind mode userId roles { businessFunction } } }', undefined, {
      user: null,
      headers: { Authorization: `Bearer ${accessToken}` },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.me).toMatchObject({
      kind: 'USER',
      mode: 'APIM',
      userId: USERS.referrer,
      roles: [{ businessFunction: 'REFERRING_CLINICIAN' }],
    });
    expect(h.simulator.calls[0].headers.authorization).toBe(`Bearer ${accessToken}`);
    expect(h.simulator.identityCalls).toHaveLength(0);
  });

  it('gives UNAUTHENTICATED when e-RS refuses the token, without a retry it cannot win', async () => {
    const result = await h.query('{ me { userId } }', undefined, { user: null, headers: { Authorization: 'Bearer not-a-live-token' } });
    expect(result.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', httpStatus: 401 });
    expect(h.simulator.calls.map((c) => c.status)).toEqual([401]);
  });
});
