import axios from 'axios';
import { isIdentifier, SDS_USER_ID } from '../../schema/scalars';
import { createRemoteJWKSet, errors as joseErrors, JWTPayload, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { secretKey } from './token-cache';
import { identityUnavailable, unauthenticated } from './auth-errors';

/** What ers-graph knows of a CIS2 user once their ID token is verified. */
export interface VerifiedUser {
  /** CIS2 `sub`: the user's 12-digit SDS user id. */
  userId: string;
  name?: string;
  identityAssuranceLevel: number;
  authenticationAssuranceLevel: number;
  /** ID token expiry (epoch ms). */
  expiresAt: number;
}

interface Discovery {
  issuer: string;
  jwks_uri: string;
}

/** The error for a token that failed jose verification; key-set outages are not the caller's fault. */
export function verificationFailure(error: unknown, what: string) {
  if (error instanceof joseErrors.JWTExpired) return unauthenticated(`${what} has expired`, 'TOKEN_EXPIRED');
  if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
    return identityUnavailable('The identity provider key set could not be read');
  }
  return unauthenticated(`${what} is not valid for ers-graph`, 'INVALID_TOKEN');
}

/**
 * The error for an ID token of the local identity world that failed verification: it says what to
 * do (get a new token), never what the token holds. A token from another run is the usual case:
 * signed by an issuer key this run's issuer does not publish, or issued by a simulator on another
 * port (its `iss`).
 */
export function developmentVerificationFailure(error: unknown, tokenCommand: string) {
  const again = `get a new one with \`${tokenCommand}\``;
  if (error instanceof joseErrors.JWTExpired) return unauthenticated(`The ID token has expired: ${again}`, 'TOKEN_EXPIRED');
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return unauthenticated(
      `The ID token was signed by a development issuer key ers-graph does not know (a token from another run?): ${again}`,
      'INVALID_TOKEN',
    );
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return unauthenticated(`The ID token's signature does not match the development issuer's key: ${again}`, 'INVALID_TOKEN');
  }
  if (error instanceof joseErrors.JWTClaimValidationFailed && (error.claim === 'iss' || error.claim === 'aud')) {
    const which = error.claim === 'iss' ? 'another development issuer (a simulator on another port?)' : 'another client than ers-graph';
    return unauthenticated(`The ID token was issued by ${which}: ${again}`, 'INVALID_TOKEN');
  }
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid) {
    return unauthenticated(`The bearer token is not an ID token: ${again}`, 'INVALID_TOKEN');
  }
  // Anything else (a key set that cannot be read, other claims) as in production.
  return verificationFailure(error, 'The ID token');
}

/** CIS2 claims may arrive as numbers or numeric strings. */
function level(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/** How many verified ID tokens are remembered (by a SHA-256 of the token; never the token). */
const VERIFIED_TOKENS = 10_000;

/**
 * Verifies CIS2 ID tokens: signature against the issuer's JWKS (found through its OIDC
 * discovery document), RS256 or RS512, issuer, audience = ers-graph's CIS2 client id, expiry,
 * identity assurance level >= 3 and authentication assurance level 2 or 3.
 *
 * A token that verified is remembered, by a hash of it, until its own expiry and never longer, so
 * a front end sending the same ID token with every request pays for one RSA verification, not one
 * per request. An ID token cannot be revoked before it expires (CIS2 revokes sessions, not issued
 * ID tokens), so this accepts nothing a fresh verification would refuse, but a key the issuer
 * withdraws keeps its tokens valid here until they expire, as they would be for any relying party
 * that verified them once.
 */
export class Cis2IdTokenVerifier {
  private jwks: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  private readonly verified = new LRUCache<string, VerifiedUser>({ max: VERIFIED_TOKENS });

  constructor(
    private readonly issuer: string,
    private readonly clientId: string,
    private readonly timeoutMs: number,
    /** Development identity: errors for a token that fails say how to get a new one (this command). */
    private readonly developmentTokenCommand?: string,
  ) {}

  async verify(token: string): Promise<VerifiedUser> {
    const key = secretKey(token);
    const known = this.verified.get(key);
    if (known && known.expiresAt > Date.now()) return known;
    const user = await this.verifyAfresh(token);
    const ttl = user.expiresAt - Date.now();
    if (ttl > 0) this.verified.set(key, user, { ttl });
    return user;
  }

  private async verifyAfresh(token: string): Promise<VerifiedUser> {
    const keys = await this.keySet();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.issuer,
        audience: this.clientId,
        algorithms: ['RS256', 'RS512'],
        requiredClaims: ['sub', 'exp', 'iat'],
      }));
    } catch (error) {
      throw this.developmentTokenCommand === undefined
        ? verificationFailure(error, 'The ID token')
        : developmentVerificationFailure(error, this.developmentTokenCommand);
    }
    const ial = level(payload.id_assurance_level);
    const aal = level(payload.authentication_assurance_level);
    if (ial === undefined || ial < 3) {
      throw unauthenticated('The identity assurance level must be 3 or higher', 'ASSURANCE_TOO_LOW');
    }
    if (aal === undefined || aal < 2 || aal > 3) {
      throw unauthenticated('The authentication assurance level must be 2 or 3', 'ASSURANCE_TOO_LOW');
    }
    if (!isIdentifier(SDS_USER_ID, payload.sub)) {
      throw unauthenticated('The ID token subject is not an SDS user id', 'INVALID_TOKEN');
    }
    return {
      userId: payload.sub!,
      name: typeof payload.name === 'string' ? payload.name : undefined,
      identityAssuranceLevel: ial,
      authenticationAssuranceLevel: aal,
      expiresAt: payload.exp! * 1000,
    };
  }

  /** The issuer's key set, located once through its discovery document. */
  private keySet(): Promise<ReturnType<typeof createRemoteJWKSet>> {
    this.jwks ??= (async () => {
      const url = `${this.issuer}/.well-known/openid-configuration`;
      const response = await axios.get<Discovery>(url, { timeout: this.timeoutMs, validateStatus: () => true }).catch(() => undefined);
      const doc = response?.status === 200 ? response.data : undefined;
      if (!doc || doc.issuer !== this.issuer || typeof doc.jwks_uri !== 'string') {
        throw identityUnavailable('The CIS2 discovery document could not be read');
      }
      return createRemoteJWKSet(new URL(doc.jwks_uri), { timeoutDuration: this.timeoutMs, cooldownDuration: 30_000 });
    })();
    // A failed discovery is retried on the next request rather than cached.
    this.jwks.catch(() => {
      this.jwks = undefined;
    });
    return this.jwks;
  }
}
