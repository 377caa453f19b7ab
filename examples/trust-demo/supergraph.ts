import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { trustDemoSdl } from './trust-demo.subgraph';

/** Where each subgraph of the demo supergraph is served by default (`npm run demo:gateway`). */
export const DEMO_URLS = { ers: 'http://127.0.0.1:4000/graphql', 'trust-demo': 'http://127.0.0.1:4002/graphql' };

/** ers-graph's committed subgraph SDL, schema/subgraph.graphql (what its `_service { sdl }` answers). */
export function ersGraphSubgraphSdl(root: string): string {
  return readFileSync(join(root, 'schema', 'subgraph.graphql'), 'utf8');
}

/**
 * Composes ers-graph with the trust-demo subgraph (Apollo Federation 2, @apollo/composition, as
 * `rover supergraph compose` would) and returns the supergraph SDL; throws with composition's
 * errors when the subgraphs do not compose.
 */
export function composeDemoSupergraph(
  ersSdl: string,
  urls: { ers: string; 'trust-demo': string } = DEMO_URLS,
): { supergraphSdl: string; hints: string[] } {
  const result = composeServices([
    { name: 'ers', url: urls.ers, typeDefs: parse(ersSdl) },
    { name: 'trust-demo', url: urls['trust-demo'], typeDefs: parse(trustDemoSdl()) },
  ]);
  if (result.errors) throw new Error(`The supergraph does not compose:\n${result.errors.map((error) => error.message).join('\n')}`);
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((hint) => hint.toString()) };
}
