import { GraphQLError } from 'graphql';
import { apiError, type ErrorCode, type ReasonOf } from '../../schema/error-codes';

/** Why a request was refused or cut short for what it costs (`extensions.reason`, listed in schema/error-codes.ts). */
export type CostLimitReason = ReasonOf<'COST_LIMIT_EXCEEDED'>;

/** The agreed `extensions.code` of every cost refusal. */
export const COST_LIMIT_EXCEEDED = 'COST_LIMIT_EXCEEDED' satisfies ErrorCode;

const MESSAGES: Record<CostLimitReason, string> = {
  ERS_CALLS: 'The operation could make more e-RS calls than this server allows per operation: ask for fewer items or fields',
  NODES: 'The answer could hold more objects than this server allows: ask for smaller pages or fewer nested lists',
  DEPTH: 'The operation nests fields deeper than this server allows',
  ALIASES: 'The operation uses more aliases than this server allows',
  RUNTIME_CALLS: 'This request has made as many e-RS calls as this server allows per request: the field was not resolved',
  RESPONSE_SIZE: 'The answer is larger than this server sends: ask for fewer items or fields',
};

/**
 * A cost refusal: `extensions` carry the code, the reason, the estimate (or count) and the
 * limit, never a value of the request. `httpStatus` is set for refusals of the whole request.
 */
export function costLimitExceeded(reason: CostLimitReason, estimate: number, limit: number, httpStatus?: number): GraphQLError {
  return apiError(COST_LIMIT_EXCEEDED, MESSAGES[reason], {
    reason,
    // A nested cycle's estimate can exceed what JSON numbers print exactly.
    estimate: Number.isFinite(estimate) ? estimate : Number.MAX_SAFE_INTEGER,
    limit,
    ...(httpStatus ? { http: { status: httpStatus } } : {}),
  });
}
