import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Logger } from 'pino';
import { MAX_UPLOAD_BYTES } from '../../datasources/ers/document-store.api';
import { UploadedFile } from '../../schema/scalars/upload.scalar';
import { unauthenticated } from '../auth/auth-errors';
import type { RequestGuard } from '../auth/request-guard';
import { RouteError, routeError, sendRouteError } from './route-errors';
import type { UploadBudget } from './upload-budget';

/** Files one GraphQL multipart request may carry. */
export const MAX_GRAPHQL_FILES = 5;
/** Size of the `operations` and `map` fields each. */
const MAX_FIELD_BYTES = 1024 * 1024;
/** The largest GraphQL multipart body: five files, the two fields and room for the framing. */
export const MAX_GRAPHQL_MULTIPART_BYTES = MAX_GRAPHQL_FILES * MAX_UPLOAD_BYTES + 2 * MAX_FIELD_BYTES + 64 * 1024;
/** The headers Apollo's CSRF prevention accepts as proof of a preflighted request. */
const PREFLIGHT_HEADERS = ['apollo-require-preflight', 'x-apollo-operation-name'];

export interface GraphqlMultipartDeps {
  /** Authenticates the caller before the body is read; the GraphQL context reuses the identity. */
  guard: RequestGuard;
  /** Bytes that uploads in flight may hold. */
  uploads: UploadBudget;
  log: Logger;
}

/**
 * The GraphQL multipart request spec on `/graphql` (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` (the JSON request), `map` (file field -> variable paths), then the files, which
 * become `UploadedFile` values at those paths before Apollo sees the request. Register it in the
 * scope of the GraphQL route only.
 *
 * Before a byte of the body is read, the request must pass Apollo's CSRF prevention
 * (multipart/form-data is a "simple" content type, so it needs `Apollo-Require-Preflight` or
 * `X-Apollo-Operation-Name`, which no cross-site form can send; Apollo checks this too, but only
 * once the body is read), authenticate (every upload needs a caller), and find room in the
 * upload budget. A refusal closes the connection instead of draining the unread body.
 */
export async function registerGraphqlMultipart(scope: FastifyInstance, deps: GraphqlMultipartDeps): Promise<void> {
  await scope.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_UPLOAD_BYTES,
      files: MAX_GRAPHQL_FILES,
      fields: 2,
      fieldSize: MAX_FIELD_BYTES,
      parts: MAX_GRAPHQL_FILES + 2,
      headerPairs: 100,
    },
  });
  scope.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    const refusal = await admit(deps, request, reply);
    if (refusal) {
      reply.header('Connection', 'close');
      return sendRouteError(reply, refusal);
    }
    return readOperations(request, reply);
  });
}

/** The refusal of a multipart request before its body is read, or undefined when it may be read. */
async function admit(deps: GraphqlMultipartDeps, request: FastifyRequest, reply: FastifyReply): Promise<RouteError | undefined> {
  if (!PREFLIGHT_HEADERS.some((name) => String(request.headers[name] ?? '').trim() !== '')) {
    return {
      status: 400,
      message:
        'This multipart request has been blocked as a potential Cross-Site Request Forgery (CSRF): ' +
        'send a non-empty Apollo-Require-Preflight (or X-Apollo-Operation-Name) header',
      extensions: { code: 'BAD_REQUEST' },
    };
  }
  try {
    const identity = await deps.guard.authenticate(request);
    if (!identity) throw unauthenticated('Send a bearer token in the Authorization header', 'MISSING_TOKEN');
  } catch (error) {
    return routeError(error, deps.log, 'a multipart GraphQL request', 'A020');
  }
  return deps.uploads.reserveFor(request, reply, MAX_GRAPHQL_MULTIPART_BYTES);
}

async function readOperations(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  let operations: unknown;
  let map: unknown;
  const files = new Map<string, UploadedFile>();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        files.set(part.fieldname, new UploadedFile(part.filename ?? '', bytes, part.file.truncated));
      } else if (part.fieldname === 'operations') {
        operations = JSON.parse(String(part.value));
      } else if (part.fieldname === 'map') {
        map = JSON.parse(String(part.value));
      }
    }
  } catch {
    return refuse(reply, 'The multipart GraphQL request could not be read (operations and map must be JSON; at most 5 files)');
  }
  if (!isRecord(operations) && !Array.isArray(operations))
    return refuse(reply, 'A multipart GraphQL request needs an "operations" field (JSON)');
  if (!isRecord(map)) return refuse(reply, 'A multipart GraphQL request needs a "map" field (JSON object of file field -> paths)');
  for (const [field, paths] of Object.entries(map)) {
    const file = files.get(field);
    if (!file) return refuse(reply, `The map names a file field "${field.slice(0, 40)}" the request does not carry`);
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && placeAt(operations, p, file))) {
      return refuse(reply, `The map of file field "${field.slice(0, 40)}" must list variable paths such as "variables.file"`);
    }
  }
  request.body = operations;
}

/** Sets `value` at a dotted path of `operations` whose last step already exists and is null (the spec's placeholder). */
function placeAt(operations: unknown, path: string, value: UploadedFile): boolean {
  const steps = path.split('.');
  let target: unknown = operations;
  for (const step of steps.slice(0, -1)) {
    if (step === '__proto__' || step === 'constructor' || step === 'prototype' || (!isRecord(target) && !Array.isArray(target)))
      return false;
    target = (target as Record<string, unknown>)[step];
  }
  const last = steps[steps.length - 1];
  if ((!isRecord(target) && !Array.isArray(target)) || !(last in target) || (target as Record<string, unknown>)[last] !== null)
    return false;
  (target as Record<string, unknown>)[last] = value;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reply: FastifyReply, message: string): FastifyReply {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}
