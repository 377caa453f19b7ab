import { createHash } from 'node:crypto';
import { Kind, parse, print, visit, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/**
 * Trusted documents: the operations a deployment's front ends run, as a manifest of
 * `sha256(document) -> document`. `npm run codegen` writes one for `operations/`
 * (operations/__generated__/persisted-documents.json); with `TRUSTED_DOCUMENTS` pointing at a
 * manifest, ers-graph runs those operations only.
 */

/** sha256 of a document's text, lowercase hex: the hash Apollo's persisted-query extension carries (`extensions.persistedQuery.sha256Hash`). */
export function documentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The operations of a trusted-documents manifest, by hash. */
export type TrustedDocuments = ReadonlyMap<string, string>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a manifest: a JSON object of sha256 hashes to documents (what codegen writes, and the
 * client preset's `persisted-documents.json`), or an Apollo persisted query manifest
 * (`{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ "id", "body" }] }`,
 * with sha256 ids, its default). Each hash must be the sha256 of its document, and each document
 * must parse: a manifest is a build's output, and a wrong one is refused at start, not at the
 * first request. Throws an Error saying what is wrong (never quoting a document).
 */
export function parseTrustedDocuments(json: string): TrustedDocuments {
  let manifest: unknown;
  try {
    manifest = JSON.parse(json);
  } catch {
    throw new Error('is not JSON');
  }
  if (!isRecord(manifest)) throw new Error(SHAPE);
  const entries =
    manifest.format === 'apollo-persisted-query-manifest'
      ? apolloEntries(manifest)
      : Object.entries(manifest).map(([id, body]) => ({ id, body }));
  const documents = new Map<string, string>();
  for (const { id, body } of entries) {
    if (typeof body !== 'string' || body.trim() === '') throw new Error(`holds a non-document for ${id}: ${SHAPE}`);
    if (!SHA256_HEX.test(id)) throw new Error(`holds "${id.slice(0, 80)}", which is not a sha256 hash (64 lowercase hex digits): ${SHAPE}`);
    if (documentHash(body) !== id)
      throw new Error(`holds a document under ${id} that is not the sha256 of its text: regenerate the manifest`);
    try {
      parse(body);
    } catch {
      throw new Error(`holds a document under ${id} that is not GraphQL`);
    }
    documents.set(id, body);
  }
  if (documents.size === 0) throw new Error('holds no operation');
  return documents;
}

const SHAPE =
  'a trusted-documents manifest is a JSON object of sha256 hashes to documents (as `npm run codegen` writes operations/__generated__/persisted-documents.json), or an Apollo persisted query manifest';

function apolloEntries(manifest: Record<string, unknown>): Array<{ id: string; body: unknown }> {
  if (manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error('is an Apollo persisted query manifest of a version other than 1, or without operations');
  }
  return manifest.operations.map((operation: unknown) => {
    if (!isRecord(operation) || typeof operation.id !== 'string') throw new Error(`holds an operation without an id: ${SHAPE}`);
    return { id: operation.id, body: operation.body };
  });
}

/**
 * The documents front ends send for each operation of `documents`: the operation, then every
 * fragment it spreads (directly or through other fragments) in the order they are defined, as
 * the typed-document-node plugin builds its `...Document` constants. The text is graphql-js
 * `print` of that document, what a client sends for `print(SomeDocument)`; test/unit/codegen.test.ts
 * checks both stay the same.
 */
export function persistedDocuments(documents: readonly DocumentNode[]): Map<string, string> {
  const definitions = documents.flatMap((document) => document.definitions);
  const fragments = definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  const byName = new Map(fragments.map((fragment) => [fragment.name.value, fragment]));
  const spreads = (node: OperationDefinitionNode | FragmentDefinitionNode): string[] => {
    const names: string[] = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };
  const manifest = new Map<string, string>();
  for (const operation of definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)) {
    const used = new Set<string>();
    const pending = spreads(operation);
    while (pending.length > 0) {
      const name = pending.pop()!;
      const fragment = byName.get(name);
      if (used.has(name) || !fragment) continue;
      used.add(name);
      pending.push(...spreads(fragment));
    }
    const text = print({ kind: Kind.DOCUMENT, definitions: [operation, ...fragments.filter((f) => used.has(f.name.value))] });
    manifest.set(documentHash(text), text);
  }
  return manifest;
}
