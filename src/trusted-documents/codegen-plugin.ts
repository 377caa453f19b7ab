import type { PluginFunction } from '@graphql-codegen/plugin-helpers';
import type { DocumentNode } from 'graphql';
import { persistedDocuments } from './manifest';

/**
 * GraphQL Code Generator plugin (codegen.yml) writing the trusted-documents manifest of the
 * operations: a JSON object of `sha256(document) -> document`, one entry per operation, the
 * document being what a client sends for `print(SomeDocument)`. Give it to ers-graph as
 * `TRUSTED_DOCUMENTS`. Loaded by the codegen CLI from the build (`npm run codegen` builds first).
 */
export const plugin: PluginFunction = (_schema, documents) => {
  const manifest = persistedDocuments(documents.map((file) => file.document).filter((document): document is DocumentNode => !!document));
  return `${JSON.stringify(Object.fromEntries(manifest), null, 2)}\n`;
};
