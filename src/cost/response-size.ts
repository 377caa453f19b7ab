import type { FastifyInstance } from 'fastify';
import { costLimitExceeded } from './cost-errors';

/**
 * Caps the serialized size of the answers of a Fastify scope (GRAPHQL_MAX_RESPONSE_BYTES): an
 * answer over the cap is replaced by one COST_LIMIT_EXCEEDED error (`reason: RESPONSE_SIZE`,
 * HTTP 400). It backs the node limit at run time: the estimate bounds objects, not the length of
 * their strings (`fhir` JSON, letters). The string Apollo made is measured as it is; nothing is
 * serialized twice.
 */
export function capResponseSize(scope: FastifyInstance, maxBytes: number, onRefused?: (bytes: number) => void): void {
  scope.addHook('onSend', async (_request, reply, payload) => {
    let bytes: number;
    if (typeof payload === 'string') {
      // A UTF-8 byte is at least one UTF-16 unit and at most three: count only when in doubt.
      if (payload.length * 3 <= maxBytes) return payload;
      bytes = payload.length > maxBytes ? payload.length : Buffer.byteLength(payload, 'utf8');
    } else if (Buffer.isBuffer(payload)) {
      bytes = payload.length;
    } else {
      return payload;
    }
    if (bytes <= maxBytes) return payload;
    onRefused?.(bytes);
    reply.code(400);
    reply.header('content-type', 'application/json; charset=utf-8');
    return JSON.stringify({ errors: [costLimitExceeded('RESPONSE_SIZE', bytes, maxBytes).toJSON()] });
  });
}
