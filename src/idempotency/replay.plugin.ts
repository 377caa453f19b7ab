import type { ApolloServerPlugin, GraphQLRequestContextResponseForOperation } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { type FieldNode, type OperationDefinitionNode, print, type ValueNode } from 'graphql';
import type { ServerContext } from '../context';
import { callerScope } from '../../kernel/caller-scope';
import { inputHash } from '../../kernel/input-hash';

/** Response header on an answer replayed from the idempotency store. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Exact replays of idempotent mutations answered whole: a mutation operation that carries an
 * idempotency key (the `Idempotency-Key` header, or `idempotencyKey` in a root field's `input`)
 * and succeeded has its response stored for 24 h under the caller's scope, the key(s) and a hash
 * of the document and variables. The same request again gets that response, with
 * `Idempotent-Replayed: true`, and no e-RS call at all: not the write, and not the reads of the
 * payload's linked fields either. Anything else (another selection, a failed first attempt) runs
 * normally, where each mutation's own idempotency still prevents a second write.
 *
 * While the store is unreachable nothing is recalled: each keyed mutation is then refused with
 * SERVICE_UNAVAILABLE by its own idempotency, and the response carries `Retry-After`.
 */
export function idempotentReplayPlugin(): ApolloServerPlugin<ServerContext> {
  return {
    async requestDidStart() {
      let stored: { scope: string; key: string; hash: string } | undefined;
      return {
        async responseForOperation(requestContext) {
          const slot = await replaySlot(requestContext);
          if (!slot) return null;
          const response = await requestContext.contextValue.idempotency.recallResponse(slot.scope, slot.key, slot.hash);
          if (response === undefined) {
            stored = slot;
            return null;
          }
          const headers = new HeaderMap([[REPLAYED_HEADER, 'true']]);
          return { http: { headers }, body: { kind: 'single', singleResult: response as Record<string, unknown> } };
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          // A keyed mutation refused while the shared store is away: tell the client when to retry.
          const refusal = errors?.find((error) => error.extensions?.code === 'SERVICE_UNAVAILABLE');
          if (typeof refusal?.extensions?.retryAfterSeconds === 'number')
            response.http.headers.set('retry-after', String(refusal.extensions.retryAfterSeconds));
          if (!stored) return;
          if (errors?.length || !data) return;
          await contextValue.idempotency.rememberResponse(stored.scope, stored.key, stored.hash, { data });
        },
      };
    },
  };
}

/** Where a mutation request's response is stored, or undefined when it carries no idempotency key. */
async function replaySlot(requestContext: GraphQLRequestContextResponseForOperation<ServerContext>) {
  const { operation, document, request, contextValue } = requestContext;
  // Apollo calls this hook even when no operation matched (an operationName the document does not
  // define, as GraphiQL sends for a moment after its editor's text changed); Apollo then refuses it.
  if (operation?.operation !== 'mutation') return undefined;
  const variables = request.variables ?? {};
  const keys = new Set(fieldKeys(operation, variables));
  if (contextValue.idempotencyKey) keys.add(contextValue.idempotencyKey);
  if (keys.size === 0) return undefined;
  // Without a caller there is nothing to replay: the request runs and fails as it should.
  const scope = await callerScope(contextValue.auth).catch(() => undefined);
  if (scope === undefined) return undefined;
  const hash = inputHash({ document: print(document), operationName: request.operationName ?? null, variables });
  return { scope, key: [...keys].sort().join('\n'), hash };
}

/** The `idempotencyKey` of each root field (in its `input`, or an argument of its own), literal or from a variable. */
function* fieldKeys(operation: OperationDefinitionNode, variables: Record<string, unknown>): Generator<string> {
  const valueOf = (node: ValueNode | undefined): unknown => {
    if (!node) return undefined;
    if (node.kind === 'Variable') return variables[node.name.value];
    if (node.kind === 'StringValue') return node.value;
    if (node.kind === 'ObjectValue') return Object.fromEntries(node.fields.map((f) => [f.name.value, valueOf(f.value)]));
    return undefined;
  };
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== 'Field') continue;
    const argument = (name: string) => valueOf((selection as FieldNode).arguments?.find((a) => a.name.value === name)?.value);
    // In the input (most mutations), or an argument of its own (uploadAttachment).
    for (const key of [(argument('input') as { idempotencyKey?: unknown } | undefined)?.idempotencyKey, argument('idempotencyKey')]) {
      if (typeof key === 'string' && key !== '') yield key;
    }
  }
}
