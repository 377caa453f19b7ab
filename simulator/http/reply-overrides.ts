/**
 * Non-JSON replies for endpoints declared through registerFhirRoute: binary downloads (A006, A007,
 * A043), the A042 307 redirect and header-only answers (A037 HEAD). The handler records an
 * override for its request and returns a placeholder result; an onSend hook then swaps status,
 * headers and body, so the access checks of registerFhirRoute still run first.
 * TODO(lead): fold a `binary` / `redirect` kind into FhirResult and drop this hook.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type FhirResult, resource } from './fhir-route';
import { attachmentDisposition } from './content-disposition';

export interface ReplyOverride {
  status?: number;
  headers?: Record<string, string>;
  /** Replaces the body (and its Content-Type) when set. */
  body?: { contentType: string; bytes: Buffer };
  /** Sends no body at all (e.g. A020's 201 Created). */
  empty?: boolean;
}

const overrides = new WeakMap<FastifyRequest, ReplyOverride>();
const installed = new WeakSet<FastifyInstance>();

/** Installs the onSend hook once per server. */
export function installReplyOverrides(app: FastifyInstance): void {
  if (installed.has(app)) return;
  installed.add(app);
  app.addHook('onSend', async (request, reply, payload) => {
    const override = overrides.get(request);
    if (!override) return payload;
    overrides.delete(request);
    if (override.status !== undefined) reply.code(override.status);
    for (const [name, value] of Object.entries(override.headers ?? {})) reply.header(name, value);
    if (override.empty) {
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    }
    if (!override.body) return payload;
    reply.header('content-type', override.body.contentType);
    reply.removeHeader('content-length');
    return override.body.bytes;
  });
}

/** Records an override for this request (applied when the route sends its result). */
export function setReplyOverride(request: FastifyRequest, override: ReplyOverride): void {
  overrides.set(request, override);
}

/** Records the override for this request and returns the placeholder result the route then sends. */
export function overriddenReply(request: FastifyRequest, override: ReplyOverride): FhirResult {
  setReplyOverride(request, override);
  return resource({});
}

/** A file download: the bytes with Content-Type and Content-Disposition: attachment. */
export function fileReply(request: FastifyRequest, contentType: string, bytes: Buffer, filename: string): FhirResult {
  return overriddenReply(request, {
    headers: { 'content-disposition': attachmentDisposition(filename) },
    body: { contentType, bytes },
  });
}
