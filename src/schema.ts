import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { resolvers } from '../resolvers';
import { referenceResolvers } from '../resolvers/entity-references';
import { withFederation } from '../schema/federation';
import { describePrices } from './cost/pricing';
import { printSubgraphSdl } from './cost/subgraph-sdl';

/**
 * Which schema: `client`, the graph as front ends use it (schema/schema.graphql); `subgraph`, the
 * same graph with the Apollo Federation 2 fields `_service` and `_entities`, which ers-graph serves.
 */
export type SchemaKind = 'client' | 'subgraph';

const built: Partial<Record<SchemaKind, GraphQLSchema>> = {};

/**
 * The executable schema of ers-graph, built once from the type-graphql classes, with each field's
 * e-RS price in its description; as a subgraph, with `_service { sdl }` answering
 * schema/subgraph.graphql and `_entities` reading the owned entities through the same gates and loaders.
 */
export function ersSchema(kind: SchemaKind = 'client'): GraphQLSchema {
  const client = (built.client ??= describePrices(buildSchemaSync({ resolvers })));
  if (kind === 'client') return client;
  built.subgraph ??= withFederation(client, { sdl: printSubgraphSdl(client), references: referenceResolvers() });
  return built.subgraph;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printErsSchema(): string {
  return `${printSchema(lexicographicSortSchema(ersSchema()))}\n`;
}
