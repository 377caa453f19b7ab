/**
 * codegen.yml's outputs are committed (operations/__generated__): this regenerates them in
 * memory, with the same plugins and configuration, from schema/schema.graphql and operations/,
 * and fails when a file differs from what `npm run codegen` would write. It also checks that the
 * trusted-documents manifest holds exactly what a client sends for each TypedDocumentNode, and
 * that README's example operations are the ones in operations/.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { codegen } from '@graphql-codegen/core';
import type { CodegenPlugin, Types } from '@graphql-codegen/plugin-helpers';
import * as typedDocumentNode from '@graphql-codegen/typed-document-node';
import * as typescriptOperations from '@graphql-codegen/typescript-operations';
import { buildSchema, Kind, parse, print, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { parse as parseYaml } from 'yaml';
import * as generated from '../../operations/__generated__/operations';
import { ersSchema } from '../../src/schema';
import { documentHash, persistedDocuments } from '../../src/trusted-documents';
import * as manifestPlugin from '../../src/trusted-documents/codegen-plugin';

const root = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface OutputConfig {
  plugins: string[];
  config?: Record<string, unknown>;
  hooks?: { afterOneFileWrite?: string[] };
}
const codegenYml = parseYaml(read('codegen.yml')) as { schema: string; documents: string; generates: Record<string, OutputConfig> };

/** The plugins codegen.yml names; the manifest plugin is loaded from the build by the CLI, from its source here. */
const PLUGINS: Record<string, CodegenPlugin> = {
  'typescript-operations': typescriptOperations,
  'typed-document-node': typedDocumentNode,
  './dist/src/trusted-documents/codegen-plugin.js': manifestPlugin,
};

/** operations/**\/*.graphql in the order the CLI loads them (by path). */
function operationFiles(): Types.DocumentFile[] {
  expect(codegenYml.documents).toBe('operations/**/*.graphql');
  const dir = join(root, 'operations');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({ location: join(dir, name), document: parse(readFileSync(join(dir, name), 'utf8')) }));
}

/** What the CLI writes for one output of codegen.yml, formatted as its Prettier hook formats it. */
async function generate(filename: string, output: OutputConfig, documents: Types.DocumentFile[]): Promise<string> {
  const sdl = read(codegenYml.schema);
  const text = await codegen({
    filename,
    schema: parse(sdl),
    schemaAst: buildSchema(sdl),
    documents,
    plugins: output.plugins.map((name) => ({ [name]: {} })),
    pluginMap: PLUGINS,
    config: { ...output.config, emitLegacyCommonJSImports: true },
  });
  if (!output.hooks?.afterOneFileWrite?.includes('prettier --write')) return text;
  // Prettier's CLI in a process of its own (its API loads modules with import(), which Jest's VM does not allow).
  const formatted = spawnSync(process.execPath, [require.resolve('prettier/bin/prettier.cjs'), '--stdin-filepath', join(root, filename)], {
    input: text,
    encoding: 'utf8',
  });
  expect(formatted.stderr).toBe('');
  return formatted.stdout;
}

describe('codegen.yml', () => {
  const documents = operationFiles();

  it('reads the committed SDL and the operations of operations/, and writes both files under operations/__generated__', () => {
    expect(codegenYml.schema).toBe('schema/schema.graphql');
    expect(Object.keys(codegenYml.generates).sort()).toEqual([
      'operations/__generated__/operations.ts',
      'operations/__generated__/persisted-documents.json',
    ]);
    for (const output of Object.values(codegenYml.generates)) {
      for (const plugin of output.plugins) expect(PLUGINS).toHaveProperty([plugin]);
    }
    expect(documents.length).toBeGreaterThanOrEqual(5);
  });

  it.each(Object.keys(codegenYml.generates))(
    '%s is up to date (run `npm run codegen` after changing the schema or an operation)',
    async (filename) => {
      const expected = await generate(filename, codegenYml.generates[filename], documents);
      const committed = read(filename);
      // Which line first differs, rather than two 60 kB strings side by side.
      const line = expected.split('\n').findIndex((text, i) => text !== committed.split('\n')[i]);
      expect(committed === expected ? 'up to date' : `stale from line ${line + 1}: run \`npm run codegen\``).toBe('up to date');
    },
  );

  it('maps every scalar of the schema to a string (or unknown for JSON, File for Upload), as README says', () => {
    const { scalars, strictScalars } = codegenYml.generates['operations/__generated__/operations.ts'].config as {
      scalars: Record<string, string>;
      strictScalars: boolean;
    };
    expect(strictScalars).toBe(true);
    const schemaScalars = [...read('schema/schema.graphql').matchAll(/^scalar (\w+)/gm)].map((m) => m[1]).sort();
    expect(Object.keys(scalars).sort()).toEqual(schemaScalars);
    expect(Object.entries(scalars).filter(([, type]) => type !== 'string')).toEqual([
      ['JSON', 'unknown'],
      ['Upload', 'File'],
    ]);
    // README's yaml block is codegen.yml's configuration, for a front end's own codegen.yml.
    const frontEnd = [...read('README.md').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .filter((m) => /^generates:/m.test(m[1]))
      .map((m) => parseYaml(m[1]) as typeof codegenYml)[0];
    expect(frontEnd).toBeDefined();
    const [readmeOutput] = Object.values(frontEnd!.generates);
    expect(readmeOutput.plugins).toEqual(codegenYml.generates['operations/__generated__/operations.ts'].plugins);
    expect(readmeOutput.config).toEqual(codegenYml.generates['operations/__generated__/operations.ts'].config);
  });
});

describe('the operations', () => {
  const operations = operationFiles().flatMap((file) =>
    file.document!.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION),
  );

  it('are named, once each, and valid against the schema the server runs (not only the committed SDL)', () => {
    const names = operations.map((operation) => operation.name?.value);
    expect(names.every((name) => name !== undefined)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    for (const file of operationFiles()) {
      expect({ file: relative(root, file.location!), errors: validate(ersSchema(), file.document!).map((e) => e.message) }).toEqual({
        file: relative(root, file.location!),
        errors: [],
      });
    }
  });

  it("include README's example operations, as README writes them", () => {
    const readme = [...read('README.md').matchAll(/```graphql\n([\s\S]*?)```/g)].flatMap((m) => parse(m[1]).definitions);
    const examples = readme.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name !== undefined);
    expect(examples.map((e) => e.name!.value).sort()).toEqual([
      'Accept',
      'Book',
      'CheapWorklist',
      'ProviderWorklistScreen',
      'ReferralWithServices',
    ]);
    for (const example of examples) {
      const operation = operations.find((o) => o.name?.value === example.name!.value);
      expect(operation && print(operation)).toBe(print(example));
    }
  });

  it('each have a TypedDocumentNode, and the manifest holds exactly what print() of each sends, under its sha256', () => {
    const manifest = JSON.parse(read('operations/__generated__/persisted-documents.json')) as Record<string, string>;
    const typed = Object.entries(generated).filter(([name]) => name.endsWith('Document'));
    expect(typed.map(([name]) => name.replace(/Document$/, '')).sort()).toEqual(operations.map((o) => o.name!.value).sort());
    for (const [, document] of typed) {
      const text = print(document as DocumentNode);
      expect(manifest[documentHash(text)]).toBe(text);
    }
    expect(Object.keys(manifest)).toHaveLength(typed.length);
  });
});

describe('the manifest plugin', () => {
  /** The `...Document` constants typed-document-node writes for some documents, as JSON. */
  async function typedDocuments(sources: string[]): Promise<DocumentNode[]> {
    const sdl = 'type Query { a: A } type A { id: ID b: B c: String } type B { id: ID c: String }';
    const text = await codegen({
      filename: 'x.ts',
      schema: parse(sdl),
      schemaAst: buildSchema(sdl),
      documents: sources.map((source, i) => ({ location: `${i}.graphql`, document: parse(source) })),
      plugins: [{ 'typescript-operations': {} }, { 'typed-document-node': {} }],
      pluginMap: PLUGINS,
      config: {},
    });
    return [...text.matchAll(/^export const \w+Document = (\{.*\}) as unknown as/gm)].map((m) => JSON.parse(m[1]) as DocumentNode);
  }

  it('gives an operation with fragments (spread directly, through others, across files) the document typed-document-node builds', async () => {
    const sources = [
      'fragment BFields on B { id c }\nquery Two { a { ...AFields } }',
      'fragment AFields on A { id b { ...BFields } }\nquery One { a { id ...AFields c } }\nquery Plain { a { c } }',
    ];
    const operations = await typedDocuments(sources);
    expect(operations.map((d) => d.definitions.length)).toEqual([3, 3, 1]); // Two and One with both fragments, Plain alone
    const manifest = persistedDocuments(sources.map((source) => parse(source)));
    expect([...manifest.values()].sort()).toEqual(operations.map((d) => print(d)).sort());
    expect([...manifest.keys()]).toEqual([...manifest.values()].map(documentHash));
  });

  it('writes the manifest as JSON, hash to document, for codegen to save', async () => {
    const output = await manifestPlugin.plugin(
      buildSchema('type Query { a: Int }'),
      [{ location: 'a.graphql', document: parse('query A { a }') }],
      {},
    );
    expect(JSON.parse(String(output))).toEqual({ [documentHash('query A {\n  a\n}')]: 'query A {\n  a\n}' });
    expect(String(output).endsWith('}\n')).toBe(true);
  });
});
