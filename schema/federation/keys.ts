import { Directive } from 'type-graphql';

/**
 * Federation 2 `@key`s, as type-graphql directives on the type classes. The subgraph SDL
 * (schema/subgraph.graphql, `_service { sdl }`) prints them; `_entities` resolves the owned ones.
 */

/** An entity ers-graph owns: other subgraphs may reference it by `fields`, and the router asks ers-graph for it (`_entities`). */
export function EntityKey(fields: string): ClassDecorator {
  return Directive(`@key(fields: "${fields}")`) as ClassDecorator;
}

/**
 * An entity another subgraph owns (a PDS subgraph's Patient, an ODS subgraph's Organisation):
 * ers-graph only names it by its key, and never resolves it (`resolvable: false`).
 */
export function StubKey(fields: string): ClassDecorator {
  return Directive(`@key(fields: "${fields}", resolvable: false)`) as ClassDecorator;
}

/** The federation directives the type classes use, imported by the subgraph SDL's `@link`. */
export const KEY_DIRECTIVE = '@key';
