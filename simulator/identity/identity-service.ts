/**
 * The simulator's identity world: a CIS2-like OIDC issuer and an APIM-like OAuth 2.0 token
 * endpoint (signed-JWT client authentication, client_credentials and CIS2 ID-token exchange),
 * plus the access tokens it issued, which the /FHIR endpoints check.
 *
 * Behaviour follows NHS APIM's "application-restricted (signed JWT)" and "user-restricted,
 * CIS2 separate authentication" patterns: opaque access tokens living 599 s, numbers sent as
 * strings, errors as `{ error, error_description, message_id }`.
 */
import { randomBytes } from 'node:crypto';
import {
  compactVerify,
  decodeJwt,
  decodeProtectedHeader,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type ProtectedHeaderParameters,
} from 'jose';
import type { Practitioner } from '../data/world';
import {
  ACCESS_TOKEN_TYPE,
  apimError,
  ApimError,
  FORM_CONTENT_TYPE,
  ID_TOKEN_TYPE,
  invalidRequest,
  JWT_BEARER_ASSERTION_TYPE,
  TOKEN_EXCHANGE_GRANT,
  unauthorisedRequest,
} from './apim-errors';
import { loadOrCreateIssuerKey } from './issuer-key-file';
import { discoveryDocument, generateIssuerKey, type IssueIdTokenOptions, type IssuerKey, signIdToken } from './oidc-issuer';

/** An application registered with the APIM-like token endpoint (a developer-portal app). */
export interface ApplicationRegistration {
  /** The app's API key: iss and sub of its client assertions. */
  apiKey: string;
  /** The app's public keys; each needs a kid. */
  jwks: { keys: JWK[] };
  /** The CIS2 client id its users' ID tokens are issued to (their aud); default "ers-graph-dev". */
  cis2ClientId?: string;
  /** The organisation an application-restricted token acts for; default the provider trust. */
  odsCode?: string;
}

/** One call to /oauth2/token, recorded apart from the e-RS calls. */
export interface IdentityCall {
  path: string;
  method: string;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** The form fields as sent. */
  form: Record<string, string>;
  status: number;
  /** Epoch milliseconds (the simulator clock). */
  at: number;
}

/** Who an access token acts for. */
export type TokenSubject = { kind: 'user'; userId: string; apiKey: string } | { kind: 'application'; apiKey: string; odsCode: string };

/** What /FHIR routes need from the identity world. */
export interface IdentityLookup {
  /** The live token's subject; undefined for unknown, expired or revoked tokens. */
  authenticate(accessToken: string): TokenSubject | undefined;
  findUser(userId: string): Practitioner | undefined;
}

export interface TokenResponse {
  status: number;
  body: Record<string, string> | ApimError;
}

interface RegisteredApplication {
  apiKey: string;
  cis2ClientId: string;
  odsCode: string;
  keys: Map<string, JWK>;
  imported: Map<string, Promise<CryptoKey>>;
}

interface IssuedToken {
  subject: TokenSubject;
  expiresAt: number;
}

export interface IdentityServiceOptions {
  /** http://host:port, known once the server listens. */
  origin: () => string;
  now: () => number;
  findUser: (userId: string) => Practitioner | undefined;
  accessTokenTtlSeconds: number;
  /** Default CIS2 client id (ID-token audience and application cis2ClientId). */
  defaultCis2ClientId: string;
  /** Default organisation of application-restricted tokens. */
  defaultApplicationOdsCode: string;
  /** A file that keeps the issuer's signing key across restarts (created on first use); undefined: a new key each start. */
  issuerKeyFile?: string;
}

const REFRESH_TOKEN_EXPIRES_IN = '43199';
/** APIM refuses client assertions expiring more than 5 minutes ahead. */
const MAX_ASSERTION_LIFETIME_SECONDS = 300;

/** The identity world of one running simulator. */
export class IdentityService implements IdentityLookup {
  private readonly applications = new Map<string, RegisteredApplication>();
  private readonly accessTokens = new Map<string, IssuedToken>();
  private readonly refreshTokens = new Map<string, IssuedToken>();
  /** jti of accepted client assertions -> when they may be forgotten (epoch ms). */
  private readonly usedJtis = new Map<string, number>();
  private readonly verificationKeys = new Map<string, Promise<CryptoKey>>();

  private constructor(
    private readonly key: IssuerKey,
    private readonly options: IdentityServiceOptions,
  ) {}

  static async create(options: IdentityServiceOptions): Promise<IdentityService> {
    const key = options.issuerKeyFile ? await loadOrCreateIssuerKey(options.issuerKeyFile) : await generateIssuerKey();
    return new IdentityService(key, options);
  }

  /** `${origin}/oidc` */
  get issuer(): string {
    return `${this.options.origin()}/oidc`;
  }

  /** `${origin}/oauth2/token`: the exact aud of client assertions. */
  get tokenUrl(): string {
    return `${this.options.origin()}/oauth2/token`;
  }

  get defaultCis2ClientId(): string {
    return this.options.defaultCis2ClientId;
  }

  discovery(): Record<string, unknown> {
    return discoveryDocument(this.issuer);
  }

  jwks(): { keys: JWK[] } {
    return { keys: [{ ...this.key.publicJwk }] };
  }

  /** A signed ID token for a user of the world; throws for an unknown user. */
  issueIdToken(options: IssueIdTokenOptions): Promise<string> {
    const user = this.options.findUser(options.userId);
    if (!user) return Promise.reject(new UnknownUserError(options.userId));
    return signIdToken(this.key, this.issuer, user, {
      ...options,
      audience: options.audience ?? this.options.defaultCis2ClientId,
      nowMs: this.options.now(),
    });
  }

  /** Registers (or replaces) an application; throws on a malformed registration. */
  registerApplication(app: ApplicationRegistration): void {
    if (typeof app.apiKey !== 'string' || app.apiKey.trim() === '') throw new Error('apiKey is required');
    if (!app.jwks || !Array.isArray(app.jwks.keys) || app.jwks.keys.length === 0)
      throw new Error('jwks.keys needs at least one public key');
    const keys = new Map<string, JWK>();
    for (const jwk of app.jwks.keys) {
      if (typeof jwk.kid !== 'string' || jwk.kid === '') throw new Error('Every key in jwks needs a kid');
      if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string')
        throw new Error(`Key ${jwk.kid} must be an RSA public key (kty RSA, n, e)`);
      if (jwk.d !== undefined) throw new Error(`Key ${jwk.kid} holds a private part (d); register the public key only`);
      keys.set(jwk.kid, { kty: 'RSA', n: jwk.n, e: jwk.e, kid: jwk.kid });
    }
    this.applications.set(app.apiKey, {
      apiKey: app.apiKey,
      cis2ClientId: app.cis2ClientId ?? this.options.defaultCis2ClientId,
      odsCode: app.odsCode ?? this.options.defaultApplicationOdsCode,
      keys,
      imported: new Map(),
    });
  }

  /** Makes every access token issued so far invalid (refresh tokens stay). */
  revokeAccessTokens(): void {
    this.accessTokens.clear();
  }

  authenticate(accessToken: string): TokenSubject | undefined {
    const issued = this.accessTokens.get(accessToken);
    if (!issued) return undefined;
    if (this.options.now() >= issued.expiresAt) {
      this.accessTokens.delete(accessToken);
      return undefined;
    }
    return issued.subject;
  }

  findUser(userId: string): Practitioner | undefined {
    return this.options.findUser(userId);
  }

  /** POST /oauth2/token: the content type as sent and the form fields. */
  async token(contentType: string | undefined, form: Record<string, string>): Promise<TokenResponse> {
    const result = await this.handleToken(contentType, form);
    return result instanceof ApimError ? { status: result.status, body: result } : { status: 200, body: result };
  }

  private async handleToken(contentType: string | undefined, form: Record<string, string>): Promise<Record<string, string> | ApimError> {
    const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== FORM_CONTENT_TYPE) {
      return apimError(415, 'invalid_request', `Content-Type must be '${FORM_CONTENT_TYPE}'`);
    }
    const grantType = form.grant_type;
    if (!grantType) return invalidRequest('grant_type is missing');
    if (grantType !== 'client_credentials' && grantType !== TOKEN_EXCHANGE_GRANT) {
      return apimError(400, 'unsupported_grant_type', 'grant_type is invalid');
    }
    if (form.client_assertion_type !== JWT_BEARER_ASSERTION_TYPE) {
      return invalidRequest(`Missing or invalid client_assertion_type - must be '${JWT_BEARER_ASSERTION_TYPE}'`);
    }
    if (grantType === TOKEN_EXCHANGE_GRANT) {
      if (form.subject_token_type !== ID_TOKEN_TYPE)
        return invalidRequest(`missing or invalid subject_token_type - must be '${ID_TOKEN_TYPE}'`);
      if (!form.subject_token) return invalidRequest('Missing subject_token');
    }

    const client = await this.authenticateClient(form.client_assertion);
    if (client instanceof ApimError) return client;

    if (grantType === 'client_credentials') {
      const now = this.options.now();
      const accessToken = this.mint(
        this.accessTokens,
        { kind: 'application', apiKey: client.apiKey, odsCode: client.odsCode },
        now + this.ttlMs(),
      );
      return {
        access_token: accessToken,
        expires_in: String(this.options.accessTokenTtlSeconds),
        token_type: 'Bearer',
        issued_at: String(now),
      };
    }

    const subject = await this.verifySubjectToken(form.subject_token, client);
    if (typeof subject !== 'string') return subject;
    const now = this.options.now();
    const tokenSubject: TokenSubject = { kind: 'user', userId: subject, apiKey: client.apiKey };
    const accessToken = this.mint(this.accessTokens, tokenSubject, now + this.ttlMs());
    const refreshToken = this.mint(this.refreshTokens, tokenSubject, now + (Number(REFRESH_TOKEN_EXPIRES_IN) + 1) * 1000);
    return {
      access_token: accessToken,
      expires_in: String(this.options.accessTokenTtlSeconds),
      token_type: 'Bearer',
      issued_token_type: ACCESS_TOKEN_TYPE,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TOKEN_EXPIRES_IN,
      refresh_count: '0',
    };
  }

  /** Checks the client assertion the way APIM does: headers, claims, jti, then the app, audience, key and signature. */
  private async authenticateClient(assertion: string | undefined): Promise<RegisteredApplication | ApimError> {
    if (!assertion) return invalidRequest('Missing client_assertion');
    const decoded = decode(assertion);
    if (!decoded) return invalidRequest('Malformed JWT in client_assertion');
    const { header, claims } = decoded;
    const what = 'client_assertion JWT';

    if (!header.alg) return invalidRequest(`Missing 'alg' header in ${what}`);
    if (header.alg !== 'RS512') return invalidRequest(`Invalid 'alg' header in ${what} - unsupported JWT algorithm - must be 'RS512'`);
    if (!header.kid) return invalidRequest(`Missing 'kid' header in ${what}`);
    if (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'jwt')
      return invalidRequest(`Invalid 'typ' header in ${what} - must be 'JWT'`);

    const nowSeconds = this.options.now() / 1000;
    const expiry = checkExpiry(claims, nowSeconds, what);
    if (expiry) return expiry;
    if (!claims.iss || claims.iss !== claims.sub) return invalidRequest(`Missing or non-matching 'iss'/'sub' claims in ${what}`);
    if (claims.jti === undefined || claims.jti === '') return invalidRequest(`Missing 'jti' claim in ${what}`);
    if (typeof claims.jti !== 'string')
      return invalidRequest(`Invalid 'jti' claim in ${what} - must be a unique string value such as a GUID`);
    this.forgetExpiredJtis();
    if (this.usedJtis.has(claims.jti)) return invalidRequest(`Non-unique 'jti' claim in ${what}`);
    if ((claims.exp as number) - nowSeconds > MAX_ASSERTION_LIFETIME_SECONDS)
      return invalidRequest(`Invalid 'exp' claim in ${what} - more than 5 minutes in future`);

    const app = this.applications.get(claims.iss);
    if (!app) return unauthorisedRequest(`Invalid 'iss'/'sub' claims in ${what}`);
    if (claims.aud !== this.tokenUrl) return unauthorisedRequest(`Missing or invalid 'aud' claim in ${what}`);
    const key = app.keys.get(header.kid);
    if (!key) return unauthorisedRequest(`Invalid 'kid' header in ${what} - no matching public key`);
    let imported = app.imported.get(header.kid);
    if (!imported) {
      imported = importJWK(key, 'RS512') as Promise<CryptoKey>;
      app.imported.set(header.kid, imported);
    }
    try {
      await compactVerify(assertion, await imported, { algorithms: ['RS512'] });
    } catch {
      return apimError(401, 'public_key error', 'JWT signature verification failed');
    }
    // Remembered until it expires: a replay before then is refused, after then exp refuses it anyway.
    this.usedJtis.set(claims.jti, (claims.exp as number) * 1000);
    return app;
  }

  /** Verifies a CIS2 ID token from this issuer for the app; returns the user id (sub) or the error. */
  private async verifySubjectToken(token: string, app: RegisteredApplication): Promise<string | ApimError> {
    const decoded = decode(token);
    if (!decoded) return invalidRequest('Malformed JWT in subject_token');
    const { header, claims } = decoded;
    const what = 'subject_token JWT';
    if (!header.kid) return invalidRequest(`Missing 'kid' header in ${what}`);
    if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toLowerCase() !== 'jwt')) {
      return invalidRequest(`Invalid 'typ' header in ${what} - must be 'JWT'`);
    }
    if (!claims.iss) return invalidRequest(`Missing 'iss' claim in ${what}`);
    if (claims.iss !== this.issuer) return unauthorisedRequest(`Invalid 'iss' claim in ${what}`);
    if (claims.aud === undefined) return unauthorisedRequest(`Missing 'aud' claim in ${what}`);
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(app.cis2ClientId)) return unauthorisedRequest(`Invalid 'aud' claim in ${what}`);
    const expiry = checkExpiry(claims, this.options.now() / 1000, what);
    if (expiry) return expiry;
    if (header.kid !== this.key.kid) return unauthorisedRequest(`Invalid 'kid' header in ${what} - no matching public key`);
    try {
      const alg = header.alg === 'RS512' ? 'RS512' : 'RS256';
      await compactVerify(token, await this.issuerPublicKey(alg), { algorithms: ['RS256', 'RS512'] });
    } catch {
      return apimError(400, 'invalid_grant', `Signature verification failed for ${what}`);
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') return invalidRequest(`Missing 'sub' claim in ${what}`);
    return claims.sub;
  }

  private issuerPublicKey(alg: 'RS256' | 'RS512'): Promise<CryptoKey> {
    let key = this.verificationKeys.get(alg);
    if (!key) {
      key = importJWK(this.key.publicJwk, alg) as Promise<CryptoKey>;
      this.verificationKeys.set(alg, key);
    }
    return key;
  }

  private ttlMs(): number {
    return this.options.accessTokenTtlSeconds * 1000;
  }

  private mint(store: Map<string, IssuedToken>, subject: TokenSubject, expiresAt: number): string {
    // Tokens of one store share a lifetime, so the store's oldest entries expire first: those that
    // have are dropped before a new one goes in, and a long-running simulator keeps only live
    // tokens (an expired one is refused whether it is kept or not).
    const now = this.options.now();
    for (const [old, issued] of store) {
      if (issued.expiresAt > now) break;
      store.delete(old);
    }
    // Opaque, like APIM's: nothing to decode, only the issuer can resolve it.
    const token = randomBytes(21).toString('base64url');
    store.set(token, { subject, expiresAt });
    return token;
  }

  /** Access and refresh tokens kept: live ones, and expired ones not yet dropped. */
  get keptTokens(): { access: number; refresh: number } {
    return { access: this.accessTokens.size, refresh: this.refreshTokens.size };
  }

  private forgetExpiredJtis(): void {
    const now = this.options.now();
    for (const [jti, until] of this.usedJtis) if (until <= now) this.usedJtis.delete(jti);
  }
}

/** Thrown by issueIdToken for a user id the world does not hold. */
export class UnknownUserError extends Error {
  constructor(readonly userId: string) {
    super(`No user ${userId} in the simulator's world`);
    this.name = 'UnknownUserError';
  }
}

function decode(token: string): { header: ProtectedHeaderParameters; claims: JWTPayload } | undefined {
  try {
    return { header: decodeProtectedHeader(token), claims: decodeJwt(token) };
  } catch {
    return undefined;
  }
}

/** APIM's exp checks, in its order: missing, not an integer, in the past. */
function checkExpiry(claims: JWTPayload, nowSeconds: number, what: string): ApimError | undefined {
  const exp: unknown = claims.exp;
  if (exp === undefined || exp === null || exp === 0) return invalidRequest(`Missing 'exp' claim in ${what}`);
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return invalidRequest(`Invalid 'exp' claim in ${what} - must be an integer`);
  if (exp <= nowSeconds) return invalidRequest(`Invalid 'exp' claim in ${what} - JWT has expired`);
  return undefined;
}
