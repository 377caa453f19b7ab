import type { DownloadTickets } from '../auth/download-ticket';
import type { DocumentResource, DocumentUrls } from '../../kernel/context';
import type { RequestAuth, RequestedRole } from '../auth/request-auth';
import { unauthenticated } from '../auth/auth-errors';

/** What the context factory needs to make download links. */
export interface DocumentLinkDeps {
  tickets: DownloadTickets;
  /** The public base URL of ers-graph, without a trailing slash (PUBLIC_URL or the listening address). */
  publicUrl: () => string;
}

/** The ers-graph path of a document (the routes in documents.route.ts). */
export function documentPath(resource: DocumentResource): string {
  switch (resource.kind) {
    case 'attachment':
      return `/attachments/${encodeURIComponent(resource.id)}`;
    case 'clinical-information':
      return `/referrals/${encodeURIComponent(resource.ubrn)}/clinical-information.pdf`;
    case 'advice-overview':
      return `/advice-and-guidance/${encodeURIComponent(resource.ubrn)}/overview.pdf`;
    case 'patient-letter':
      return `/referrals/${encodeURIComponent(resource.ubrn)}/patient-letter.pdf`;
  }
}

const BEARER = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * Download links of one GraphQL request: absolute URLs with a fresh ticket that acts for this
 * caller, in this request's role, for exactly one document. Built per request in the context.
 */
export class DocumentLinks implements DocumentUrls {
  constructor(
    private readonly deps: DocumentLinkDeps,
    private readonly auth: RequestAuth,
    private readonly authorization: string | undefined,
  ) {}

  /** The public base URL (for links that need no ticket). */
  get publicUrl(): string {
    return this.deps.publicUrl();
  }

  /** An absolute link to the document with a ticket (valid a few minutes) in its query. */
  async url(resource: DocumentResource): Promise<string> {
    const identity = this.auth.requireIdentity();
    const token = BEARER.exec(this.authorization?.trim() ?? '')?.[1];
    if (!token) throw unauthenticated('Send a bearer token in the Authorization header', 'MISSING_TOKEN');
    // Bind the role this request resolved to (not just what it asked for), so the link acts in it.
    let role: RequestedRole = {};
    if (identity.kind === 'user') {
      const active = await this.auth.activeRoleIfAny();
      role = active
        ? { businessFunction: active.businessFunction, odsCode: active.odsCode, onBehalfOfUserId: active.onBehalfOfUserId }
        : this.auth.requested;
    }
    const ticket = await this.deps.tickets.issue(resource, { token, role });
    // A compact JWE is base64url segments and dots: safe in a query as it is.
    return `${this.deps.publicUrl()}${documentPath(resource)}?ticket=${ticket}`;
  }
}
