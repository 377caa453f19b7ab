import type { ApolloServerPlugin } from '@apollo/server';
import type { ServerContext } from '../context';
import { CostEstimate, CostLimits, estimateOperation } from './estimate';
import { costLimitExceeded } from './cost-errors';
import { EstimateCache } from './estimate-cache';

/** What `extensions.cost` reports when a request asks (`"extensions": { "cost": true }`). */
export interface CostReport {
  /** e-RS calls the operation was priced at before it ran. */
  estimatedCalls: number;
  /** e-RS calls this request sent (every attempt that reached the wire, A030 included). */
  actualCalls: number;
  /** The most e-RS calls an operation may be priced at (ERS_COST_LIMIT). */
  limit: number;
  nodes: number;
  depth: number;
}

/** Whether the request asked for its cost: `extensions.cost` true in the body (or the GET `extensions` parameter). */
function wantsCost(extensions: Record<string, unknown> | undefined): boolean {
  return extensions?.cost === true;
}

/**
 * Prices every operation after validation and before execution (Apollo `didResolveOperation`),
 * and refuses one over a limit with COST_LIMIT_EXCEEDED, HTTP 400 and no e-RS call; reports the
 * estimate and the calls made in `extensions.cost` when the request asks.
 */
export function costPlugin(limits: CostLimits): ApolloServerPlugin<ServerContext> {
  const prices = new EstimateCache<ReturnType<typeof estimateOperation>>();
  return {
    async requestDidStart() {
      let estimate: CostEstimate | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return;
          const application = contextValue.auth?.identity?.kind === 'application';
          const result = prices.get(operation, application ? 'application' : 'user', request.variables, () =>
            estimateOperation(schema, document, operation, limits, { variables: request.variables, application }),
          );
          estimate = result.estimate;
          if (result.verdict) {
            const { reason, estimate: value, limit } = result.verdict;
            throw costLimitExceeded(reason, value, limit, 400);
          }
        },
        async willSendResponse({ request, response, contextValue }) {
          if (!wantsCost(request.extensions) || response.body.kind !== 'single') return;
          const cost: CostReport = {
            estimatedCalls: estimate?.calls ?? 0,
            actualCalls: contextValue.ers?.callsMade ?? 0,
            limit: limits.calls,
            nodes: estimate?.nodes ?? 0,
            depth: estimate?.depth ?? 0,
          };
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost };
        },
      };
    },
  };
}
