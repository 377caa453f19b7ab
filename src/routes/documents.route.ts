import { routeError, sendRouteError } from './route-errors';
import { BINARY_ID, isIdentifier, UBRN } from '../../schema/scalars';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { apiError } from '../../schema/error-codes';
import type { Logger } from 'pino';
import { createContext, correlationIdFrom, ContextDeps } from '../context';
import { startRequestLifecycle } from '../request-lifecycle';
import { encodeExtended } from 'content-disposition';
import { downloadFilenames } from '../../kernel/uploads/file-names';
import type { DownloadTickets } from '../auth/download-ticket';
import type { DocumentResource } from '../../kernel/context';
import type { DocumentsDataSource, Download } from '../../datasources/documents.datasource';
import type { EndpointId } from '../../datasources/ers/endpoints';
import { ErsError } from '../../datasources/ers/errors';

export interface DocumentRouteDeps {
  /** The same dependencies as the GraphQL context: the same identity service, client options and links. */
  context: ContextDeps;
  tickets: DownloadTickets;
}

/** e-RS 422 codes of A042 / A006 that say the file cannot be downloaded (yet). */
const AVAILABILITY_CODES = new Set(['PENDING', 'THREATS_FOUND', 'VALIDATION_FAILED']);

interface DocumentRoute {
  url: string;
  endpoint: EndpointId;
  /** The resource of the request, or undefined when its parameter is malformed. */
  resource: (params: Record<string, string>) => DocumentResource | undefined;
  fetch: (documents: DocumentsDataSource, resource: DocumentResource) => Promise<Download>;
  /** File name when e-RS gives none. */
  fallbackName: (resource: DocumentResource) => string;
}

const ROUTES: DocumentRoute[] = [
  {
    // A042 takes the binary id of `Attachment.url` ("Binary/<id>"), as A006 did, not `Attachment.id`.
    // A006 (deprecated, 5 MB limit, same roles) is not used as a fallback: A042 serves every file
    // A006 would, so a fallback could only turn an A042 failure into a second, slower failure.
    url: '/attachments/:id',
    endpoint: 'A042',
    resource: ({ id }) => (isIdentifier(BINARY_ID, id) ? { kind: 'attachment', id } : undefined),
    fetch: (documents, resource) => documents.attachment((resource as { id: string }).id),
    fallbackName: () => 'attachment',
  },
  {
    url: '/referrals/:ubrn/clinical-information.pdf',
    endpoint: 'A007',
    resource: ({ ubrn }) => (isIdentifier(UBRN, ubrn) ? { kind: 'clinical-information', ubrn } : undefined),
    fetch: (documents, resource) => documents.clinicalInformation((resource as { ubrn: string }).ubrn),
    fallbackName: (resource) => `${(resource as { ubrn: string }).ubrn}_Clinical_Information.pdf`,
  },
  {
    url: '/referrals/:ubrn/patient-letter.pdf',
    endpoint: 'A019',
    resource: ({ ubrn }) => (isIdentifier(UBRN, ubrn) ? { kind: 'patient-letter', ubrn } : undefined),
    fetch: (documents, resource) => documents.patientLetter((resource as { ubrn: string }).ubrn),
    fallbackName: (resource) => `${(resource as { ubrn: string }).ubrn}_Patient_Letter.pdf`,
  },
  {
    url: '/advice-and-guidance/:ubrn/overview.pdf',
    endpoint: 'A043',
    resource: ({ ubrn }) => (isIdentifier(UBRN, ubrn) ? { kind: 'advice-overview', ubrn } : undefined),
    fetch: (documents, resource) => documents.adviceOverview((resource as { ubrn: string }).ubrn),
    fallbackName: (resource) => `${(resource as { ubrn: string }).ubrn}_Advice_And_Guidance_Overview.pdf`,
  },
];

/**
 * Document downloads next to /graphql: `GET /attachments/:id` (A042),
 * `GET /referrals/:ubrn/clinical-information.pdf` (A007),
 * `GET /referrals/:ubrn/patient-letter.pdf` (A019) and
 * `GET /advice-and-guidance/:ubrn/overview.pdf` (A043).
 *
 * Callers authenticate as for /graphql (`Authorization` bearer and NHSD-* role headers, through
 * the same context factory and gates), or with `?ticket=` from a `downloadUrl` field, which
 * stands for exactly those headers and one resource. The gate runs before any e-RS call; the
 * file is streamed through, never buffered or cached (`Cache-Control: no-store`).
 */
export function registerDocumentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): void {
  for (const route of ROUTES) {
    app.get<{ Params: Record<string, string>; Querystring: { ticket?: string } }>(
      route.url,
      // A HEAD would fetch the whole file from e-RS only to drop it.
      { exposeHeadRoute: false },
      (request, reply) => serve(route, deps, request, reply),
    );
  }
}

async function serve(
  route: DocumentRoute,
  deps: DocumentRouteDeps,
  request: FastifyRequest<{ Params: Record<string, string>; Querystring: { ticket?: string } }>,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const correlationId = correlationIdFrom(request.headers);
  const log = deps.context.log.child({ correlationId, route: route.url });
  reply.header('X-Correlation-ID', correlationId).header('Cache-Control', 'no-store');
  try {
    const resource = route.resource(request.params);
    const ticket = typeof request.query.ticket === 'string' ? request.query.ticket : undefined;
    // A ticket is checked against the resource of this URL; a malformed resource cannot match one.
    const headers = ticket !== undefined ? await ticketHeaders(deps.tickets, ticket, resource) : request.headers;
    // A download has no overall deadline (files stream for as long as they need), but a client
    // that leaves ends its e-RS call; a stalled upstream is cut off by the idle timeout.
    const ctx = await createContext(deps.context, headers, correlationId, startRequestLifecycle(reply.raw));
    ctx.auth.requireIdentity();
    if (!resource) throw apiError('BAD_USER_INPUT', 'The document id is not valid');
    await ctx.auth.authorize([route.endpoint]);

    const file = await route.fetch(ctx.data.documents, resource);
    reply
      .code(200)
      .header('Content-Type', safeContentType(file.contentType))
      .header('Content-Disposition', dispositionOf(file, route.fallbackName(resource)))
      // The bytes are the caller's clinical documents: never sniffed, never run as a page.
      .header('X-Content-Type-Options', 'nosniff')
      .header('Content-Security-Policy', "default-src 'none'; sandbox");
    if (file.contentEncoding) reply.header('Content-Encoding', file.contentEncoding);
    if (file.contentLength !== undefined) reply.header('Content-Length', String(file.contentLength));
    file.body.on('error', () => log.warn({ endpoint: route.endpoint }, 'download stream from e-RS broke off'));
    return reply.send(file.body);
  } catch (error) {
    return sendError(reply, log, error, route);
  }
}

/** The headers a ticket stands for: the bearer token and role it was issued with. */
async function ticketHeaders(
  tickets: DownloadTickets,
  ticket: string,
  resource: DocumentResource | undefined,
): Promise<IncomingHttpHeaders> {
  if (!resource) {
    throw apiError('UNAUTHENTICATED', 'The download link is not valid', { reason: 'INVALID_TICKET' });
  }
  const grant = await tickets.verify(ticket, resource);
  const headers: IncomingHttpHeaders = { authorization: `Bearer ${grant.token}` };
  if (grant.role.businessFunction) headers['nhsd-ers-business-function'] = grant.role.businessFunction;
  if (grant.role.odsCode) headers['nhsd-end-user-organisation-ods'] = grant.role.odsCode;
  if (grant.role.onBehalfOfUserId) headers['nhsd-ers-on-behalf-of-user-id'] = grant.role.onBehalfOfUserId;
  return headers;
}

/**
 * The JSON error of a download. Messages are fixed texts; nothing from e-RS's diagnostics is
 * passed on. An attachment e-RS will not release yet is ATTACHMENT_NOT_AVAILABLE.
 */
function sendError(reply: FastifyReply, log: Logger, error: unknown, route: DocumentRoute): FastifyReply {
  const described = routeError(error, log, 'a document download', route.endpoint);
  if (error instanceof ErsError && error.code === 'UNPROCESSABLE' && error.ersCode && AVAILABILITY_CODES.has(error.ersCode)) {
    described.message = 'The attachment cannot be downloaded: it is not available';
    // An e-RS 422 answer carries no transport `reason`: its extensions, with the code made specific.
    const { reason: _reason, ...details } = described.extensions;
    described.extensions = { ...details, code: 'ATTACHMENT_NOT_AVAILABLE', availability: error.ersCode };
  }
  return sendRouteError(reply, described);
}

/** The upstream media type when it is a plain `type/subtype[; params]`, else octet-stream. */
function safeContentType(value: string | undefined): string {
  if (
    value &&
    /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+-]+(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"\r\n]*"|[A-Za-z0-9!#$&^_.+-]+))*$/.test(value.trim())
  ) {
    return value.trim();
  }
  return 'application/octet-stream';
}

/**
 * `attachment` with the file's name as e-RS gave it: `filename="<ASCII fallback>"` (e-RS's own
 * when it sent one) and, for a name that is not that ASCII, `filename*=UTF-8''…` (RFC 8187), so
 * that `lettre-médecin.pdf` is saved as `lettre-médecin.pdf`, byte for byte.
 */
function dispositionOf(file: Download, defaultName: string): string {
  const { name, fallback } = downloadFilenames(file.filename, file.asciiFilename, defaultName);
  // The fallback is printable ASCII without `"` or `\`: always a valid quoted-string.
  const plain = `attachment; filename="${fallback}"`;
  return name === fallback ? plain : `${plain}; filename*=${encodeExtended(name)}`;
}
