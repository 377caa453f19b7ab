import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ersSchema, printErsSchema } from './schema';
import { printSubgraphSdl } from './cost/subgraph-sdl';

/**
 * `npm run schema:emit` writes schema/schema.graphql and schema/subgraph.graphql (the same SDL
 * with the federation demand-control directives); `npm run schema:check` fails when a committed
 * file differs from the code.
 */
const dir = join(__dirname, '..', '..', 'schema');
const outputs: Array<[string, string]> = [
  [join(dir, 'schema.graphql'), printErsSchema()],
  [join(dir, 'subgraph.graphql'), printSubgraphSdl(ersSchema())],
];
if (process.argv.includes('--check')) {
  for (const [target, sdl] of outputs) {
    let committed = '';
    try {
      committed = readFileSync(target, 'utf8');
    } catch {
      // A missing file is drift too.
    }
    if (committed !== sdl) {
      process.stderr.write(`${target} is out of date: run \`npm run schema:emit\`\n`);
      process.exit(1);
    }
  }
} else {
  for (const [target, sdl] of outputs) {
    writeFileSync(target, sdl);
    process.stdout.write(`wrote ${target}\n`);
  }
}
