import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import { MAX_UPLOAD_BYTES } from '../../datasources/ers/document-store.api';
import { UploadedFile } from '../../schema/scalars/upload.scalar';

/** Files one GraphQL multipart request may carry. */
export const MAX_GRAPHQL_FILES = 5;

/**
 * The GraphQL multipart request spec on `/graphql` (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` (the JSON request), `map` (file field -> variable paths), then the files, which
 * become `UploadedFile` values at those paths before Apollo sees the request. Register it in the
 * scope of the GraphQL route only.
 *
 * Apollo's CSRF prevention stays on: multipart/form-data is a "simple" content type, so such a
 * request is refused unless it carries `Apollo-Require-Preflight` (or `X-Apollo-Operation-Name`),
 * which no cross-site form can send.
 */
export async function registerGraphqlMultipart(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyMultipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_GRAPHQL_FILES, fields: 2, fieldSize: 1024 * 1024, parts: MAX_GRAPHQL_FILES + 2, headerPairs: 100 },
  });
  scope.addHook('preValidation', readOperations);
}

async function readOperations(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.isMultipart()) return;
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
  if (!isRecord(operations) && !Array.isArray(operations)) return refuse(reply, 'A multipart GraphQL request needs an "operations" field (JSON)');
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
    if (step === '__proto__' || step === 'constructor' || step === 'prototype' || (!isRecord(target) && !Array.isArray(target))) return false;
    target = (target as Record<string, unknown>)[step];
  }
  const last = steps[steps.length - 1];
  if ((!isRecord(target) && !Array.isArray(target)) || !(last in target) || (target as Record<string, unknown>)[last] !== null) return false;
  (target as Record<string, unknown>)[last] = value;
  return true;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refuse(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).type('application/json; charset=utf-8').send({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
}
