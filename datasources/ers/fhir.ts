/**
 * Minimal, defensive FHIR JSON helpers for the e-RS mappers.
 *
 * e-RS responses are parsed JSON we do not control: every helper accepts `unknown`, never
 * throws, and returns null / [] when an element is missing or has an unexpected shape
 * (a single object where FHIR says array, a number where FHIR says string, ...).
 */

import { isFullDate, isFullDateTime } from '../../schema/scalars/date-time.scalar';

/** Any FHIR element or resource: a JSON object. */
export type FhirElement = Record<string, unknown>;

/** A FHIR resource: an element with a `resourceType`. */
export interface FhirResource extends FhirElement {
  resourceType: string;
}

/** A FHIR Coding as read by `readCoding`: `code` always set, the rest when present. */
export interface FhirCoding {
  system: string | null;
  code: string;
  display: string | null;
}

/** A FHIR Identifier as read by `readIdentifier`: `value` always set. */
export interface FhirIdentifier {
  system: string | null;
  value: string;
}

/**
 * Thrown when an e-RS response body is not the FHIR resource a mapper expects.
 * The message names only the expected and received resource types, never data.
 */
export class FhirMappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirMappingError';
  }
}

/** True for a plain JSON object (not null, not an array). */
export function isElement(value: unknown): value is FhirElement {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks that `value` is a resource of `resourceType` and returns it typed; otherwise throws
 * a FhirMappingError (without echoing any of the input).
 */
export function expectResource(value: unknown, resourceType: string): FhirResource {
  if (!isElement(value)) {
    throw new FhirMappingError(`Expected a FHIR ${resourceType} resource but got ${describe(value)}`);
  }
  if (value.resourceType !== resourceType) {
    const got = typeof value.resourceType === 'string' ? safeName(value.resourceType) : 'no resourceType';
    throw new FhirMappingError(`Expected a FHIR ${resourceType} resource but got ${got}`);
  }
  return value as FhirResource;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

// A resourceType is a FHIR type name; anything else is not echoed (it could be data).
function safeName(resourceType: string): string {
  return /^[A-Za-z]{1,64}$/.test(resourceType) ? resourceType : 'an unrecognised resourceType';
}

/** An element as an array: arrays as they are, a lone value wrapped, null/undefined as []. */
export function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  return [value];
}

/** The object items of an element that should be an array of objects (see `asArray`). */
export function elements(value: unknown): FhirElement[] {
  return asArray(value).filter(isElement);
}

/** `value[key]` when `value` is an object and the member is an object; else null. */
export function child(value: unknown, key: string): FhirElement | null {
  if (!isElement(value)) return null;
  const member = value[key];
  if (isElement(member)) return member;
  // A one-item array where FHIR says object (or the reverse, see asArray) is accepted too.
  if (Array.isArray(member)) return member.find(isElement) ?? null;
  return null;
}

/** A non-empty string, or a finite number / boolean as a string; else null. */
export function readString(value: unknown): string | null {
  if (typeof value === 'string') return value.length > 0 ? value : null;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'boolean') return String(value);
  return null;
}

/** `value[key]` as a string (see `readString`). */
export function stringAt(value: unknown, key: string): string | null {
  return isElement(value) ? readString(value[key]) : null;
}

/** An integer, or a string holding one; else null. Values outside GraphQL Int range are null. */
export function readInteger(value: unknown): number | null {
  let n: number | null = null;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) n = Number(value);
  if (n === null || !Number.isInteger(n) || Math.abs(n) > 2147483647) return null;
  return n;
}

/** A boolean, or the strings "true" / "false"; else null. */
export function readBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return null;
}

/** Extension names by URL, worked out once each: every mapped resource asks for the same few dozen. */
const EXTENSION_NAMES = new Map<string, string>();
const EXTENSION_NAMES_KEPT = 1000;

/**
 * The name of an extension or structure definition URL without its path and version suffix,
 * lower-cased: ".../Extension-eRS-ReferralState-1" -> "extension-ers-referralstate".
 * Matching on this keeps a future "-2" (or an R4 URL without "STU3/") mapping.
 */
export function extensionName(url: string): string {
  let name = EXTENSION_NAMES.get(url);
  if (name === undefined) {
    const lastSegment =
      url
        .split(/[/#]/)
        .filter((part) => part.length > 0)
        .pop() ?? '';
    name = lastSegment.replace(/-\d+$/, '').toLowerCase();
    // e-RS uses a few dozen extension URLs; the bound only stops an odd answer from growing the map.
    if (EXTENSION_NAMES.size >= EXTENSION_NAMES_KEPT) EXTENSION_NAMES.clear();
    EXTENSION_NAMES.set(url, name);
  }
  return name;
}

/** True when extension URL `url` names the same extension as `canonical`, whatever its version. */
export function extensionUrlMatches(url: unknown, canonical: string): boolean {
  return typeof url === 'string' && extensionName(url) === extensionName(canonical);
}

/**
 * The extensions of `element` whose URL matches any of `urls` (see `extensionUrlMatches`).
 * Sub-extension URLs such as "state" are matched exactly.
 */
export function findExtensions(element: unknown, ...urls: string[]): FhirElement[] {
  if (!isElement(element)) return [];
  return elements(element.extension).filter((ext) => urls.some((url) => ext.url === url || extensionUrlMatches(ext.url, url)));
}

/** The first extension of `element` matching any of `urls`, or null. */
export function findExtension(element: unknown, ...urls: string[]): FhirElement | null {
  return findExtensions(element, ...urls)[0] ?? null;
}

/**
 * Reads a Coding from a Coding, a CodeableConcept (first coding with a code), or an element
 * carrying either as `valueCoding` / `valueCodeableConcept` (extensions, parameters, properties).
 */
export function readCoding(value: unknown): FhirCoding | null {
  if (!isElement(value)) {
    // An array of codings or concepts: the first readable one.
    if (Array.isArray(value)) {
      for (const item of value) {
        const coding = readCoding(item);
        if (coding) return coding;
      }
    }
    return null;
  }
  const code = readString(value.code);
  if (code !== null && !('valueCoding' in value) && !('valueCodeableConcept' in value)) {
    return { system: readString(value.system), code, display: readString(value.display) };
  }
  if ('valueCoding' in value) {
    const coding = readCoding(value.valueCoding);
    if (coding) return coding;
  }
  if ('valueCodeableConcept' in value) {
    const coding = readCoding(value.valueCodeableConcept);
    if (coding) return coding;
  }
  if ('coding' in value) {
    const coding = readCoding(value.coding);
    if (coding) {
      // CodeableConcept.text is a fallback label.
      return coding.display === null ? { ...coding, display: readString(value.text) } : coding;
    }
  }
  return null;
}

/** Every readable Coding of a CodeableConcept (or of a list of them). */
export function readCodings(value: unknown): FhirCoding[] {
  const result: FhirCoding[] = [];
  for (const item of asArray(value)) {
    if (!isElement(item)) continue;
    if ('coding' in item) {
      for (const coding of asArray(item.coding)) {
        const read = readCoding(coding);
        if (read) result.push(read);
      }
    } else {
      const read = readCoding(item);
      if (read) result.push(read);
    }
  }
  return result;
}

/** Reads an Identifier (or an element with `valueIdentifier` / `identifier`), or null. */
export function readIdentifier(value: unknown): FhirIdentifier | null {
  if (!isElement(value)) {
    if (Array.isArray(value)) {
      for (const item of value) {
        const identifier = readIdentifier(item);
        if (identifier) return identifier;
      }
    }
    return null;
  }
  const direct = readString(value.value);
  if (direct !== null && typeof value.value !== 'object') {
    return { system: readString(value.system), value: direct };
  }
  return readIdentifier(value.valueIdentifier) ?? readIdentifier(value.identifier);
}

/** The value of the first identifier of `value` with `system`, or null. */
export function identifierValue(value: unknown, system: string): string | null {
  for (const item of asArray(value)) {
    const identifier = readIdentifier(item);
    if (identifier && identifier.system === system) return identifier.value;
  }
  return null;
}

/**
 * The logical id in a reference string: "Appointment/70009" -> "70009",
 * "ReferralRequest/000000070000/_history/14" -> "000000070000", "#shortlist" -> "shortlist",
 * "https://host/STU3/Slot/1" -> "1".
 */
export function referenceId(reference: unknown): string | null {
  const text = typeof reference === 'string' ? reference.trim() : readString(reference);
  if (!text) return null;
  if (text.startsWith('#')) return text.length > 1 ? text.slice(1) : null;
  const parts = text.split('/').filter((part) => part.length > 0);
  const history = parts.indexOf('_history');
  const idIndex = history > 0 ? history - 1 : parts.length - 1;
  return parts[idIndex] ?? null;
}

/** The `reference` string of a Reference element (or of an element's `valueReference`). */
export function readReference(value: unknown): string | null {
  if (typeof value === 'string') return readString(value);
  if (!isElement(value)) return null;
  return readString(value.reference) ?? (isElement(value.valueReference) ? readReference(value.valueReference) : null);
}

/**
 * The contained resource of `resourceType` that a local reference ("#id") points at; when the
 * reference is missing or dangling, the first contained resource of that type; else null.
 */
export function findContained(resource: unknown, reference: unknown, resourceType: string): FhirElement | null {
  if (!isElement(resource)) return null;
  const contained = elements(resource.contained).filter((item) => item.resourceType === resourceType);
  const ref = readReference(reference);
  if (ref) {
    const id = ref.startsWith('#') ? ref.slice(1) : referenceId(ref);
    const match = contained.find((item) => readString(item.id) === id);
    if (match) return match;
  }
  return contained[0] ?? null;
}

/** The first `value[x]` of an element that is a date, dateTime or instant string. */
export function readDateValue(element: unknown): string | null {
  if (!isElement(element)) return null;
  for (const key of ['valueDateTime', 'valueInstant', 'valueDate', 'valueString']) {
    const value = element[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return null;
}

/** The version in an ETag such as `W/"5"` (or `"5"`, or `5`), or null. */
export function versionFromEtag(etag: unknown): string | null {
  if (typeof etag !== 'string') return null;
  const match = /^\s*(?:W\/)?"?([^"]*)"?\s*$/.exec(etag);
  const version = match?.[1]?.trim();
  return version ? version : null;
}

/** The version of a resource: meta.versionId, else the ETag's version, else "". */
export function resourceVersion(resource: FhirElement, etag?: string): string {
  return stringAt(child(resource, 'meta'), 'versionId') ?? versionFromEtag(etag) ?? '';
}

/** Builds a class instance from its complete set of properties (the compiler checks none is missing). */
export function build<T extends object>(cls: new () => T, props: T): T {
  return Object.assign(new cls(), props);
}

/**
 * The resources in a Bundle's entries (entry[].resource), in order; only those of
 * `resourceType` when given. Entries without a resource object are skipped.
 */
export function bundleResources(bundle: unknown, resourceType?: string): FhirElement[] {
  if (!isElement(bundle)) return [];
  return elements(bundle.entry)
    .map((entry) => child(entry, 'resource'))
    .filter((resource): resource is FhirElement => resource !== null)
    .filter((resource) => resourceType === undefined || resource.resourceType === resourceType);
}

/** The url of a Bundle's link with `relation` ("self", "next", "previous", ...), or null. */
export function bundleLinkUrl(bundle: unknown, relation: string): string | null {
  if (!isElement(bundle)) return null;
  const wanted = relation.toLowerCase();
  const link = elements(bundle.link).find((item) => stringAt(item, 'relation')?.toLowerCase() === wanted);
  return stringAt(link, 'url');
}

/**
 * A display name from a HumanName (or a list of them, the first usable one): its `text`, else
 * prefix, given names and family joined with spaces; null when there is no name.
 */
export function readHumanName(value: unknown): string | null {
  for (const name of asArray(value)) {
    if (typeof name === 'string') {
      const text = readString(name.trim());
      if (text) return text;
      continue;
    }
    if (!isElement(name)) continue;
    const text = readString(name.text);
    if (text) return text;
    const parts = [...asArray(name.prefix), ...asArray(name.given), name.family]
      .map(readString)
      .filter((part): part is string => part !== null);
    if (parts.length > 0) return parts.join(' ');
  }
  return null;
}

/**
 * A FHIR instant, or a dateTime to the second with its zone, as sent; null for anything else (a
 * partial dateTime such as "2024-11", or garbage), so a `DateTime` field never holds a bare date
 * and a bad optional value gives a null field rather than a serialisation error.
 */
export function readDateTime(value: unknown): string | null {
  return isFullDateTime(value) ? value : null;
}

/**
 * A FHIR date to the day, as sent; for a dateTime, the day it names as e-RS wrote it (its own
 * zone); null for anything else. For `Date` fields.
 */
export function readDate(value: unknown): string | null {
  if (isFullDate(value)) return value;
  return isFullDateTime(value) ? value.slice(0, 10) : null;
}

/**
 * True when an identifier / coding system names `name` in its last path segment, case-insensitively,
 * so http/https and fhir.nhs.net/.uk variants all match: ("http://fhir.nhs.net/Id/nhs-number", "nhs-number").
 */
export function systemNamed(system: string | null | undefined, name: string): boolean {
  if (!system) return false;
  return (system.split('/').pop() ?? '').toLowerCase() === name.toLowerCase();
}

/** `value` if it is one of a string enum's values, else null (an unknown code must not fail a field). */
export function enumValue<E extends Record<string, string>>(enumType: E, value: string | null): E[keyof E] | null {
  if (value === null) return null;
  return (Object.values(enumType) as string[]).includes(value) ? (value as E[keyof E]) : null;
}
