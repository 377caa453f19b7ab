import { createHash } from 'node:crypto';
import type { OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';

/** Variable sets remembered per operation: a screen asks with a few (pages, filters), an attacker with many. */
const PER_OPERATION = 16;

/**
 * Prices remembered per parsed operation, so the same screen asked again is not priced again
 * (pricing walks the whole operation twice with graphql-query-complexity: 8 % of a single
 * read's CPU). Apollo keeps each parsed document and hands the same operation node to every
 * request with the same text, so a WeakMap on that node forgets a price when Apollo forgets
 * the document. Within an operation, the price depends on who asks (application or user) and
 * on the variables, which are remembered by a hash, never as sent (they hold patient data).
 */
export class EstimateCache<T extends object> {
  private readonly byOperation = new WeakMap<OperationDefinitionNode, LRUCache<string, T>>();

  get(operation: OperationDefinitionNode, caller: string, variables: Record<string, unknown> | undefined, price: () => T): T {
    const key = operation.variableDefinitions?.length ? `${caller}:${variablesHash(variables)}` : caller;
    let prices = this.byOperation.get(operation);
    if (!prices) this.byOperation.set(operation, (prices = new LRUCache<string, T>({ max: PER_OPERATION })));
    let known = prices.get(key);
    if (!known) prices.set(key, (known = price()));
    return known;
  }
}

function variablesHash(variables: Record<string, unknown> | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(variables ?? {}))
    .digest('base64url');
}
