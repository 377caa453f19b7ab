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
