import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CallerContext } from '../access';
import { type Attachment, findAdviceAndGuidance, findAttachmentByBinaryId, findReferral } from '../data/world';
import { r4Error, stu3Error } from '../fhir/outcomes';
import { hasRelationship } from '../http/caller-side';
import { type FhirResult, problem, registerFhirRoute } from '../http/fhir-route';
import { attachmentDisposition } from '../http/content-disposition';
import { checkPresigned, OBJECT_STORE_PREFIX, presignPath } from '../http/presigned';
import { fileReply, installReplyOverrides, overriddenReply } from '../http/reply-overrides';
import type { SimulatorState } from '../state';

/** A006 refuses files over 5 MB (FILE_SIZE_ERROR); A042 has no limit. */
export const A006_MAX_BYTES = 5_242_880;
const BINARY_ID = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;

/** Attachment retrieval: A006 (STU3, deprecated) and A042 (R4, 307 to a pre-signed object store URL), and the object store itself. */
export function registerBinaryRoutes(app: FastifyInstance, sim: SimulatorState): void {
  installReplyOverrides(app);
  // One secret per server: pre-signed URLs of one simulator are worthless to another.
  const secret = randomBytes(32);

  /** A006: GET /STU3/Binary/{attachmentLogicalID} streams the file. */
  registerFhirRoute<{ id: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/Binary/:id',
    endpoint: 'A006',
    handler: (request, caller) => {
      const found = findDownloadable(sim, request.params.id, caller, 'STU3');
      if ('kind' in found) return found;
      if (found.bytes.length > A006_MAX_BYTES) {
        return stu3Error(422, 'FILE_SIZE_ERROR', `The file is larger than 5MB (${A006_MAX_BYTES} bytes); use A042.`);
      }
      return fileReply(request, found.contentType, found.bytes, found.title);
    },
  });

  /** A042: GET /R4/Binary/{id} answers 307 with a short-lived Location. */
  registerFhirRoute<{ id: string }>(app, sim, {
    method: 'GET',
    url: '/R4/Binary/:id',
    endpoint: 'A042',
    handler: (request, caller) => {
      const found = findDownloadable(sim, request.params.id, caller, 'R4');
      if ('kind' in found) return found;
      const origin = sim.baseUrl.replace(/\/FHIR$/, '');
      return overriddenReply(request, {
        status: 307,
        headers: { location: `${origin}${presignPath(secret, found.binaryId, Date.now())}`, 'cache-control': 'no-store' },
        body: { contentType: 'text/plain', bytes: Buffer.alloc(0) },
      });
    },
  });

  /** The object store behind A042's redirect: no e-RS headers, just a valid, unexpired signature. */
  app.get<{ Params: { binaryId: string }; Querystring: Record<string, string | undefined> }>(
    `${OBJECT_STORE_PREFIX}/:binaryId`,
    async (request, reply) => {
      const { binaryId } = request.params;
      const check = checkPresigned(secret, binaryId, request.query['X-Expires'], request.query['X-Signature'], Date.now());
      if (check !== 'ok')
        return storeError(
          reply,
          403,
          check === 'expired' ? 'AccessDenied' : 'SignatureDoesNotMatch',
          check === 'expired' ? 'Request has expired' : 'The request signature does not match',
        );
      const attachment = findAttachmentByBinaryId(sim.world, binaryId);
      if (!attachment) return storeError(reply, 404, 'NoSuchKey', 'The specified key does not exist.');
      return reply
        .code(200)
        .header('content-type', attachment.contentType)
        .header('content-disposition', attachmentDisposition(attachment.title))
        .send(attachment.bytes);
    },
  );
}

function storeError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/xml')
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>\n`);
}

/**
 * The attachment behind a binary id if the caller may download it now: 400 malformed id, 404
 * unknown, no relationship (A006: 403 FORBIDDEN; A042: 403 NO_RELATIONSHIP), 422 with the
 * availability status as the code when the file is not AVAILABLE.
 */
function findDownloadable(sim: SimulatorState, binaryId: string, caller: CallerContext, version: 'STU3' | 'R4'): Attachment | FhirResult {
  if (!BINARY_ID.test(binaryId)) return problem('INVALID_VALUE', `Binary id (${binaryId}) is not a valid attachment id.`);
  const attachment = findAttachmentByBinaryId(sim.world, binaryId);
  if (!attachment) return problem('NOT_FOUND', `Binary ${binaryId} not found.`);
  const owner =
    attachment.owner.kind === 'ReferralRequest'
      ? findReferral(sim.world, attachment.owner.ubrn)
      : findAdviceAndGuidance(sim.world, attachment.owner.ubrn);
  if (owner && !hasRelationship(sim, caller, owner)) {
    const diagnostics = `The user has no legitimate relationship with the request ${attachment.owner.ubrn} this attachment belongs to.`;
    return version === 'STU3' ? problem('FORBIDDEN', diagnostics) : problem('NO_RELATIONSHIP', diagnostics);
  }
  if (attachment.availability !== 'AVAILABLE') {
    const why: Record<string, string> = {
      PENDING: 'The file is being scanned and cannot be retrieved. Wait at least 5 minutes before checking its availability again.',
      THREATS_FOUND: 'The file has been quarantined after detecting a threat and cannot be retrieved.',
      VALIDATION_FAILED: 'The file has failed validation and cannot be retrieved.',
    };
    const diagnostics = why[attachment.availability];
    return version === 'STU3'
      ? stu3Error(422, attachment.availability, diagnostics)
      : r4Error(422, attachment.availability, 'invalid', diagnostics);
  }
  return attachment;
}
