import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { ersSchema } from '../../src/schema';

describe('README', () => {
  const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has example queries', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });

  it.each(blocks.map((block, i) => [i + 1, block]))('example %i is valid against the schema', (_i, block) => {
    expect(validate(ersSchema(), parse(block as string)).map((e) => e.message)).toEqual([]);
  });
});
