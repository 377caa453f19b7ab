import 'reflect-metadata';
import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { resolvers } from '../resolvers';
import { describePrices } from './cost/pricing';

let built: GraphQLSchema | undefined;

/** The executable schema of ers-graph, built once from the type-graphql classes, with each field's e-RS price in its description. */
export function ersSchema(): GraphQLSchema {
  built ??= describePrices(buildSchemaSync({ resolvers }));
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export function printErsSchema(): string {
  return `${printSchema(lexicographicSortSchema(ersSchema()))}\n`;
}
