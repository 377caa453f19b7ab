/**
 * The e-RS specification as a contract: every operation of the OpenAPI document with its request
 * examples and a JSON-schema validator (ajv) for each success response, the spec's YAML schemas
 * registered by file URL so that their relative `$ref`s resolve as they do in the spec folder.
 * Read only from tests, from the folder ERS_SPEC_DIR names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Json = Record<string, any>;

export interface RequestExample {
  /** The example's key in the endpoint page, e.g. "cancel-referral-without-comment". */
  name: string;
  /** The example file, relative to the spec folder. */
  file: string;
  body: Json;
}

export interface Operation {
  /** A0xx, from the operationId. */
  endpoint: string;
  operationId: string;
  method: string;
  /** The path template, e.g. /STU3/ReferralRequest/{ubrn}. */
  path: string;
  requestExamples: RequestExample[];
  /** Validators of the JSON success responses, by status. */
  responses: Map<number, ValidateFunction>;
}

const readYaml = (file: string): any => parse(readFileSync(file, 'utf8'));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

/** Follows `$ref`s of a spec object to the object itself, with the file it came from. */
function deref(value: Json, file: string): [Json, string] {
  while (value && typeof value.$ref === 'string') {
    file = resolve(dirname(file), value.$ref);
    value = readYaml(file);
  }
  return [value, file];
}

/** Every operation of the spec in `specDir`, with validators compiled by one ajv. */
export function loadContract(specDir: string): Operation[] {
  // OpenAPI 3.0 schemas: `nullable` is ajv's own keyword, `example` and `xml` are annotations.
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  for (const version of ['stu3', 'r4']) {
    for (const file of yamlFiles(join(specDir, 'components', version, 'schemas'))) {
      if (file.includes('/endpoints/')) continue;
      const schema = readYaml(file);
      if (schema && typeof schema === 'object' && !Array.isArray(schema)) ajv.addSchema({ ...schema, $id: pathToFileURL(file).href });
    }
  }
  const root = join(specDir, 'e-referrals-service-api.yaml');
  const document = readYaml(root);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(document.paths)) {
    for (const [method, reference] of Object.entries<Json>(item)) {
      const [page, pageFile] = deref(reference, root);
      const requestExamples: RequestExample[] = [];
      if (page.requestBody) {
        const [body, bodyFile] = deref(page.requestBody, pageFile);
        for (const content of Object.values<Json>(body.content ?? {})) {
          for (const [name, example] of Object.entries<Json>(content.examples ?? {})) {
            if (typeof example.value?.$ref !== 'string') continue;
            const file = resolve(dirname(bodyFile), example.value.$ref);
            requestExamples.push({ name, file: file.slice(specDir.length + 1), body: JSON.parse(readFileSync(file, 'utf8')) });
          }
        }
      }
      const responses = new Map<number, ValidateFunction>();
      for (const [status, reference] of Object.entries<Json>(page.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        const [response, responseFile] = deref(reference, pageFile);
        const schema = response.content?.['application/fhir+json']?.schema;
        if (!schema) continue;
        const validate = schema.$ref
          ? ajv.getSchema(pathToFileURL(resolve(dirname(responseFile), schema.$ref)).href)
          : // An inline schema: an id beside its file, so its relative $refs resolve from there.
            ajv.compile({ ...schema, $id: pathToFileURL(`${responseFile}.${status}.inline`).href });
        if (validate) responses.set(Number(status), validate);
      }
      const endpoint = /^a(\d{3})/i.exec(page.operationId)?.[1];
      operations.push({ endpoint: `A${endpoint}`, operationId: page.operationId, method: method.toUpperCase(), path, requestExamples, responses });
    }
  }
  return operations;
}

/** ajv's errors, short: where and what (the values are synthetic, but are left out anyway). */
export function schemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
