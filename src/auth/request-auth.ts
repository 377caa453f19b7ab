import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import type { ActiveRole, AuthMode, CallerAuth, CallerIdentity } from '../../kernel/caller';
import type { ErsClient, ErsCredentials } from '../../datasources/ers/client';
import { BUSINESS_FUNCTIONS, BusinessFunction, ENDPOINT_ACCESS, EndpointId } from '../../datasources/ers/endpoints';
import { ErsError } from '../../datasources/ers/errors';
import { fetchBusinessFunctions } from '../../datasources/ers/practitioner-role.api';
import { mapBusinessFunctions } from '../../datasources/ers/practitioner-role.mapper';
import type { UserRole } from '../../schema/user-role.type';
import { isIdentifier, SDS_USER_ID } from '../../schema/scalars';
import { badRole, forbidden, unauthenticated } from './auth-errors';
import type { IdentityService } from './identity';
import { secretKey } from './token-cache';

const SPCA: BusinessFunction = 'SERVICE_PROVIDER_CLINICIAN_ADMIN';
/** Role lists are re-read at least this often, even while a token lives. */
const ROLES_TTL_MS = 5 * 60_000;

/** What the caller asked for with the NHSD-* headers (same names as e-RS). */
export interface RequestedRole {
  businessFunction?: string;
  odsCode?: string;
  onBehalfOfUserId?: string;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.trim() || undefined;
}

export function requestedRoleFrom(headers: IncomingHttpHeaders): RequestedRole {
  return {
    businessFunction: header(headers, 'nhsd-ers-business-function'),
    odsCode: header(headers, 'nhsd-end-user-organisation-ods'),
    onBehalfOfUserId: header(headers, 'nhsd-ers-on-behalf-of-user-id'),
  };
}

/**
 * The auth state of one GraphQL request: who is calling, in which e-RS role, and the gates that
 * every field passes before it may call e-RS. It is also the e-RS client's credentials.
 */
export class RequestAuth implements ErsCredentials, CallerAuth {
  private ers: ErsClient | undefined;
  private rolesPromise: Promise<UserRole[]> | undefined;
  private rolePromise: Promise<ActiveRole> | undefined;

  constructor(
    readonly mode: AuthMode,
    readonly identity: CallerIdentity | null,
    readonly requested: RequestedRole,
    private readonly service: IdentityService,
  ) {}

  /** Binds the request's e-RS client (the client needs these credentials, A030 needs the client). */
  bind(ers: ErsClient): void {
    this.ers = ers;
  }

  /** The caller, or UNAUTHENTICATED. */
  requireIdentity(): CallerIdentity {
    if (!this.identity) throw unauthenticated('Send a bearer token in the Authorization header', 'MISSING_TOKEN');
    return this.identity;
  }

  /**
   * The gate of a field: the caller may use every endpoint listed, in the current mode and role.
   * Runs before any upstream call of the field; A030 is the only call it may make itself.
   */
  async authorize(endpoints: readonly EndpointId[], options: { write?: boolean } = {}): Promise<void> {
    const identity = this.requireIdentity();
    if (identity.kind === 'application') {
      // e-RS opens three writes to applications (A013, A028, A036: the endpoints below that allow
      // application-restricted access), after NHS reviews the use case: only when the deployment says so.
      const userOnly = endpoints.some((endpoint) => !ENDPOINT_ACCESS[endpoint].applicationRestricted);
      if (options.write && (!this.service.applicationWrites || userOnly)) {
        throw forbidden('Changes in e-RS need a healthcare worker signed in with NHS CIS2', { reason: 'USER_REQUIRED' });
      }
      const refused = endpoints.find((endpoint) => !ENDPOINT_ACCESS[endpoint].applicationRestricted);
      if (refused) {
        throw forbidden(`e-RS ${refused} is not available to application-restricted access`, {
          reason: 'APPLICATION_NOT_ALLOWED',
          endpoint: refused,
        });
      }
      return;
    }
    for (const endpoint of endpoints) {
      const allowed = ENDPOINT_ACCESS[endpoint].businessFunctions;
      if (allowed === null) continue; // A030: the token alone
      const role = await this.activeRole(endpoint);
      if (!allowed.includes(role.businessFunction)) {
        throw forbidden(`The role ${role.businessFunction} may not use e-RS ${endpoint}`, {
          reason: 'BUSINESS_FUNCTION_NOT_ALLOWED',
          endpoint,
          allowedBusinessFunctions: [...allowed],
        });
      }
    }
  }

  /** Whether the gate lets this caller, in this role, use `endpoint`: its FORBIDDEN is false; other failures throw. */
  async mayUse(endpoint: EndpointId): Promise<boolean> {
    try {
      await this.authorize([endpoint]);
      return true;
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'FORBIDDEN') return false;
      throw error;
    }
  }

  /** The user's roles from A030, cached per user and token. */
  roles(): Promise<UserRole[]> {
    const identity = this.requireIdentity();
    if (identity.kind === 'application') return Promise.resolve([]);
    const token = identity.token;
    this.rolesPromise ??= this.service.cache
      .get(`roles:${secretKey(token.scope)}`, async () => {
        try {
          const { body } = await fetchBusinessFunctions(this.client());
          return { value: mapBusinessFunctions(body), expiresAt: Date.now() + ROLES_TTL_MS };
        } catch (error) {
          // A030 needs nothing but the token: its 401 or 403 is a verdict on the token (apim remembers it).
          if (error instanceof ErsError && (error.httpStatus === 401 || error.httpStatus === 403)) token.refused?.();
          throw error;
        }
      })
      .then((roles) => {
        token.confirmed?.();
        return roles;
      });
    return this.rolesPromise;
  }

  /**
   * The role of this request: the NHSD-* headers when given and held (per A030), else the
   * user's only (business function, ODS) pair. Validated before any other e-RS call.
   */
  async activeRole(endpoint?: EndpointId): Promise<ActiveRole> {
    this.rolePromise ??= this.resolveRole();
    const role = await this.rolePromise;
    // A040 is how an SPCA finds whom to act for, so it alone goes without on-behalf-of.
    if (role.businessFunction === SPCA && !role.onBehalfOfUserId && endpoint !== 'A040') {
      throw badRole(
        'SERVICE_PROVIDER_CLINICIAN_ADMIN acts on behalf of a clinician: send NHSD-eRS-On-Behalf-Of-User-ID ' +
          '(candidates: me { onBehalfOfCandidates })',
      );
    }
    return role;
  }

  /** The active role when one can be determined, without failing the request. */
  async activeRoleIfAny(): Promise<ActiveRole | null> {
    try {
      this.rolePromise ??= this.resolveRole();
      return await this.rolePromise;
    } catch (error) {
      if (error instanceof GraphQLError && error.extensions.code === 'BAD_USER_INPUT') return null;
      throw error;
    }
  }

  // --- ErsCredentials ---

  async accessToken(): Promise<string | undefined> {
    return this.identity?.token.get();
  }

  async invalidate(): Promise<boolean> {
    if (!this.identity) return false;
    const refreshed = await this.identity.token.invalidate();
    // Roles were read with the old token; read them again with the new one.
    if (refreshed) this.rolesPromise = undefined;
    return refreshed;
  }

  async roleHeaders(endpoint: string): Promise<Record<string, string>> {
    const id = endpoint as EndpointId;
    if (!this.identity || this.identity.kind === 'application') return {};
    if (ENDPOINT_ACCESS[id]?.businessFunctions === null) return {};
    const role = await this.activeRole(id);
    const headers: Record<string, string> = {
      'NHSD-eRS-Business-Function': role.businessFunction,
      'NHSD-End-User-Organisation-ODS': role.odsCode,
    };
    if (role.onBehalfOfUserId && id !== 'A040') headers['NHSD-eRS-On-Behalf-Of-User-ID'] = role.onBehalfOfUserId;
    return headers;
  }

  private client(): ErsClient {
    if (!this.ers) throw new Error('RequestAuth used before an e-RS client was bound');
    return this.ers;
  }

  private async resolveRole(): Promise<ActiveRole> {
    const { businessFunction, odsCode, onBehalfOfUserId } = this.requested;
    if (businessFunction !== undefined && !(BUSINESS_FUNCTIONS as readonly string[]).includes(businessFunction)) {
      // The header's value is not echoed: a mistyped header can hold anything, an NHS number too.
      throw badRole('NHSD-eRS-Business-Function is not an e-RS business function', { allowedBusinessFunctions: [...BUSINESS_FUNCTIONS] });
    }
    if (onBehalfOfUserId !== undefined) {
      // e-RS answers 403: only a Service Provider Clinician Admin may act for someone (a Service Provider Clinician).
      if (businessFunction !== SPCA) {
        throw forbidden('Only SERVICE_PROVIDER_CLINICIAN_ADMIN may act on behalf of another user (NHSD-eRS-On-Behalf-Of-User-ID)', {
          reason: 'ON_BEHALF_OF_NOT_ALLOWED',
        });
      }
      if (!isIdentifier(SDS_USER_ID, onBehalfOfUserId)) {
        throw badRole('NHSD-eRS-On-Behalf-Of-User-ID must be a 12-digit SDS user id');
      }
    }

    const held = (await this.roles()).filter((role) => role.known);
    const candidates = held.filter(
      (role) =>
        (businessFunction === undefined || role.businessFunction === businessFunction) &&
        (odsCode === undefined || role.odsCode === odsCode),
    );
    const pairs = [...new Map(candidates.map((r) => [`${r.businessFunction}@${r.odsCode}`, r])).values()];
    const available = held.map((r) => ({ businessFunction: r.businessFunction, odsCode: r.odsCode }));

    if (pairs.length === 0) {
      if (businessFunction === undefined && odsCode === undefined) {
        throw forbidden('The user holds no e-RS role this server can act in', { reason: 'NO_ROLE' });
      }
      throw forbidden('The user does not hold this e-RS role at this organisation', {
        reason: 'ROLE_NOT_HELD',
        availableRoles: available,
      });
    }
    if (pairs.length > 1) {
      throw badRole('The user holds several e-RS roles: choose one with NHSD-eRS-Business-Function and NHSD-End-User-Organisation-ODS', {
        availableRoles: available,
      });
    }
    const [role] = pairs;
    return {
      businessFunction: role.businessFunction as BusinessFunction,
      odsCode: role.odsCode,
      onBehalfOfUserId,
    };
  }
}
