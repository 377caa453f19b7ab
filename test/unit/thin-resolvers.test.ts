/**
 * Resolvers reach e-RS only through the request's data sources (issue 11, STYLE.md habit 2): none
 * imports an e-RS api function, a builder, a mapper or the loaders. Read from the source files, so a
 * new import fails here before review.
 */
import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '../..');
const FORBIDDEN = /from '(?:\.\.\/)+datasources\/(?:ers\/[^']*\.(?:api|builder|mapper)|loaders)'/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = tsFiles(join(ROOT, 'resolvers')).map((path) => relative(ROOT, path));

describe('thin resolvers', () => {
  it('finds the files it checks', () => {
    expect(files).toContain('resolvers/referral.resolver.ts');
  });

  it.each(files)('%s imports no e-RS api, builder, mapper or loaders', (file) => {
    const offending = readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .filter((line) => FORBIDDEN.test(line));
    expect(offending).toEqual([]);
  });
});

describe('one resolver class per GraphQL type', () => {
  it('resolves each object type in exactly one class; root fields only in classes of a type or of mutations', () => {
    // Importing the resolvers registers their classes in type-graphql's metadata.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { resolvers } = require('../../resolvers') as { resolvers: unknown[] };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { getMetadataStorage } = require('type-graphql') as typeof import('type-graphql');
    const byType = new Map<string, string[]>();
    for (const meta of getMetadataStorage().resolverClasses) {
      if (!resolvers.includes(meta.target)) continue;
      let name = '(root)';
      try {
        name = (meta.getObjectType() as { name: string }).name;
      } catch {
        // `@Resolver()` without a type: a class of root fields.
      }
      byType.set(name, [...(byType.get(name) ?? []), meta.target.name]);
    }
    expect(byType.get('Referral')).toEqual(['ReferralResolver']);
    const shared = [...byType].filter(([name, classes]) => name !== '(root)' && classes.length > 1);
    expect(shared).toEqual([]);
    // Classes without a type hold only mutations, named for their e-RS area.
    expect((byType.get('(root)') ?? []).every((name) => name.endsWith('Mutations'))).toBe(true);
  });
});
