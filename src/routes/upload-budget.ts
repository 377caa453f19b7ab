import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RouteError } from './route-errors';

/** How long a client is asked to wait when the uploads in flight fill the budget. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/**
 * The bytes that uploads in flight may hold in memory, across all requests (`/graphql` multipart
 * and `POST /attachments`). A request reserves its size before a byte of it is read and gives it
 * back when its response ends; one that does not fit now is refused (503, `UPLOADS_BUSY`) rather
 * than queued: a queue would hold the sockets and the bodies' TCP buffers of the waiting uploads,
 * need a bound and a timeout of its own, and a client (or apollo-upload-client's caller) retries
 * a refusal that says when.
 */
export class UploadBudget {
  private used = 0;

  constructor(readonly limitBytes: number) {}

  /** Bytes reserved by uploads in flight. */
  get inUse(): number {
    return this.used;
  }

  /** Reserves `bytes`; the function that gives them back (once), or undefined when they do not fit now. */
  reserve(bytes: number): (() => void) | undefined {
    if (this.used + bytes > this.limitBytes) return undefined;
    this.used += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used -= bytes;
    };
  }

  /**
   * Reserves room for a request's body before it is read: its declared Content-Length, or
   * `maxBytes` when it declares none (chunked; the multipart limits bound what is kept). The
   * room is given back when the response ends or the connection closes. A refusal to send when
   * the body is too large (413) or the budget is full (503).
   */
  reserveFor(request: FastifyRequest, reply: FastifyReply, maxBytes: number): RouteError | undefined {
    const declared = Number(request.headers['content-length']);
    const known = request.headers['content-length'] !== undefined && Number.isSafeInteger(declared) && declared >= 0;
    if (known && declared > maxBytes) {
      return {
        status: 413,
        message: `The request is larger than an upload may be (${maxBytes} bytes)`,
        extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes },
      };
    }
    const release = this.reserve(known ? declared : maxBytes);
    if (!release) {
      reply.header('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
      return {
        status: 503,
        message: 'Too many uploads are in progress: try again shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'UPLOADS_BUSY', retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
      };
    }
    reply.raw.once('close', release);
    return undefined;
  }
}
