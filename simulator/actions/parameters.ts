/**
 * Validation of the e-RS write request bodies (FHIR STU3 Parameters with an eRS profile): the
 * resource type and profile, which parameters are allowed, their cardinality and value type.
 * Codes follow the write pages' 422 tables: MISSING_VALUE (a mandatory field is absent),
 * UNEXPECTED_FIELD (a name the profile does not define), INVALID_FHIR_STRUCTURE (wrong shape),
 * INVALID_VALUE (wrong type or format), INVALID_CODE (a code outside the defined values).
 */
import { type ActionFailure, fail } from './common';

/** Loosely typed FHIR JSON from a request body (shape checked by hand). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>;

export type ValueKind =
  'valueCoding' | 'valueString' | 'valueIdentifier' | 'valueBoolean' | 'valueUnsignedInt' | 'valueInstant' | 'valueReference' | 'resource';

export interface ParameterSpec {
  value: ValueKind;
  min: number;
  /** Maximum occurrences (Infinity for 0..*). */
  max: number;
}

export type ParsedParameters = Map<string, Json[]>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function valueOk(kind: ValueKind, value: unknown): boolean {
  switch (kind) {
    case 'valueCoding':
      return (
        isObject(value) &&
        typeof value.code === 'string' &&
        value.code !== '' &&
        (value.system === undefined || typeof value.system === 'string')
      );
    case 'valueIdentifier':
      return isObject(value) && typeof value.value === 'string' && value.value !== '';
    case 'valueString':
      return typeof value === 'string';
    case 'valueBoolean':
      return typeof value === 'boolean';
    case 'valueUnsignedInt':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0;
    case 'valueInstant':
      return (
        typeof value === 'string' &&
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
        !Number.isNaN(Date.parse(value))
      );
    case 'valueReference':
      return isObject(value) && typeof value.reference === 'string';
    case 'resource':
      return isObject(value) && typeof value.resourceType === 'string';
  }
}

/** Parses a Parameters body against its profile and parameter table. */
export function parseParameters(body: unknown, profile: string, specs: Record<string, ParameterSpec>): ParsedParameters | ActionFailure {
  if (body === undefined || body === null || body === '')
    return fail('MISSING_VALUE', 'A request body (a FHIR Parameters resource) is required.');
  if (!isObject(body)) return fail('INVALID_FHIR_STRUCTURE', 'The request body must be a FHIR Parameters resource.');
  if (body.resourceType !== 'Parameters')
    return fail('INVALID_FHIR_STRUCTURE', `resourceType must be 'Parameters' (got ${JSON.stringify(body.resourceType)}).`);
  for (const key of Object.keys(body)) {
    if (!['resourceType', 'meta', 'parameter', 'id'].includes(key))
      return fail('UNEXPECTED_FIELD', `Unexpected field '${key}' in Parameters.`);
  }
  const profiles = isObject(body.meta) ? body.meta.profile : undefined;
  if (profiles === undefined) return fail('MISSING_VALUE', 'meta.profile is required.');
  if (!Array.isArray(profiles) || profiles.length !== 1 || profiles[0] !== profile) {
    return fail('INVALID_VALUE', `meta.profile must be exactly ['${profile}'].`);
  }
  if (body.parameter !== undefined && !Array.isArray(body.parameter))
    return fail('INVALID_FHIR_STRUCTURE', "'parameter' must be an array.");
  const parsed: ParsedParameters = new Map();
  for (const entry of (body.parameter ?? []) as unknown[]) {
    if (!isObject(entry) || typeof entry.name !== 'string')
      return fail('INVALID_FHIR_STRUCTURE', 'Every parameter must be an object with a name.');
    const spec = specs[entry.name];
    if (!spec) return fail('UNEXPECTED_FIELD', `Unexpected parameter '${entry.name}'.`);
    const extra = Object.keys(entry).filter((k) => k !== 'name' && k !== spec.value);
    if (extra.length > 0) {
      const wrongType = extra.find((k) => k.startsWith('value') || k === 'resource');
      if (wrongType && entry[spec.value] === undefined)
        return fail('INVALID_VALUE', `Parameter '${entry.name}' must carry ${spec.value}, not ${wrongType}.`);
      return fail('UNEXPECTED_FIELD', `Unexpected field '${extra[0]}' in parameter '${entry.name}'.`);
    }
    if (entry[spec.value] === undefined) return fail('MISSING_VALUE', `Parameter '${entry.name}' has no ${spec.value}.`);
    if (!valueOk(spec.value, entry[spec.value])) return fail('INVALID_VALUE', `Parameter '${entry.name}' has an invalid ${spec.value}.`);
    const list = parsed.get(entry.name) ?? [];
    list.push(entry[spec.value] as Json);
    parsed.set(entry.name, list);
  }
  for (const [name, spec] of Object.entries(specs)) {
    const count = parsed.get(name)?.length ?? 0;
    if (count < spec.min) return fail('MISSING_VALUE', `Parameter '${name}' is mandatory.`);
    if (count > spec.max) return fail('INVALID_FHIR_STRUCTURE', `Parameter '${name}' may appear at most ${spec.max} time(s).`);
  }
  return parsed;
}

/** The single value of a parameter (undefined when absent). */
export function one<T = Json>(parsed: ParsedParameters, name: string): T | undefined {
  return parsed.get(name)?.[0] as T | undefined;
}

export function all(parsed: ParsedParameters, name: string): Json[] {
  return parsed.get(name) ?? [];
}

/** Checks a coding's system (when the page fixes one) and code; INVALID_CODE otherwise. */
export function codeOf(
  name: string,
  coding: Json,
  system: string | RegExp | undefined,
  codes: readonly string[] | undefined,
): string | ActionFailure {
  if (system !== undefined) {
    const ok = typeof system === 'string' ? coding.system === system : typeof coding.system === 'string' && system.test(coding.system);
    if (!ok) return fail('INVALID_CODE', `'${name}' has an unexpected code system (${String(coding.system)}).`);
  }
  const code = coding.code as string;
  if (codes !== undefined && !codes.includes(code)) return fail('INVALID_CODE', `'${code}' is not a valid ${name} code.`);
  return code;
}

/** An A004 code system URL (the simulator's own base URL, or any base in the spec's `_baseUrl_` form): matched by suffix. */
export function referenceSystem(type: string): RegExp {
  return new RegExp(`/STU3/CodeSystem/${type}$`);
}

export const PRIORITY_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1';
export const PRIORITIES = ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'] as const;

/** A string no longer than the page's maximum; INVALID_VALUE otherwise (empty strings count as missing). */
export function text(name: string, value: string | undefined, max: number): string | undefined | ActionFailure {
  if (value === undefined) return undefined;
  if (value.trim() === '') return fail('MISSING_VALUE', `'${name}' must not be empty.`);
  if (value.length > max) return fail('INVALID_VALUE', `'${name}' must be at most ${max} characters.`);
  return value;
}
