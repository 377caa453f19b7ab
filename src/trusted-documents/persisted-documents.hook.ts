import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../schema/error-codes';
import { documentHash, type TrustedDocuments } from './manifest';

/** What a request names to run: its document text, or the hash of Apollo's persisted-query extension. */
interface Requested {
  text?: unknown;
  extensions?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The GraphQL requests of an HTTP request, read the way Apollo Server reads them: a GET's query
 * string (`query`, `extensions` as JSON; a parameter given twice is Apollo's to refuse), or the
 * body of a POST, one request or a batch (the multipart request spec has made `operations` the body).
 */
function requestsOf(request: FastifyRequest): Requested[] {
  if (request.method === 'GET' || request.method === 'HEAD') {
    const params = new URLSearchParams(new URL(request.url, 'http://ers-graph.invalid').search);
    const [query, ...moreQueries] = params.getAll('query');
    const [extensions, ...moreExtensions] = params.getAll('extensions');
    let parsed: unknown;
    try {
      parsed = extensions === undefined || moreExtensions.length > 0 ? undefined : JSON.parse(extensions);
    } catch {
      parsed = undefined;
    }
    return [{ text: moreQueries.length > 0 ? undefined : query, extensions: parsed }];
  }
  const body = request.body;
  return (Array.isArray(body) ? body : [body]).filter(isRecord).map((r) => ({ text: r.query, extensions: r.extensions }));
}

const text = (requested: Requested): string | undefined =>
  typeof requested.text === 'string' && requested.text !== '' ? requested.text : undefined;

function hashOf(requested: Requested): string | undefined {
  const persisted = isRecord(requested.extensions) ? requested.extensions.persistedQuery : undefined;
  return isRecord(persisted) && typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}

/**
 * Whether a request runs a registered operation: its text's sha256 is in the manifest or, sent
 * without text, its persisted-query hash is. A request naming neither runs nothing (Apollo refuses
 * it); a hash of another type finds nothing in the manifest's cache either.
 */
function registered(requested: Requested, documents: TrustedDocuments): boolean {
  const sent = text(requested);
  if (sent !== undefined) return documents.has(documentHash(sent));
  const hash = hashOf(requested);
  return hash === undefined || documents.has(hash);
}

/** A persisted-query hash sent with a text it is not the sha256 of (Apollo's own refusal of it has no code, and would be masked). */
function mismatched(requested: Requested): boolean {
  const sent = text(requested);
  const hash = hashOf(requested);
  return sent !== undefined && hash !== undefined && documentHash(sent) !== hash;
}

function refuse(reply: FastifyReply, message: string, code: ErrorCode): FastifyReply {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code } }] });
}

const NOT_IN_LIST =
  'This server runs only the operations of its trusted documents (TRUSTED_DOCUMENTS): send a registered operation ' +
  'by its sha256 hash (extensions.persistedQuery.sha256Hash) or by its exact text';
const MISMATCH = 'extensions.persistedQuery.sha256Hash is not the sha256 of the query sent with it';

/**
 * Checks, in the scope of `/graphql`, what a request names to run before Apollo parses it and
 * before the caller is authenticated (no e-RS call, and no schema detail in the answer):
 * - with trusted documents, refuses with 400 PERSISTED_QUERY_NOT_IN_LIST (Apollo Router's code for
 *   it) any operation that is not in the manifest, sent by text or by hash;
 * - refuses with 400 BAD_REQUEST a persisted-query hash sent with a text it is not the hash of.
 * A preHandler, like the nesting limits: it sees the body after the multipart request spec has
 * turned `operations` into it. Nothing of the request is logged (the hash of a document holding an
 * NHS number could be reversed by trying every NHS number).
 */
export function checkPersistedDocuments(scope: FastifyInstance, options: { trusted?: TrustedDocuments; log: Logger }): void {
  const { trusted, log } = options;
  scope.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const requests = requestsOf(request);
    if (trusted && !requests.every((requested) => registered(requested, trusted))) {
      log.info('GraphQL request refused: its operation is not in TRUSTED_DOCUMENTS');
      return refuse(reply, NOT_IN_LIST, 'PERSISTED_QUERY_NOT_IN_LIST');
    }
    if (requests.some(mismatched)) return refuse(reply, MISMATCH, 'BAD_REQUEST');
  });
}
