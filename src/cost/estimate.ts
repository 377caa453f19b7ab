import {
  DocumentNode,
  FragmentDefinitionNode,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, getComplexity } from 'graphql-query-complexity';
import type { CostLimitReason } from './cost-errors';
import { CODE_SYSTEM_COUNT, entityCalls, holdsObjects, isEntitiesField, listSizeOf, ownCalls, priceOf } from './pricing';
import { selectsOnlyId } from '../../schema/id-only-selection';

/** What an operation may cost, before it runs. */
export interface CostEstimate {
  /** e-RS calls at most (per-request loaders make the real count lower when a resource repeats). */
  calls: number;
  /** Objects and list items the answer may hold (the product of list sizes down each path). */
  nodes: number;
  /** Deepest field nesting (the root fields are at depth 1). */
  depth: number;
  /** Aliased fields, counted in every place a fragment is spread. */
  aliases: number;
}

/** The limits an operation is checked against; see src/config.ts. */
export interface CostLimits {
  /** e-RS calls per operation (ERS_COST_LIMIT). */
  calls: number;
  nodes: number;
  depth: number;
  aliases: number;
}

/** The limits checked before execution. */
export type StaticLimitReason = Extract<CostLimitReason, 'ERS_CALLS' | 'NODES' | 'DEPTH' | 'ALIASES'>;

/** The first limit an estimate is over, with the numbers to report; null when within all. */
export interface CostVerdict {
  reason: StaticLimitReason;
  estimate: number;
  limit: number;
}

interface Shape {
  depth: number;
  aliases: number;
  /** Selections (fields, fragment spreads, inline fragments) once every fragment is expanded. */
  selections: number;
}

/**
 * Depth, aliases and expanded size of an operation in one pass, each fragment measured once
 * (memoised), so a document that spreads fragments into fragments costs time in its length,
 * not in its expansion.
 */
export function measureShape(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): Shape {
  const memo = new Map<string, Shape>();
  const inProgress = new Set<string>();
  const zero: Shape = { depth: 0, aliases: 0, selections: 0 };

  const measure = (set: SelectionSetNode | undefined): Shape => {
    if (!set) return zero;
    let depth = 0;
    let aliases = 0;
    let selections = 0;
    for (const selection of set.selections) {
      let inner: Shape;
      selections += 1;
      if (selection.kind === Kind.FIELD) {
        inner = measure(selection.selectionSet);
        depth = Math.max(depth, inner.depth + 1);
        aliases += selection.alias ? 1 : 0;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = measure(selection.selectionSet);
        depth = Math.max(depth, inner.depth);
      } else {
        const name = selection.name.value;
        // A fragment cycle is a validation error already; never recurse into one.
        if (inProgress.has(name)) continue;
        let known = memo.get(name);
        if (!known) {
          inProgress.add(name);
          known = measure(fragments.get(name)?.selectionSet);
          inProgress.delete(name);
          memo.set(name, known);
        }
        inner = known;
        depth = Math.max(depth, inner.depth);
      }
      aliases += inner.aliases;
      selections += inner.selections;
    }
    return { depth, aliases, selections };
  };
  return measure(operation.selectionSet);
}

export interface EstimateOptions {
  /** The operation's variables as sent (coerced here as execution would). */
  variables?: Record<string, unknown>;
  /** Application-restricted callers have no roles to look up (no A030). */
  application?: boolean;
}

/**
 * Prices an operation that passed validation, checking the cheap limits first: depth and aliases
 * (one linear pass), the expanded size, then the e-RS calls and nodes (graphql-query-complexity,
 * one estimator each). Returns the estimate and the first limit it is over, if any; once a limit
 * is exceeded the rest is not computed (left at 0), so a hostile document costs little time.
 */
export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limits: CostLimits,
  options: EstimateOptions = {},
): { estimate: CostEstimate; verdict: CostVerdict | null } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const shape = measureShape(operation, fragments);
  const estimate: CostEstimate = { calls: 0, nodes: 0, depth: shape.depth, aliases: shape.aliases };
  if (shape.aliases > limits.aliases) return { estimate, verdict: { reason: 'ALIASES', estimate: shape.aliases, limit: limits.aliases } };
  if (shape.depth > limits.depth) return { estimate, verdict: { reason: 'DEPTH', estimate: shape.depth, limit: limits.depth } };
  // Every selected field may appear in the answer at least once.
  if (shape.selections > limits.nodes) {
    estimate.nodes = shape.selections;
    return { estimate, verdict: { reason: 'NODES', estimate: shape.selections, limit: limits.nodes } };
  }

  // Only this operation and its fragments: the library would otherwise visit every operation.
  const query: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments.values()] };
  const run = (estimator: ComplexityEstimator) =>
    getComplexity({ schema, query, variables: options.variables, estimators: [estimator], maxQueryNodes: shape.selections + 1 });

  try {
    estimate.nodes = run(({ type, field, args, childComplexity }) => {
      if (!holdsObjects(field)) return 0;
      return listSizeOf(schema, type, field, args) * (1 + childComplexity);
    });
  } catch (error) {
    // Variables that do not coerce: execution refuses them with BAD_USER_INPUT before any resolver runs.
    if (error instanceof GraphQLError) return { estimate, verdict: null };
    throw error;
  }
  if (estimate.nodes > limits.nodes) return { estimate, verdict: { reason: 'NODES', estimate: estimate.nodes, limit: limits.nodes } };

  let rolesLookedUp = false;
  let referenceData = 0;
  const perOperation = run(({ type, field, node, args, childComplexity }) => {
    const size = listSizeOf(schema, type, field, args);
    // A gateway's `_entities`: each representation read as its type's root field reads one, through the same gate.
    if (isEntitiesField(schema, type, field.name)) {
      rolesLookedUp = true;
      return entityCalls(args.representations) + size * childComplexity;
    }
    const price = priceOf(schema, type, field.name);
    if (!price) return size * childComplexity;
    // Any priced field passes the role gate, which reads the caller's roles (A030) once per request.
    rolesLookedUp = true;
    // A link asked for its id alone is answered from the parent (resolvers/healthcare-service.support.ts).
    if (price.idFromParent && selectsOnlyId(node.selectionSet, (name) => fragments.get(name))) return 0;
    if (price.oncePerRequest === 'A004') referenceData++;
    return ownCalls(price, size) + size * childComplexity;
  });
  estimate.calls = perOperation + (rolesLookedUp && !options.application ? 1 : 0) + Math.min(referenceData, CODE_SYSTEM_COUNT);
  if (estimate.calls > limits.calls) return { estimate, verdict: { reason: 'ERS_CALLS', estimate: estimate.calls, limit: limits.calls } };
  return { estimate, verdict: null };
}
