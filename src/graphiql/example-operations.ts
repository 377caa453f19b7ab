import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, print, type DocumentNode } from 'graphql';

/** A tab GraphiQL opens with: an operation of the project and a template of its variables. */
export interface ExampleTab {
  query: string;
  /** JSON with comments: each variable of the operation, null, with its type as a comment; undefined when it has none. */
  variables?: string;
}

/**
 * The operations GraphiQL opens with, from one place: `operations/*.graphql` (the operations
 * front ends run) when that folder holds any, else the `graphql` blocks of README.md. Read once
 * at start; an empty list when neither is there (a production image may ship neither).
 */
export function exampleOperations(root: string): ExampleTab[] {
  const folder = join(root, 'operations');
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.graphql')) : [];
  const documents =
    files.length > 0
      ? files.sort().map((name) => readFileSync(join(folder, name), 'utf8'))
      : readmeBlocks(existsSync(join(root, 'README.md')) ? readFileSync(join(root, 'README.md'), 'utf8') : '');
  return documents.flatMap((text) => {
    const tab = exampleTab(text);
    return tab ? [tab] : [];
  });
}

/** The ```graphql blocks of a Markdown text. */
export function readmeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/```graphql\r?\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** A tab of a document with at least one operation; undefined for a document that does not parse or holds only fragments. */
export function exampleTab(text: string): ExampleTab | undefined {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  if (operations.length === 0) return undefined;
  const variables = operations
    .flatMap((operation) => operation.variableDefinitions ?? [])
    .filter((variable, index, all) => all.findIndex((other) => other.variable.name.value === variable.variable.name.value) === index);
  const query = text.trim() + '\n';
  if (variables.length === 0) return { query };
  const lines = variables.map(
    (variable, index) => `  "${variable.variable.name.value}": null${index < variables.length - 1 ? ',' : ''} // ${print(variable.type)}`,
  );
  return { query, variables: `{\n${lines.join('\n')}\n}\n` };
}
