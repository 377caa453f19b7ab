import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printErsSchema } from './schema';

/**
 * `npm run schema:emit` writes schema/schema.graphql; `npm run schema:check` fails when the
 * committed file differs from the code.
 */
const target = join(__dirname, '..', '..', 'schema', 'schema.graphql');
const sdl = printErsSchema();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // A missing file is drift too.
  }
  if (committed !== sdl) {
    process.stderr.write('schema/schema.graphql is out of date: run `npm run schema:emit`\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, sdl);
  process.stdout.write(`wrote ${target}\n`);
}
