/**
 * The simulator is the oracle the gateway's tests trust, so it must not share the gateway's code:
 * nothing in simulator/ imports the product (src/, datasources/, resolvers/, schema/), its modules
 * import each other without a loop, the production build compiles none of it, and its access
 * table, written from the spec's endpoint pages apart from the gateway's, agrees with the
 * gateway's (two transcriptions of the same pages).
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import ts from 'typescript';
import { ENDPOINT_ACCESS as GATEWAY_ACCESS } from '../../datasources/ers/endpoints';
import { ENDPOINT_ACCESS } from '../../simulator';

const ROOT = resolve(__dirname, '../..');
const SIMULATOR = join(ROOT, 'simulator');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Relative module specifiers of every import/export ... from, and dynamic import(), in a file. */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)'([^']+)'/g)].map((m) => m[1]);
  return specs.filter((spec) => spec.startsWith('.'));
}

function resolveModule(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return base;
}

const files = tsFiles(SIMULATOR);
const graph = new Map(files.map((file) => [file, relativeImports(file).map((spec) => resolveModule(file, spec))]));

describe('the simulator is independent of the gateway', () => {
  it('imports nothing outside its own package (src/, datasources/, resolvers/, schema/, test/ ...)', () => {
    const offending = [...graph].flatMap(([file, targets]) =>
      targets
        .filter((target) => !target.startsWith(SIMULATOR + '/'))
        .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
    );
    expect(offending).toEqual([]);
  });

  it('has no import loop among its own modules', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const target of graph.get(file) ?? []) {
        if (!graph.has(target)) continue;
        if (state.get(target) === 'visiting') {
          cycles.push(
            stack
              .slice(stack.indexOf(target))
              .concat(target)
              .map((f) => relative(SIMULATOR, f))
              .join(' -> '),
          );
        } else if (!state.has(target)) {
          visit(target);
        }
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('is not in the production build: tsconfig.build.json compiles no simulator file', () => {
    const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.build.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
    const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmit: true });
    const compiled = program
      .getSourceFiles()
      .map((file) => file.fileName)
      .filter((name) => !name.includes('/node_modules/'));
    expect(compiled.length).toBeGreaterThan(50);
    expect(compiled.filter((name) => name.startsWith(SIMULATOR + '/'))).toEqual([]);
  });

  it("tests load the simulator's source, the server its package build", () => {
    // simulator/package.json names its build only in "exports" (bare '@ers-graph/simulator', what
    // src/main.ts loads); a "main" would send the tests' '../../simulator' to a possibly stale dist.
    expect(require.resolve('../../simulator')).toBe(join(SIMULATOR, 'index.ts'));
    const manifest = JSON.parse(readFileSync(join(SIMULATOR, 'package.json'), 'utf8'));
    expect(manifest.main).toBeUndefined();
    expect(manifest.exports['.'].default).toBe('./dist/index.js');
  });

  it("its access table and the gateway's, transcribed apart, agree on every endpoint", () => {
    expect(Object.keys(ENDPOINT_ACCESS).sort()).toEqual(Object.keys(GATEWAY_ACCESS).sort());
    for (const id of Object.keys(ENDPOINT_ACCESS) as (keyof typeof ENDPOINT_ACCESS)[]) {
      const mine = ENDPOINT_ACCESS[id];
      const theirs = GATEWAY_ACCESS[id];
      expect({ id, ...mine, businessFunctions: mine.businessFunctions && [...mine.businessFunctions].sort() }).toEqual({
        id,
        ...theirs,
        businessFunctions: theirs.businessFunctions && [...theirs.businessFunctions].sort(),
      });
    }
  });
});
