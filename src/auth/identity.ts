import Keyv from 'keyv';
import type { AuthConfig } from '../config';
import type { AccessTokenSource, AuthMode, CallerIdentity } from '../../kernel/caller';
import { ApimTokenClient } from './apim-token.client';
import { identityUnavailable, unauthenticated } from './auth-errors';
import { CallerTokenVerifier } from './caller-token.verifier';
import { Cis2IdTokenVerifier } from './id-token.verifier';
import { DEV_TOKEN_COMMAND } from './development';
import { ExpiringCache, secretKey } from './token-cache';
import { TokenVerdict, TokenVerdicts } from './token-verdicts';

export interface IdentityService {
  readonly mode: AuthMode;
  /** Cross-request cache (tokens, role lists). Keys never contain a token. */
  readonly cache: ExpiringCache;
  /**
   * Who is calling, from the `Authorization` header; null when none was sent.
   * Throws UNAUTHENTICATED for a header that is present but not acceptable.
   */
  authenticate(authorization: string | undefined): Promise<CallerIdentity | null>;
  /** What this process remembers of the bearer token in an Authorization header, without verifying it. */
  verdictOf?(authorization: string | undefined): TokenVerdict;
  /** application: callers may make the writes e-RS opens to applications (ERS_APPLICATION_WRITES). */
  readonly applicationWrites?: boolean;
  /**
   * The deployment's own application-restricted token (APIM client credentials), when APIM
   * credentials are configured: used only for what is no one's data, e-RS reference data (A004),
   * for roles that may not call A004 themselves. Never a caller's token.
   */
  readonly applicationToken?: AccessTokenSource;
}

/** After APIM refuses the deployment's client-credentials grant, it is not asked again for this long. */
const APPLICATION_REFUSAL_MS = 5 * 60_000;

/**
 * The application-restricted token of the deployment's APIM application, for reference data: one
 * token shared by the process, renewed before it expires; a refusal (an application not set up
 * for application-restricted access) is remembered for 5 minutes, so it costs no token call per request.
 */
function referenceDataToken(apim: ApimTokenClient, cache: ExpiringCache, apiKey: string, now: () => number): AccessTokenSource {
  const key = `apim:application:${apiKey}`;
  let refusedUntil = 0;
  return {
    get: async () => {
      if (now() < refusedUntil) throw identityUnavailable('The NHS API Platform refused the application-restricted token lately');
      try {
        return await cache.get(key, () => apim.clientCredentials(), RENEW_BEFORE_MS);
      } catch (error) {
        refusedUntil = now() + APPLICATION_REFUSAL_MS;
        throw error;
      }
    },
    invalidate: async () => {
      await cache.delete(key);
      return true;
    },
    scope: 'application',
  };
}

/** Seconds before expiry at which a cached token is renewed. */
const RENEW_BEFORE_MS = 60_000;

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;

function bearer(authorization: string): string {
  const match = BEARER.exec(authorization.trim());
  if (!match) throw unauthenticated('Send a bearer token in the Authorization header', 'INVALID_TOKEN');
  return match[1];
}

export interface IdentityDeps {
  timeoutMs: number;
  store?: Keyv;
  now?: () => number;
  /** Tokens recently refused or accepted (in process); by default 10,000 of each, refusals for 60 s. */
  verdicts?: TokenVerdicts;
}

/** Builds the identity service for the configured mode. */
export function createIdentityService(auth: AuthConfig, deps: IdentityDeps): IdentityService {
  const now = deps.now ?? Date.now;
  const cache = new ExpiringCache(deps.store ?? new Keyv(), now);
  const { mode } = auth;
  const verdicts = deps.verdicts ?? new TokenVerdicts();
  const verdictOf = (authorization: string | undefined): TokenVerdict => {
    const token = authorization === undefined ? undefined : BEARER.exec(authorization.trim())?.[1];
    return token === undefined ? undefined : verdicts.of(token);
  };

  if (mode === 'apim') {
    return {
      mode,
      cache,
      verdictOf,
      async authenticate(authorization) {
        if (!authorization) return null;
        const token = bearer(authorization);
        // A token e-RS refused a moment ago is refused again without asking e-RS (A030) each time.
        if (verdicts.of(token) === 'rejected') throw unauthenticated('e-RS refused this access token', 'TOKEN_REJECTED');
        // The APIM token is opaque: who it belongs to is learned from e-RS (A030).
        return {
          kind: 'user',
          token: {
            get: async () => token,
            // e-RS answered 401: no fresh token can be had here, and this one is refused for a while.
            invalidate: async () => {
              verdicts.reject(token);
              return false;
            },
            refused: () => verdicts.reject(token),
            confirmed: () => verdicts.accept(token),
            scope: `apim:${secretKey(token)}`,
          },
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
      verdictOf,
      applicationWrites: auth.applicationWrites === true,
      applicationToken,
      async authenticate(authorization) {
        if (!authorization) return null;
        const token = bearer(authorization);
        const subject = await callers.verify(token);
        verdicts.accept(token);
        return { kind: 'application', subject, token: applicationToken };
      },
    };
  }

  // cis2 and development: verify the CIS2 ID token, exchange it at APIM.
  // Development: a token that fails (from another run, another simulator) gets an error that says how to get a new one.
  const verifier = new Cis2IdTokenVerifier(
    auth.cis2!.issuer,
    auth.cis2!.clientId,
    deps.timeoutMs,
    mode === 'development' ? DEV_TOKEN_COMMAND : undefined,
  );
  return {
    mode,
    cache,
    verdictOf,
    applicationToken: referenceDataToken(apim, cache, auth.apim!.apiKey, now),
    async authenticate(authorization) {
      if (!authorization) return null;
      const idToken = bearer(authorization);
      const user = await verifier.verify(idToken);
      verdicts.accept(idToken);
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
