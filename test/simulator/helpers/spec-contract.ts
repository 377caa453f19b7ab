/**
 * The e-RS specification as a contract: every operation of the OpenAPI document with its request
 * examples and a JSON-schema validator (ajv) for each success response, the spec's YAML schemas
 * registered by file URL so that their relative `$ref`s resolve as they do in the spec folder.
 * Read only from tests, from the folder ERS_SPEC_DIR names.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
  /**
   * Where the page documents this example as refused (a 4xx response example of the same file
   * name, e.g. updateAppointment's CancellationInvalidReason): the status and e-RS code it shows.
   */
  refusal?: { status: number; code: string };
}

export interface Operation {
  /** A0xx, from the operationId. */
  endpoint: string;
  operationId: string;
  method: string;
  /** The path template, e.g. /STU3/ReferralRequest/{ubrn}. */
  path: string;
  requestExamples: RequestExample[];
  /** The endpoint page's description (its security patterns and pre-requisites). */
  description: string;
  /** Validators of the JSON responses (successes and OperationOutcomes), by status. */
  responses: Map<number, ValidateFunction>;
}

/**
 * The spec writes the server's base URL as a placeholder, `_baseUrl_` or `_baseurl_`, in examples and
 * even in schema enums (reason code systems): read both as BASE_URL, and compare answers with the
 * simulator's own base URL written the same way (`withPlaceholder`).
 */
export const BASE_URL = '_baseurl_';
const readYaml = (file: string): any => parse(readFileSync(file, 'utf8').replace(/_baseUrl_/g, BASE_URL));

/** A copy of a JSON value with the server's base URL written as the spec's placeholder. */
export function withPlaceholder(value: unknown, baseUrl: string): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value).split(baseUrl).join(BASE_URL));
}

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
            requestExamples.push({
              name,
              file: file.slice(specDir.length + 1),
              body: JSON.parse(readFileSync(file, 'utf8').replace(/_baseUrl_/g, BASE_URL)),
            });
          }
        }
      }
      const responses = new Map<number, ValidateFunction>();
      for (const [status, reference] of Object.entries<Json>(page.responses ?? {})) {
        const [response, responseFile] = deref(reference, pageFile);
        const content = response.content?.['application/fhir+json'];
        for (const example of Object.values<Json>(content?.examples ?? {})) {
          if (status.startsWith('2') || typeof example.value?.$ref !== 'string') continue;
          const file = resolve(dirname(responseFile), example.value.$ref);
          const refused = requestExamples.find((r) => basename(r.file) === basename(file));
          const code = JSON.parse(readFileSync(file, 'utf8')).issue?.[0]?.details?.coding?.[0]?.code;
          if (refused && typeof code === 'string') refused.refusal = { status: Number(status), code };
        }
        const schema = content?.schema;
        if (!schema) continue;
        const validate = schema.$ref
          ? ajv.getSchema(pathToFileURL(resolve(dirname(responseFile), schema.$ref)).href)
          : // An inline schema: an id beside its file, so its relative $refs resolve from there.
            ajv.compile({ ...schema, $id: pathToFileURL(`${responseFile}.${status}.inline`).href });
        if (validate) responses.set(Number(status), validate);
      }
      const endpoint = /^a(\d{3})/i.exec(page.operationId)?.[1];
      operations.push({
        endpoint: `A${endpoint}`,
        operationId: page.operationId,
        method: method.toUpperCase(),
        path,
        description: String(page.description ?? ''),
        requestExamples,
        responses,
      });
    }
  }
  return operations;
}

/** ajv's errors, short: where and what (the values are synthetic, but are left out anyway). */
export function schemaErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
