/**
 * Who is calling, as the kernel sees it: the identity types every layer above the data sources
 * shares. The bootstrap's identity services (src/auth) produce them; resolvers only read them.
 */
import type { BusinessFunction, EndpointId } from '../datasources/ers/endpoints';
import type { UserRole } from '../schema/user-role.type';

/** How callers authenticate (AUTH_MODE). */
export type AuthMode = 'cis2' | 'apim' | 'application' | 'development';

/** Where a caller's e-RS access token comes from. */
export interface AccessTokenSource {
  get(): Promise<string>;
  /** e-RS answered 401: drop the cached token; true when a fresh one can be tried. */
  invalidate(): Promise<boolean>;
  /** A stable, non-secret key for what this token may see (used to scope cached data). */
  readonly scope: string;
  /** apim: e-RS refused the token at A030 (401/403); it is refused without a call for a while. */
  refused?(): void;
  /** apim: A030 answered for the token, so it is a live one. */
  confirmed?(): void;
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

/** The e-RS role a request acts in. */
export interface ActiveRole {
  businessFunction: BusinessFunction;
  odsCode: string;
  onBehalfOfUserId?: string;
}

/** The auth state of one request as resolvers and the gate use it (src/auth/request-auth.ts implements it). */
export interface CallerAuth {
  readonly mode: AuthMode;
  /** The caller; UNAUTHENTICATED when there is none. */
  requireIdentity(): CallerIdentity;
  /** The gate: throws UNAUTHENTICATED / FORBIDDEN / BAD_USER_INPUT unless every endpoint is open to this caller and role. */
  authorize(endpoints: readonly EndpointId[], options?: { write?: boolean }): Promise<void>;
  /** Whether the gate lets this caller, in this role, use `endpoint` (FORBIDDEN becomes false; other failures throw). */
  mayUse(endpoint: EndpointId): Promise<boolean>;
  /** The user's e-RS roles (A030), read once per request. */
  roles(): Promise<UserRole[]>;
  /** The role this request acts in; for `endpoint`, one that may use it. */
  activeRole(endpoint?: EndpointId): Promise<ActiveRole>;
  /** The role this request acts in, or null when it has none (an application, or no role yet). */
  activeRoleIfAny(): Promise<ActiveRole | null>;
}
