import { LRUCache } from 'lru-cache';
import { secretKey } from './token-cache';

export interface TokenVerdictOptions {
  /** Most tokens remembered of each kind; the least recently seen go first. */
  max?: number;
  /** How long a token e-RS refused is refused without asking e-RS again. */
  rejectedTtlMs?: number;
  /** How long a token that authenticated is known good (it passes the limit on failed attempts, and is still verified). */
  acceptedTtlMs?: number;
}

/** What is known of a bearer token before verifying it. */
export type TokenVerdict = 'accepted' | 'rejected' | undefined;

/**
 * What this process recently learned of bearer tokens, keyed by their SHA-256 (never the token):
 * tokens e-RS refused (apim mode: the same junk token again is refused without an A030 call) and
 * tokens that authenticated (they still work from an address that is over its limit of failed
 * attempts, so one careless client behind a shared NAT cannot lock its colleagues out).
 * In process and bounded: a restart or another instance only costs one more look-up.
 */
export class TokenVerdicts {
  private readonly rejected: LRUCache<string, true>;
  private readonly accepted: LRUCache<string, true>;

  constructor(options: TokenVerdictOptions = {}) {
    const max = options.max ?? 10_000;
    this.rejected = new LRUCache({ max, ttl: options.rejectedTtlMs ?? 60_000 });
    this.accepted = new LRUCache({ max, ttl: options.acceptedTtlMs ?? 10 * 60_000 });
  }

  /** e-RS refused the token for what it is (401, or 403 on A030): never a timeout or a 5xx. */
  reject(token: string): void {
    const key = secretKey(token);
    this.accepted.delete(key);
    this.rejected.set(key, true);
  }

  /** The token authenticated (a verified ID token or JWT; in apim mode, A030 answered). */
  accept(token: string): void {
    const key = secretKey(token);
    if (!this.rejected.has(key)) this.accepted.set(key, true);
  }

  /** The latest verdict on the token, if any is remembered. */
  of(token: string): TokenVerdict {
    const key = secretKey(token);
    if (this.rejected.has(key)) return 'rejected';
    return this.accepted.has(key) ? 'accepted' : undefined;
  }
}
