import { EncryptJWT, errors as joseErrors, jwtDecrypt } from 'jose';
import { unauthenticated } from './auth-errors';
import type { RequestedRole } from './request-auth';
import type { DocumentResource } from '../../kernel/context';

/** The longest a ticket may live: a link is for "click now", not for bookmarks. */
export const MAX_TICKET_TTL_SECONDS = 300;
/** Audience of every ticket, so no other JWE under the same key can pass as one. */
const TICKET_AUDIENCE = 'ers-graph:download';

/** A stable string for a resource, compared exactly when a ticket is used. */
export function resourceKey(resource: DocumentResource): string {
  return resource.kind === 'attachment' ? `attachment:${resource.id}` : `${resource.kind}:${resource.ubrn}`;
}

/** What a valid ticket lets the route act with: the caller's credential and role, as if sent as headers. */
export interface TicketGrant {
  /** The bearer token the caller sent to /graphql when the link was made (re-verified on use). */
  token: string;
  role: RequestedRole;
}

export interface DownloadTicketOptions {
  /** Seconds a ticket lives; at most 300. */
  ttlSeconds: number;
  /** The clock (epoch ms); tests move it. */
  now?: () => number;
}

/**
 * Download tickets: `?ticket=` for plain links (`<a href>`, `<img src>`) that cannot send an
 * `Authorization` header. A ticket is a JWE (`dir` + `A256GCM`, compact) under a 32-byte server
 * key, holding the caller's bearer token, the role it acted in, the one resource it opens and a
 * short expiry.
 *
 * Why the token itself, not a hash of it: the route must call e-RS *as the caller* (same token
 * exchange, same role checks, same A030 look-up) and a hash cannot do that. A server-side store
 * keyed by a random id would work only with a shared store between instances; the encrypted
 * token works with just a shared key (`DOWNLOAD_TICKET_KEY`). The exposure is bounded: the token
 * is unreadable without the key (authenticated encryption, so no tampering either), the ticket
 * opens one document only, lives at most 5 minutes, and on use the token is verified again, so a
 * token that expired or was revoked meanwhile fails the download too.
 */
export class DownloadTickets {
  private readonly now: () => number;
  private readonly ttlSeconds: number;

  constructor(
    private readonly key: Uint8Array,
    options: DownloadTicketOptions,
  ) {
    if (key.length !== 32) throw new Error('A download ticket key must be 32 bytes');
    if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1 || options.ttlSeconds > MAX_TICKET_TTL_SECONDS) {
      throw new Error(`A download ticket lives 1..${MAX_TICKET_TTL_SECONDS} seconds`);
    }
    this.ttlSeconds = options.ttlSeconds;
    this.now = options.now ?? Date.now;
  }

  /** A ticket for `resource`, acting with `grant`, valid from now for the configured TTL. */
  async issue(resource: DocumentResource, grant: TicketGrant): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    const role: Record<string, string> = {};
    if (grant.role.businessFunction) role.bf = grant.role.businessFunction;
    if (grant.role.odsCode) role.ods = grant.role.odsCode;
    if (grant.role.onBehalfOfUserId) role.obo = grant.role.onBehalfOfUserId;
    return new EncryptJWT({ tok: grant.token, role, res: resourceKey(resource) })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', typ: 'ers-download-ticket' })
      .setAudience(TICKET_AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.ttlSeconds)
      .encrypt(this.key);
  }

  /**
   * The grant of a ticket for exactly `resource`. Throws UNAUTHENTICATED with reason
   * TICKET_EXPIRED (past `exp`) or INVALID_TICKET (tampered, other key, malformed, another
   * resource, or a lifetime over 5 minutes).
   */
  async verify(ticket: string, resource: DocumentResource): Promise<TicketGrant> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtDecrypt(ticket, this.key, {
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
        typ: 'ers-download-ticket',
        audience: TICKET_AUDIENCE,
        requiredClaims: ['exp', 'iat', 'tok', 'res'],
        maxTokenAge: MAX_TICKET_TTL_SECONDS,
        currentDate: new Date(this.now()),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthenticated('The download link has expired; ask for a new one', 'TICKET_EXPIRED');
      }
      throw invalid();
    }
    const { tok, role, res, exp, iat } = payload as { tok?: unknown; role?: unknown; res?: unknown; exp?: unknown; iat?: unknown };
    if (typeof exp !== 'number' || typeof iat !== 'number' || exp - iat > MAX_TICKET_TTL_SECONDS) throw invalid();
    if (res !== resourceKey(resource)) throw invalid();
    if (typeof tok !== 'string' || tok === '') throw invalid();
    const claims = (typeof role === 'object' && role !== null ? role : {}) as Record<string, unknown>;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    return {
      token: tok,
      role: { businessFunction: text(claims.bf), odsCode: text(claims.ods), onBehalfOfUserId: text(claims.obo) },
    };
  }
}

function invalid() {
  return unauthenticated('The download link is not valid', 'INVALID_TICKET');
}
