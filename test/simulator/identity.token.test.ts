import { createLocalJWKSet, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { startSimulator, type RunningSimulator } from '../../simulator';
import {
  CLIENT_ASSERTION_TYPE,
  clientCredentialsForm,
  createTestApplication,
  ID_TOKEN_TYPE,
  postToken,
  registerTestApplication,
  TEST_USERS,
  type TestApplication,
  tokenExchangeForm,
} from './helpers';

describe('simulator identity: CIS2-like issuer and APIM-like token endpoint', () => {
  let sim: RunningSimulator;
  let app: TestApplication;
  let clock: number;
  const start = Date.parse('2025-03-03T09:00:00.000Z');

  beforeAll(async () => {
    clock = start;
    sim = await startSimulator({ port: 0, now: () => clock });
    app = await registerTestApplication(sim);
  });

  afterEach(() => {
    clock = start;
  });

  afterAll(async () => {
    await sim.close();
  });

  const tokenUrl = (): string => sim.identity.tokenUrl;
  const assertion = { nowMs: start };
  const exchange = async (idToken: string, extra: Record<string, string> = {}): ReturnType<typeof postToken> =>
    postToken(tokenUrl(), { ...(await tokenExchangeForm(app, tokenUrl(), idToken, assertion)), ...extra });
  const credentials = async (options: Parameters<typeof clientCredentialsForm>[2] = {}, target = app): ReturnType<typeof postToken> =>
    postToken(tokenUrl(), await clientCredentialsForm(target, tokenUrl(), { ...assertion, ...options }));
  // fetch's json() is unknown-typed; these tests read loosely typed JSON.
  const json = async (url: string, init?: RequestInit): Promise<any> => (await fetch(url, init)).json();
  const expectApimError = (
    response: Awaited<ReturnType<typeof postToken>>,
    status: number,
    error: string,
    description: string | RegExp,
  ): void => {
    expect(response.status).toBe(status);
    expect(Object.keys(response.body).sort()).toEqual(['error', 'error_description', 'message_id']);
    expect(response.body.error).toBe(error);
    expect(response.body.error_description).toEqual(typeof description === 'string' ? description : expect.stringMatching(description));
    expect(response.body.message_id).toMatch(/^[0-9a-f-]{36}$/);
  };

  describe('OIDC issuer', () => {
    it('publishes discovery and a JWKS that verifies an issued ID token', async () => {
      const discovery = await json(`${sim.origin}/oidc/.well-known/openid-configuration`);
      expect(discovery).toMatchObject({
        issuer: `${sim.origin}/oidc`,
        jwks_uri: `${sim.origin}/oidc/jwks`,
        id_token_signing_alg_values_supported: ['RS256', 'RS512'],
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
      });
      expect(sim.identity.issuer).toBe(discovery.issuer);
      const jwks = await json(discovery.jwks_uri);
      expect(jwks.keys).toHaveLength(1);
      expect(jwks.keys[0].d).toBeUndefined();

      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician });
      expect(decodeProtectedHeader(idToken)).toEqual({ alg: 'RS256', typ: 'JWT', kid: jwks.keys[0].kid });
      const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
        issuer: discovery.issuer,
        audience: 'ers-graph-dev',
        currentDate: new Date(start),
      });
      const user = sim.world.practitioners.find((p) => p.userId === TEST_USERS.providerClinician)!;
      expect(payload).toMatchObject({
        sub: user.userId,
        nhsid_useruid: user.userId,
        id_assurance_level: 3,
        authentication_assurance_level: 3,
        given_name: user.givenName,
        family_name: user.familyName,
        name: `${user.givenName} ${user.familyName}`,
        acr: 'AAL3_ANY',
      });
      expect(payload.exp! - payload.iat!).toBe(3600);
      expect(payload.iat).toBe(start / 1000);
      expect(typeof payload.auth_time).toBe('number');
      expect(typeof payload.jti).toBe('string');
      expect(typeof payload.sid).toBe('string');
      expect(Array.isArray(payload.amr)).toBe(true);
    });

    it('signs RS512 on request, carries low assurance levels, and applies claim overrides', async () => {
      const jwks = createLocalJWKSet(await json(`${sim.origin}/oidc/jwks`));
      const rs512 = await sim.identity.issueIdToken({ userId: TEST_USERS.lowIdentityAssurance, alg: 'RS512', audience: 'other-client' });
      const { payload, protectedHeader } = await jwtVerify(rs512, jwks, { audience: 'other-client', currentDate: new Date(start) });
      expect(protectedHeader.alg).toBe('RS512');
      expect(payload.id_assurance_level).toBe(2);
      const aal1 = await sim.identity.issueIdToken({
        userId: TEST_USERS.lowAuthenticationAssurance,
        claims: { id_assurance_level: '3', sid: undefined },
      });
      const verified = (await jwtVerify(aal1, jwks, { currentDate: new Date(start) })).payload;
      expect(verified.authentication_assurance_level).toBe(1);
      expect(verified.id_assurance_level).toBe('3');
      expect(verified.sid).toBeUndefined();
    });

    it('refuses to issue for an unknown user, in the library and over the dev endpoint', async () => {
      await expect(sim.identity.issueIdToken({ userId: '999999999999' })).rejects.toThrow(/999999999999/);
      const response = await fetch(`${sim.origin}/oidc/dev/id-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: '999999999999' }),
      });
      expect(response.status).toBe(404);
      const ok = await fetch(`${sim.origin}/oidc/dev/id-token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ userId: TEST_USERS.singlePair, expiresInSeconds: 60 }),
      });
      const { id_token: idToken } = (await ok.json()) as { id_token: string };
      const jwks = createLocalJWKSet(await json(`${sim.origin}/oidc/jwks`));
      const { payload } = await jwtVerify(idToken, jwks, { currentDate: new Date(start) });
      expect(payload.sub).toBe(TEST_USERS.singlePair);
      expect(payload.exp! - payload.iat!).toBe(60);
    });

    it('lists the development users with their roles', async () => {
      const { users } = await json(`${sim.origin}/oidc/dev/users`);
      const multi = users.find((u: { userId: string }) => u.userId === TEST_USERS.gpAlsoAtTrust);
      expect(multi.roles).toEqual([
        { odsCode: 'A99001', businessFunctions: ['REFERRING_CLINICIAN'] },
        { odsCode: 'RZZ', businessFunctions: ['SERVICE_PROVIDER_CLINICIAN'] },
      ]);
      expect(users).toEqual(sim.devUsers());
    });
  });

  describe('token endpoint: happy paths', () => {
    it('issues an application-restricted token for client_credentials, numbers as strings, no refresh token', async () => {
      sim.resetCalls();
      const response = await credentials();
      expect(response.status).toBe(200);
      expect(Object.keys(response.body).sort()).toEqual(['access_token', 'expires_in', 'issued_at', 'token_type']);
      expect(response.body).toMatchObject({ expires_in: '599', token_type: 'Bearer', issued_at: String(start) });
      expect(response.body.access_token).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(response.body.access_token.split('.')).toHaveLength(1);
      expect(sim.identityCalls).toHaveLength(1);
      expect(sim.identityCalls[0]).toMatchObject({
        path: '/oauth2/token',
        method: 'POST',
        status: 200,
        at: start,
        form: { grant_type: 'client_credentials' },
      });
      expect(sim.calls).toHaveLength(0);
    });

    it('exchanges a CIS2 ID token for a user-restricted token with a refresh token', async () => {
      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician });
      const response = await exchange(idToken);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        access_token: expect.any(String),
        expires_in: '599',
        token_type: 'Bearer',
        issued_token_type: 'urn:ietf:params:oauth:token-type:access_token',
        refresh_token: expect.any(String),
        refresh_token_expires_in: '43199',
        refresh_count: '0',
      });
      expect(response.body.refresh_token).not.toBe(response.body.access_token);
    });

    it('keeps only live tokens: expired access and refresh tokens are dropped as new ones are issued', async () => {
      const kept = () => sim.identity.keptTokens;
      const exchangeAt = async (nowMs: number) => {
        clock = nowMs;
        const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician });
        const response = await postToken(tokenUrl(), await tokenExchangeForm(app, tokenUrl(), idToken, { nowMs }));
        expect(response.status).toBe(200);
      };
      const later = start + 10 * 24 * 3600_000; // after every token the other tests issued
      await exchangeAt(later);
      await exchangeAt(later + 1000);
      const before = kept();
      expect(before.access).toBeGreaterThanOrEqual(2);
      // 600 s on, both access tokens have expired (599 s): issuing one more drops them.
      await exchangeAt(later + 601_000);
      expect(kept().access).toBe(1);
      expect(kept().refresh).toBe(before.refresh + 1);
      // 12 hours on, the refresh tokens have expired too.
      await exchangeAt(later + 601_000 + 43_200_000);
      expect(kept()).toEqual({ access: 1, refresh: 1 });
    });

    it('honours accessTokenTtlSeconds and applications given as options', async () => {
      const preset = await createTestApplication({ cis2ClientId: 'preset-client' });
      const short = await startSimulator({
        port: 0,
        accessTokenTtlSeconds: 60,
        applications: [{ apiKey: preset.apiKey, jwks: preset.jwks, cis2ClientId: 'preset-client' }],
      });
      try {
        const idToken = await short.identity.issueIdToken({ userId: TEST_USERS.providerClinician, audience: 'preset-client' });
        const response = await postToken(short.identity.tokenUrl, await tokenExchangeForm(preset, short.identity.tokenUrl, idToken));
        expect(response.status).toBe(200);
        expect(response.body.expires_in).toBe('60');
      } finally {
        await short.close();
      }
    });

    it('registers an application over the dev HTTP endpoint', async () => {
      const remote = await createTestApplication();
      const registered = await fetch(`${sim.origin}/oauth2/dev/applications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: remote.apiKey, jwks: remote.jwks, odsCode: 'RZZ' }),
      });
      expect(registered.status).toBe(201);
      expect((await credentials({}, remote)).status).toBe(200);
      const bad = await fetch(`${sim.origin}/oauth2/dev/applications`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: 'x', jwks: { keys: [{ kty: 'RSA' }] } }),
      });
      expect(bad.status).toBe(400);
    });
  });

  describe('token endpoint: refusals, as APIM sends them', () => {
    it('answers 415 for a body that is not application/x-www-form-urlencoded', async () => {
      const form = await clientCredentialsForm(app, tokenUrl(), assertion);
      expectApimError(await postToken(tokenUrl(), form, 'application/json'), 415, 'invalid_request', /application\/x-www-form-urlencoded/);
      expectApimError(await postToken(tokenUrl(), form, 'text/plain'), 415, 'invalid_request', /Content-Type/);
    });

    it('refuses a missing or unknown grant type', async () => {
      const form = await clientCredentialsForm(app, tokenUrl(), assertion);
      expectApimError(
        await postToken(tokenUrl(), { ...form, grant_type: 'password' }),
        400,
        'unsupported_grant_type',
        'grant_type is invalid',
      );
      expectApimError(
        await postToken(tokenUrl(), { ...form, grant_type: 'refresh_token' }),
        400,
        'unsupported_grant_type',
        'grant_type is invalid',
      );
      const { grant_type: _omitted, ...withoutGrant } = form;
      expectApimError(await postToken(tokenUrl(), withoutGrant), 400, 'invalid_request', 'grant_type is missing');
    });

    it('refuses a bad client_assertion_type, a missing or malformed assertion', async () => {
      const form = await clientCredentialsForm(app, tokenUrl(), assertion);
      expectApimError(
        await postToken(tokenUrl(), { ...form, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:saml2-bearer' }),
        400,
        'invalid_request',
        `Missing or invalid client_assertion_type - must be '${CLIENT_ASSERTION_TYPE}'`,
      );
      expectApimError(await postToken(tokenUrl(), { ...form, client_assertion: '' }), 400, 'invalid_request', 'Missing client_assertion');
      expectApimError(
        await postToken(tokenUrl(), { ...form, client_assertion: 'not.a.jwt' }),
        400,
        'invalid_request',
        'Malformed JWT in client_assertion',
      );
    });

    it.each<[string, Parameters<typeof clientCredentialsForm>[2], number, string]>([
      [
        'the wrong audience',
        { claims: { aud: 'https://api.service.nhs.uk/oauth2/token' } },
        401,
        "Missing or invalid 'aud' claim in client_assertion JWT",
      ],
      ['no audience', { claims: { aud: undefined } }, 401, "Missing or invalid 'aud' claim in client_assertion JWT"],
      [
        'an exp more than 5 minutes ahead',
        { expiresInSeconds: 301 },
        400,
        "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future",
      ],
      ['an expired assertion', { expiresInSeconds: -1 }, 400, "Invalid 'exp' claim in client_assertion JWT - JWT has expired"],
      [
        'an exp that is a string',
        { claims: { exp: String(start / 1000 + 60) } },
        400,
        "Invalid 'exp' claim in client_assertion JWT - must be an integer",
      ],
      ['no exp', { claims: { exp: undefined } }, 400, "Missing 'exp' claim in client_assertion JWT"],
      [
        'iss different from sub',
        { claims: { sub: 'someone-else' } },
        400,
        "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT",
      ],
      [
        'an unknown API key',
        { claims: { iss: 'unknown-key', sub: 'unknown-key' } },
        401,
        "Invalid 'iss'/'sub' claims in client_assertion JWT",
      ],
      ['no jti', { claims: { jti: undefined } }, 400, "Missing 'jti' claim in client_assertion JWT"],
      [
        'a numeric jti',
        { claims: { jti: 1234 } },
        400,
        "Invalid 'jti' claim in client_assertion JWT - must be a unique string value such as a GUID",
      ],
      [
        'an unknown kid',
        { header: { kid: 'not-registered' } },
        401,
        "Invalid 'kid' header in client_assertion JWT - no matching public key",
      ],
      ['no kid', { header: { kid: undefined } }, 400, "Missing 'kid' header in client_assertion JWT"],
      ['a typ other than JWT', { header: { typ: 'at+jwt' } }, 400, "Invalid 'typ' header in client_assertion JWT - must be 'JWT'"],
    ])('refuses a client assertion with %s', async (_name, options, status, description) => {
      expectApimError(await credentials(options), status, 'invalid_request', description);
    });

    it('refuses an assertion signed with RS256 or with a key the app did not register', async () => {
      const rs256 = await generateKeyPair('RS256');
      expectApimError(
        await credentials({ header: { alg: 'RS256' }, signingKey: rs256.privateKey }),
        400,
        'invalid_request',
        "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'",
      );
      const stranger = await generateKeyPair('RS512');
      expectApimError(await credentials({ signingKey: stranger.privateKey }), 401, 'public_key error', 'JWT signature verification failed');
    });

    it('refuses a reused jti', async () => {
      const form = await clientCredentialsForm(app, tokenUrl(), assertion);
      expect((await postToken(tokenUrl(), form)).status).toBe(200);
      expectApimError(await postToken(tokenUrl(), form), 400, 'invalid_request', "Non-unique 'jti' claim in client_assertion JWT");
    });

    it('judges assertion expiry by the simulator clock', async () => {
      const form = await clientCredentialsForm(app, tokenUrl(), { ...assertion, expiresInSeconds: 120 });
      clock = start + 121_000;
      expectApimError(
        await postToken(tokenUrl(), form),
        400,
        'invalid_request',
        "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
      );
    });

    it('refuses a token exchange without a valid subject token type or subject token', async () => {
      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician });
      expectApimError(
        await exchange(idToken, { subject_token_type: 'urn:ietf:params:oauth:token-type:access_token' }),
        400,
        'invalid_request',
        `missing or invalid subject_token_type - must be '${ID_TOKEN_TYPE}'`,
      );
      expectApimError(await exchange(idToken, { subject_token: '' }), 400, 'invalid_request', 'Missing subject_token');
      expectApimError(await exchange(idToken, { subject_token: 'garbage' }), 400, 'invalid_request', 'Malformed JWT in subject_token');
    });

    it("refuses an ID token issued to another client (aud is not the app's CIS2 client id)", async () => {
      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician, audience: 'someone-elses-client' });
      expectApimError(await exchange(idToken), 401, 'invalid_request', "Invalid 'aud' claim in subject_token JWT");
      const noAud = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician, claims: { aud: undefined } });
      expectApimError(await exchange(noAud), 401, 'invalid_request', "Missing 'aud' claim in subject_token JWT");
    });

    it('refuses an expired ID token, judged by the simulator clock', async () => {
      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician, expiresInSeconds: 60 });
      clock = start + 61_000;
      const form = await tokenExchangeForm(app, tokenUrl(), idToken, { nowMs: clock });
      expectApimError(
        await postToken(tokenUrl(), form),
        400,
        'invalid_request',
        "Invalid 'exp' claim in subject_token JWT - JWT has expired",
      );
      const stringExp = await sim.identity.issueIdToken({
        userId: TEST_USERS.providerClinician,
        claims: { exp: String(clock / 1000 + 600) },
      });
      expectApimError(
        await postToken(tokenUrl(), await tokenExchangeForm(app, tokenUrl(), stringExp, { nowMs: clock })),
        400,
        'invalid_request',
        "Invalid 'exp' claim in subject_token JWT - must be an integer",
      );
    });

    it('refuses an ID token with a bad signature or from another issuer', async () => {
      const idToken = await sim.identity.issueIdToken({ userId: TEST_USERS.providerClinician });
      const [header, payload, signature] = idToken.split('.');
      const tampered = Buffer.from(
        JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: TEST_USERS.providerClinicianAdmin }),
      ).toString('base64url');
      expectApimError(
        await exchange(`${header}.${tampered}.${signature}`),
        400,
        'invalid_grant',
        'Signature verification failed for subject_token JWT',
      );
      const foreign = await sim.identity.issueIdToken({
        userId: TEST_USERS.providerClinician,
        claims: { iss: 'https://am.nhsidentity.spineservices.nhs.uk/openam/oauth2/realms/root/realms/oidc' },
      });
      expectApimError(await exchange(foreign), 401, 'invalid_request', "Invalid 'iss' claim in subject_token JWT");
    });
  });
});
