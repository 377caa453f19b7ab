/**
 * A CIS2-like OpenID Connect issuer at `${origin}/oidc`: discovery, JWKS and signed ID tokens for
 * the world's users. The key pair is generated when the simulator starts, or kept in a local file
 * across restarts (issuer-key-file.ts); there is no interactive sign-in, ID tokens come from
 * issueIdToken (library) or POST /oidc/dev/id-token.
 */
import { randomUUID } from 'node:crypto';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, SignJWT } from 'jose';
import type { Practitioner } from '../data/world';

export type IdTokenAlgorithm = 'RS256' | 'RS512';

export interface IssueIdTokenOptions {
  /** SDS user id of a user of the world (or SimulatorOptions.users). */
  userId: string;
  /** The CIS2 client id the token is for; default the simulator's default CIS2 client id ("ers-graph-dev"). */
  audience?: string;
  /** Default 3600. Negative values give an already expired token. */
  expiresInSeconds?: number;
  /** Claim overrides applied last: a value replaces the claim, `undefined` removes it. */
  claims?: Record<string, unknown>;
  /** Default RS256 (what CIS2 signs with). */
  alg?: IdTokenAlgorithm;
}

/** The issuer's key: one RSA key pair, usable for RS256 and RS512, published once in the JWKS. */
export interface IssuerKey {
  kid: string;
  publicJwk: JWK;
  signing: Record<IdTokenAlgorithm, CryptoKey>;
}

/** Generates the issuer's key pair (2048-bit RSA) with a fresh kid. */
export async function generateIssuerKey(): Promise<IssuerKey> {
  return issuerKeyFromJwk(await generateIssuerPrivateJwk());
}

/** A new 2048-bit RSA private key as a JWK with a fresh kid: what issuer-key-file.ts keeps. */
export async function generateIssuerPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  return { ...(await exportJWK(privateKey)), kid: `ers-sim-cis2-${randomUUID().slice(0, 8)}` };
}

/** The issuer's key from its private JWK (RSA, with a kid); throws when it is not one. */
export async function issuerKeyFromJwk(privateJwk: JWK): Promise<IssuerKey> {
  const { kty, n, e, d, kid } = privateJwk;
  if (kty !== 'RSA' || !n || !e || !d || typeof kid !== 'string' || kid === '') {
    throw new Error('not an RSA private key with a kid');
  }
  const publicJwk: JWK = { kty: 'RSA', n, e, kid, use: 'sig' };
  const [rs256, rs512] = await Promise.all([importJWK(privateJwk, 'RS256'), importJWK(privateJwk, 'RS512')]);
  return { kid, publicJwk, signing: { RS256: rs256 as CryptoKey, RS512: rs512 as CryptoKey } };
}

/** CIS2 `acr` values by authentication assurance level. */
const ACR: Record<number, string> = { 1: 'AAL1_USERPASS', 2: 'AAL2_OR_AAL3_ANY', 3: 'AAL3_ANY' };
/** Representative authentication methods by level: smartcard, an MFA app, a password. */
const AMR: Record<number, string[]> = { 1: ['PWD'], 2: ['MFA'], 3: ['SCAL'] };

/** OpenID Connect discovery document of the issuer. */
export function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'RS512'],
    scopes_supported: ['openid', 'profile', 'email', 'nationalrbacaccess', 'associatedorgs', 'nhsperson'],
    grant_types_supported: ['authorization_code'],
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
    claims_supported: [
      'iss',
      'sub',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'jti',
      'acr',
      'amr',
      'sid',
      'name',
      'given_name',
      'family_name',
      'nhsid_useruid',
      'id_assurance_level',
      'authentication_assurance_level',
    ],
    acr_values_supported: Object.values(ACR),
  };
}

/** Signs an ID token for the user, CIS2 style (header alg, typ JWT, kid). */
export async function signIdToken(
  key: IssuerKey,
  issuer: string,
  user: Practitioner,
  options: IssueIdTokenOptions & { audience: string; nowMs: number },
): Promise<string> {
  const alg = options.alg ?? 'RS256';
  const iat = Math.floor(options.nowMs / 1000);
  const aal = user.authenticationAssuranceLevel;
  const claims: Record<string, unknown> = {
    iss: issuer,
    sub: user.userId,
    aud: options.audience,
    iat,
    exp: iat + (options.expiresInSeconds ?? 3600),
    // Signed in a minute before the token was issued.
    auth_time: iat - 60,
    jti: randomUUID(),
    acr: ACR[aal] ?? `AAL${aal}`,
    amr: AMR[aal] ?? ['PWD'],
    sid: randomUUID(),
    name: `${user.givenName} ${user.familyName}`,
    given_name: user.givenName,
    family_name: user.familyName,
    nhsid_useruid: user.userId,
    id_assurance_level: user.idAssuranceLevel,
    authentication_assurance_level: aal,
  };
  for (const [name, value] of Object.entries(options.claims ?? {})) {
    if (value === undefined) delete claims[name];
    else claims[name] = value;
  }
  return new SignJWT(claims as JWTPayload).setProtectedHeader({ alg, typ: 'JWT', kid: key.kid }).sign(key.signing[alg]);
}
