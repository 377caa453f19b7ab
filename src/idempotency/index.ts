export type { IdempotencyBackend, IdempotencyOptions } from './idempotency.store';
export {
  IdempotencyStore,
  IDEMPOTENCY_TTL_MS,
  KeyvIdempotencyBackend,
  RedisIdempotencyBackend,
  canonicalJson,
  createIdempotencyStore,
  inputHash,
  isDefinitiveErsError,
  sharedStoreUnavailable,
} from './idempotency.store';
export { callerScope } from './caller-scope';
