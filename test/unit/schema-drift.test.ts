import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printErsSchema } from '../../src/schema';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing types)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printErsSchema()).toBe(committed);
  });
});
