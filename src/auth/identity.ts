import Keyv from 'keyv';
import type { AuthConfig, AuthMode } from '../config';
import { ApimTokenClient } from './apim-token.client';
import { unauthenticated } from './auth-errors';
import { CallerTokenVerifier } from './caller-token.verifier';
import { Cis2IdTokenVerifier } from './id-token.verifier';
import { ExpiringCache, secretKey } from './token-cache';

/** Where a caller's e-RS access token comes from. */
export interface AccessTokenSource {
  get(): Promise<string>;
  /** e-RS answered 401: drop the cached token; true when a fresh one can be tried. */
  invalidate(): Promise<boolean>;
  /** A stable, non-secret key for what this token may see (used to scope cached data). */
  readonly scope: string;
}

/** A healthcare worker (CIS2) or an internal application, once authenticated. */
export type CallerIdentity =
  | {
      kind: 'user';
      /** SDS user id: from the ID token (cis2), or learned from A030 (apim). */
      userId?: string;
      name?: string;
      identityAssuranceLevel?: number;
      authenticationAssuranceLevel?: number;
      token: AccessTokenSource;
    }
  | { kind: 'application'; subject: string; token: AccessTokenSource };

export interface IdentityService {
  readonly mode: AuthMode;
  /** Cross-request cache (tokens, role lists). Keys never contain a token. */
  readonly cache: ExpiringCache;
  /**
   * Who is calling, from the `Authorization` header; null when none was sent.
   * Throws UNAUTHENTICATED for a header that is present but not acceptable.
   */
  authenticate(authorization: string | undefined): Promise<CallerIdentity | null>;
}

/** Seconds before expiry at which a cached token is renewed. */
const RENEW_BEFORE_MS = 60_000;

function bearer(authorization: string): string {
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('Send a bearer token in the Authorization header', 'INVALID_TOKEN');
  return match[1];
}

export interface IdentityDeps {
  timeoutMs: number;
  store?: Keyv;
  now?: () => number;
}

/** Builds the identity service for the configured mode. */
export function createIdentityService(auth: AuthConfig, deps: IdentityDeps): IdentityService {
  const now = deps.now ?? Date.now;
  const cache = new ExpiringCache(deps.store ?? new Keyv(), now);
  const { mode } = auth;

  if (mode === 'apim') {
    return {
      mode,
      cache,
      async authenticate(authorization) {
        if (!authorization) return null;
        const token = bearer(authorization);
        // The APIM token is opaque: who it belongs to is learned from e-RS (A030).
        return {
          kind: 'user',
          token: { get: async () => token, invalidate: async () => false, scope: `apim:${secretKey(token)}` },
        };
      },
    };
  }

  const apim = new ApimTokenClient(auth.apim!, deps.timeoutMs, now);

  if (mode === 'application') {
    const callers = new CallerTokenVerifier(auth.callers!.issuer, auth.callers!.audience, auth.callers!.jwksUrl, deps.timeoutMs);
    const key = `apim:application:${auth.apim!.apiKey}`;
    const applicationToken: AccessTokenSource = {
      get: () => cache.get(key, () => apim.clientCredentials(), RENEW_BEFORE_MS),
      invalidate: async () => {
        await cache.delete(key);
        return true;
      },
      scope: 'application',
    };
    return {
      mode,
      cache,
      async authenticate(authorization) {
        if (!authorization) return null;
        const subject = await callers.verify(bearer(authorization));
        return { kind: 'application', subject, token: applicationToken };
      },
    };
  }

  // cis2 and development: verify the CIS2 ID token, exchange it at APIM.
  const verifier = new Cis2IdTokenVerifier(auth.cis2!.issuer, auth.cis2!.clientId, deps.timeoutMs);
  return {
    mode,
    cache,
    async authenticate(authorization) {
      if (!authorization) return null;
      const idToken = bearer(authorization);
      const user = await verifier.verify(idToken);
      const key = `apim:user:${secretKey(idToken)}`;
      return {
        kind: 'user',
        userId: user.userId,
        name: user.name,
        identityAssuranceLevel: user.identityAssuranceLevel,
        authenticationAssuranceLevel: user.authenticationAssuranceLevel,
        token: {
          get: () =>
            cache.get(
              key,
              async () => {
                const exchanged = await apim.exchangeIdToken(idToken);
                // The exchanged token is kept no longer than the ID token it came from.
                return { value: exchanged.value, expiresAt: Math.min(exchanged.expiresAt, user.expiresAt) };
              },
              RENEW_BEFORE_MS,
            ),
          invalidate: async () => {
            await cache.delete(key);
            return true;
          },
          scope: `user:${user.userId}:${secretKey(idToken)}`,
        },
      };
    },
  };
}
