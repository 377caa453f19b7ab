import { join } from 'node:path';
import { composeDemoSupergraph, ersGraphSubgraphSdl } from './supergraph';

/**
 * `npm run supergraph`: composes ers-graph's committed subgraph SDL (schema/subgraph.graphql) with
 * the trust-demo subgraph and prints the supergraph SDL. Composition hints go to stderr.
 */
const root = join(__dirname, '..', '..', '..');
const { supergraphSdl, hints } = composeDemoSupergraph(ersGraphSubgraphSdl(root));
for (const hint of hints) process.stderr.write(`hint: ${hint}\n`);
process.stdout.write(supergraphSdl.endsWith('\n') ? supergraphSdl : `${supergraphSdl}\n`);
