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
