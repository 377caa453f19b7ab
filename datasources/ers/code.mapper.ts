import { Code } from '../../schema/code.type';
import { FhirCoding, build, readCoding, readCodings } from './fhir';

/**
 * A FHIR Coding / CodeableConcept (or an element carrying one as value[x]) as a `Code`, or null
 * when there is no code. `defaultSystem` fills a missing system (e.g. a priority coding without one).
 */
export function toCode(value: unknown, defaultSystem = ''): Code | null {
  const coding = readCoding(value);
  return coding ? codingToCode(coding, defaultSystem) : null;
}

/** Every coding of a CodeableConcept (or list of them) as `Code`s. */
export function toCodes(value: unknown, defaultSystem = ''): Code[] {
  return readCodings(value).map((coding) => codingToCode(coding, defaultSystem));
}

/** A read FhirCoding as a `Code`. */
export function codingToCode(coding: FhirCoding, defaultSystem = ''): Code {
  return build(Code, {
    system: coding.system ?? defaultSystem,
    code: coding.code,
    display: coding.display,
  });
}

/**
 * The code of a coding in a closed e-RS value set as its schema enum value, or null when there is
 * no coding or e-RS sent a code the value set (as ers-graph knows it) does not have; the raw
 * coding stays in the resource's `fhir`.
 */
export function toEnum<E extends string>(values: Record<string, E>, value: unknown): E | null {
  const code = readCoding(value)?.code;
  return code !== undefined && (Object.values(values) as string[]).includes(code) ? (code as E) : null;
}

/** A plain string (a FHIR `code` element, e.g. a status) as its schema enum value, or null when it is not one of them. */
export function toEnumValue<E extends string>(values: Record<string, E>, value: unknown): E | null {
  return typeof value === 'string' && (Object.values(values) as string[]).includes(value) ? (value as E) : null;
}
