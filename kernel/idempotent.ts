import { apiError } from '../schema/error-codes';
import type { RequestContext } from './context';
import { callerScope } from './caller-scope';
import { inputHash } from './input-hash';

/**
 * Runs a mutation at most once per idempotency key for this caller: the `idempotencyKey` input
 * field, or the request's `Idempotency-Key` header. The same key with the same input within 24 h
 * returns the first result without calling e-RS again; with another input, BAD_USER_INPUT.
 * Without a key it just runs (e-RS writes are never retried automatically either way).
 */
export async function idempotent<T>(
  ctx: RequestContext,
  operation: string,
  input: { idempotencyKey?: string | null },
  run: () => Promise<T>,
): Promise<T> {
  const key = input.idempotencyKey ?? ctx.idempotencyKey;
  if (!key) return run();
  if (input.idempotencyKey && ctx.idempotencyKey && input.idempotencyKey !== ctx.idempotencyKey) {
    throw apiError('BAD_USER_INPUT', 'idempotencyKey and the Idempotency-Key header differ');
  }
  const { idempotencyKey: _key, ...meaning } = input;
  return ctx.idempotency.run(`${operation}:${key}`, await callerScope(ctx.auth), inputHash({ operation, input: meaning }), run);
}
