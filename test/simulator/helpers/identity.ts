/**
 * Getting e-RS access tokens from the simulator the real way: an application registered with a
 * generated key pair, an RS512 client assertion, and a CIS2 ID token exchanged at /oauth2/token.
 */
import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import type { ApplicationRegistration, RunningSimulator } from '../../../simulator';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

/** An application with its private key (kept by the test) and public JWKS (given to the simulator). */
export interface TestApplication {
  apiKey: string;
  kid: string;
  privateKey: CryptoKey;
  jwks: { keys: JWK[] };
  cis2ClientId?: string;
  odsCode?: string;
}

/** A new application: random API key, a 2048-bit RSA key pair for RS512 with a kid. */
export async function createTestApplication(
  options: { apiKey?: string; kid?: string; cis2ClientId?: string; odsCode?: string } = {},
): Promise<TestApplication> {
  const { privateKey, publicKey } = await generateKeyPair('RS512', { modulusLength: 2048, extractable: true });
  const kid = options.kid ?? `test-${randomUUID().slice(0, 8)}`;
  const jwk = await exportJWK(publicKey);
  const app: TestApplication = {
    apiKey: options.apiKey ?? `api-key-${randomUUID()}`,
    kid,
    privateKey,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS512', use: 'sig' }] },
  };
  if (options.cis2ClientId !== undefined) app.cis2ClientId = options.cis2ClientId;
  if (options.odsCode !== undefined) app.odsCode = options.odsCode;
  return app;
}

/** The registration the simulator needs (public parts only). */
export function registrationOf(app: TestApplication): ApplicationRegistration {
  const registration: ApplicationRegistration = { apiKey: app.apiKey, jwks: app.jwks };
  if (app.cis2ClientId !== undefined) registration.cis2ClientId = app.cis2ClientId;
  if (app.odsCode !== undefined) registration.odsCode = app.odsCode;
  return registration;
}

/** Creates an application and registers it with the simulator (in-process). */
export async function registerTestApplication(
  sim: RunningSimulator,
  options: Parameters<typeof createTestApplication>[0] = {},
): Promise<TestApplication> {
  const app = await createTestApplication(options);
  sim.identity.registerApplication(registrationOf(app));
  return app;
}

export interface ClientAssertionOptions {
  /** Claim overrides; undefined removes a claim. */
  claims?: Record<string, unknown>;
  /** Header overrides; undefined removes a header parameter (alg cannot be removed). */
  header?: Record<string, unknown>;
  /** Default 300 (the most APIM accepts). */
  expiresInSeconds?: number;
  /** Clock for iat/exp (epoch ms); default Date.now(). */
  nowMs?: number;
  /** Sign with another key (e.g. to test a bad signature). */
  signingKey?: CryptoKey;
}

/** An APIM client assertion: RS512, typ JWT, kid; iss = sub = API key, aud = token URL, fresh jti, exp <= 5 min. */
export async function clientAssertion(app: TestApplication, tokenUrl: string, options: ClientAssertionOptions = {}): Promise<string> {
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const claims: Record<string, unknown> = {
    iss: app.apiKey,
    sub: app.apiKey,
    aud: tokenUrl,
    jti: randomUUID(),
    iat: now,
    exp: now + (options.expiresInSeconds ?? 300),
  };
  applyOverrides(claims, options.claims);
  const header: Record<string, unknown> = { alg: 'RS512', typ: 'JWT', kid: app.kid };
  applyOverrides(header, options.header);
  const alg = typeof header.alg === 'string' ? header.alg : 'RS512';
  return new SignJWT(claims).setProtectedHeader({ ...header, alg }).sign(options.signingKey ?? app.privateKey);
}

/** The form of a client_credentials request. */
export async function clientCredentialsForm(
  app: TestApplication,
  tokenUrl: string,
  options: ClientAssertionOptions = {},
): Promise<Record<string, string>> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await clientAssertion(app, tokenUrl, options),
  };
}

/** The form of a CIS2 ID token exchange. */
export async function tokenExchangeForm(
  app: TestApplication,
  tokenUrl: string,
  idToken: string,
  options: ClientAssertionOptions = {},
): Promise<Record<string, string>> {
  return {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token_type: ID_TOKEN_TYPE,
    subject_token: idToken,
    client_assertion_type: CLIENT_ASSERTION_TYPE,
    client_assertion: await clientAssertion(app, tokenUrl, options),
  };
}

export interface TokenHttpResponse {
  status: number;
  headers: Headers;
  body: Record<string, any>;
}

/** POSTs a form to the token endpoint (Content-Type application/x-www-form-urlencoded unless given). */
export async function postToken(
  tokenUrl: string,
  form: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
): Promise<TokenHttpResponse> {
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'Content-Type': contentType },
    body: contentType.startsWith('application/json') ? JSON.stringify(form) : new URLSearchParams(form).toString(),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
}

/** An application-restricted access token (client_credentials), through HTTP; the assertion follows the simulator clock. */
export async function applicationAccessToken(sim: RunningSimulator, app: TestApplication): Promise<string> {
  const response = await postToken(sim.identity.tokenUrl, await clientCredentialsForm(app, sim.identity.tokenUrl, { nowMs: sim.now() }));
  if (response.status !== 200) throw new Error(`client_credentials failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.access_token as string;
}

/** A user-restricted access token: an ID token for the user, exchanged through HTTP (simulator clock). */
export async function userAccessToken(sim: RunningSimulator, app: TestApplication, userId: string): Promise<string> {
  const idToken = await sim.identity.issueIdToken(app.cis2ClientId ? { userId, audience: app.cis2ClientId } : { userId });
  const response = await postToken(
    sim.identity.tokenUrl,
    await tokenExchangeForm(app, sim.identity.tokenUrl, idToken, { nowMs: sim.now() }),
  );
  if (response.status !== 200) throw new Error(`token exchange failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.access_token as string;
}

/** e-RS request headers for a user acting in a role at an organisation (and on behalf of a clinician). */
export function roleHeaders(
  accessToken: string,
  businessFunction: string,
  odsCode: string,
  onBehalfOfUserId?: string,
): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${accessToken}`,
    'NHSD-eRS-Business-Function': businessFunction,
    'NHSD-End-User-Organisation-ODS': odsCode,
  };
  if (onBehalfOfUserId !== undefined) headers['NHSD-eRS-On-Behalf-Of-User-ID'] = onBehalfOfUserId;
  return headers;
}

/** Just the bearer header (application-restricted calls, A030). */
export function bearer(accessToken: string): Record<string, string> {
  return { Authorization: `Bearer ${accessToken}` };
}

/** Well-known users of the default world (seed 1), by what they are good for. */
export const TEST_USERS = {
  /** REFERRING_CLINICIAN at the GP practice and SERVICE_PROVIDER_CLINICIAN at the trust. */
  gpAlsoAtTrust: '555010000001',
  /** REFERRING_CLINICIAN at the GP practice only. */
  referringClinician: '555010000002',
  /** REFERRING_CLINICIAN_ADMIN at the GP practice and COMMISSIONER at the ICB. */
  practiceAdminAlsoAtIcb: '555010000004',
  /** SERVICE_DEFINER, SERVICE_PROVIDER_CLINICIAN, SERVICE_PROVIDER_ADMIN at the trust. */
  providerClinicianWithUnknownCode: '555020000001',
  /** SERVICE_PROVIDER_CLINICIAN at the trust. */
  providerClinician: '555020000002',
  /** SERVICE_PROVIDER_CLINICIAN_ADMIN at the trust. */
  providerClinicianAdmin: '555020000009',
  /** SERVICE_PROVIDER_ADMIN at the trust: exactly one (role, organisation) pair. */
  singlePair: '555020000011',
  /** REFERRING_CLINICIAN at the GP practice with IAL2. */
  lowIdentityAssurance: '555010000006',
  /** SERVICE_PROVIDER_CLINICIAN at the trust with AAL1. */
  lowAuthenticationAssurance: '555020000012',
} as const;

function applyOverrides(target: Record<string, unknown>, overrides: Record<string, unknown> | undefined): void {
  for (const [name, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) delete target[name];
    else target[name] = value;
  }
}
