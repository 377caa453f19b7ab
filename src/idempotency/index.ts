export type { IdempotencyBackend, IdempotencyOptions } from './idempotency.store';
export {
  IdempotencyStore,
  IDEMPOTENCY_TTL_MS,
  KeyvIdempotencyBackend,
  RedisIdempotencyBackend,
  createIdempotencyStore,
  isDefinitiveErsError,
  sharedStoreUnavailable,
} from './idempotency.store';
