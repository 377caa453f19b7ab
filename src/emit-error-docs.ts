import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withErrorTables } from '../schema/error-codes';

/**
 * `npm run errors:docs` writes the README's Errors tables from schema/error-codes.ts, the one
 * list of codes and reasons; `--check` fails when the README differs (test/unit/error-codes.test.ts
 * checks the same).
 */
const readmePath = join(__dirname, '..', '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const generated = withErrorTables(readme);
if (process.argv.includes('--check')) {
  if (generated !== readme) {
    process.stderr.write(`${readmePath}: the Errors tables are out of date: run \`npm run errors:docs\`\n`);
    process.exit(1);
  }
} else if (generated !== readme) {
  writeFileSync(readmePath, generated);
  process.stdout.write(`wrote the Errors tables of ${readmePath}\n`);
}
