import { routeError, sendRouteError } from './route-errors';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import type { Logger } from 'pino';
import { createContext, correlationIdFrom, ContextDeps } from '../context';
import { acceptUpload, badUpload, tooLarge, UploadRefusal } from '../../kernel/uploads/upload-policy';
import { MAX_UPLOAD_BYTES } from '../../datasources/documents.datasource';
import { UploadedFile } from '../../schema/scalars/upload.scalar';
import { idempotent } from '../../kernel/idempotent';
import type { UploadBudget } from './upload-budget';

export interface UploadRouteDeps {
  /** The same dependencies as the GraphQL context: the same identity service, client options and gates. */
  context: ContextDeps;
  /** Bytes that uploads in flight may hold; the file is read only once its room is reserved. */
  uploads: UploadBudget;
}

/** The reference a later mutation (letter, triage outcome, A&G) takes to attach the file. */
export interface UploadedAttachment {
  /** The e-RS URL of the file, `Binary/<id>`. */
  url: string;
  contentType: string;
  /** The file name as sent to e-RS. */
  title: string;
  /** Bytes. */
  size: number;
}

/** Room for the multipart framing around the file (boundaries, part headers, a few small fields). */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * `POST /attachments`: one file as multipart/form-data (any file field, e.g. `file`; an optional
 * `referralId` field with the UBRN it is for), uploaded to e-RS with A020. Answers 201
 * `{ attachment: { url, contentType, title, size } }`.
 *
 * Callers authenticate as for /graphql (bearer token and NHSD-* role headers, the same context
 * factory and gate: A020, a write). The gate and the upload budget come before the body is read
 * (a refusal then closes the connection rather than drain the body); the file type (by
 * extension and by content) and the 5 MB limit are checked before any byte goes to e-RS.
 * Refusals are JSON `{ errors: [{ message, extensions: { code, ... } }] }`: 413 too large, 415
 * a type e-RS does not take or content that is not what the name says, 400 no file or two.
 */
export async function registerUploadRoute(app: FastifyInstance, deps: UploadRouteDeps): Promise<void> {
  // Its own encapsulated scope: the multipart parser never reaches /graphql, and no other body
  // parser runs here (every other content type is refused by the handler, after the gate).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    await scope.register(fastifyMultipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4, fieldSize: 1024, parts: 5, headerPairs: 100 },
    });
    scope.post('/attachments', (request, reply) => upload(deps, request, reply));
  });
}

async function upload(deps: UploadRouteDeps, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const correlationId = correlationIdFrom(request.headers);
  const log = deps.context.log.child({ correlationId, route: '/attachments' });
  reply.header('X-Correlation-ID', correlationId).header('Cache-Control', 'no-store');
  let reading = false;
  try {
    const ctx = await createContext(deps.context, request.headers, correlationId);
    ctx.auth.requireIdentity();
    await ctx.auth.authorize(['A020'], { write: true });

    if (!request.isMultipart()) {
      throw new UploadRefusal(415, 'Send the file as multipart/form-data', { code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'NOT_MULTIPART' });
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) throw tooLarge();
    const busy = deps.uploads.reserveFor(request, reply, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD);
    if (busy) throw new UploadRefusal(busy.status, busy.message, busy.extensions);

    reading = true;
    const form = await readForm(request);
    if (!form.file) throw badUpload('Send one file in the multipart form (e.g. a field named "file")', 'NO_FILE');
    const { bytes, filename } = form.file;
    const { contentType, title } = acceptUpload(bytes, filename, form.referralId);
    // With an Idempotency-Key, a retried upload of the same file answers with the first reference.
    const meaning = { idempotencyKey: undefined, file: new UploadedFile(filename, bytes, false), referralId: form.referralId };
    const attachment: UploadedAttachment = await idempotent(ctx, 'uploadAttachment', meaning, async () => {
      const uploaded = await ctx.data.documents.upload({ bytes, fileName: title, contentType, referralId: form.referralId });
      return { url: uploaded.url, contentType, title, size: bytes.length };
    });
    log.info({ endpoint: 'A020', size: bytes.length, contentType }, 'file uploaded to e-RS');
    return reply.code(201).type('application/json; charset=utf-8').send({ attachment });
  } catch (error) {
    if (!reading) reply.header('Connection', 'close');
    return sendError(reply, log, error);
  }
}

interface UploadForm {
  file?: { bytes: Buffer; filename: string };
  referralId?: string;
}

/** Reads the form: at most one file (buffered, at most 5 MB), and the `referralId` field. */
async function readForm(request: FastifyRequest): Promise<UploadForm> {
  const form: UploadForm = {};
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        form.file = { bytes, filename: part.filename ?? '' };
      } else if (part.fieldname === 'referralId' && typeof part.value === 'string') {
        form.referralId = part.value.trim();
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw badUpload('Send one file per request', 'TOO_MANY_FILES');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw badUpload('The form has too many fields', 'TOO_MANY_FIELDS');
    throw badUpload('The multipart form could not be read', 'MALFORMED_MULTIPART');
  }
  return form;
}

/** The JSON error of an upload. Messages are fixed texts or ours. */
function sendError(reply: FastifyReply, log: Logger, error: unknown): FastifyReply {
  if (error instanceof UploadRefusal) {
    return sendRouteError(reply, { status: error.status, message: error.message, extensions: error.extensions });
  }
  return sendRouteError(reply, routeError(error, log, 'an upload', 'A020'));
}
