import type { CallBudget } from '../../datasources/ers/client';
import { costLimitExceeded } from './cost-errors';

/**
 * The runtime cap on one GraphQL request's e-RS calls (ERS_CALLS_PER_REQUEST). It backs the
 * static estimate where the estimate cannot see: retries after a 429 or a 401, re-reads after a
 * conflict. The client spends one unit before every attempt; past the cap the attempt throws
 * COST_LIMIT_EXCEEDED (`reason: RUNTIME_CALLS`) and never leaves, so only the fields that still
 * needed e-RS fail.
 */
export class RequestCallBudget implements CallBudget {
  private spent = 0;

  constructor(readonly limit: number) {}

  /** Attempts allowed so far. */
  get used(): number {
    return this.spent;
  }

  spend(_endpoint: string): void {
    if (this.spent >= this.limit) throw costLimitExceeded('RUNTIME_CALLS', this.spent + 1, this.limit);
    this.spent++;
  }
}
