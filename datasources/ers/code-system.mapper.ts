import { Code } from '../../schema/code.type';
import { CodeSystem } from '../../schema/code-system.type';
import { CodeSystemConcept } from '../../schema/code-system-concept.type';
import { CodeSystemType } from '../../schema/code-system-type.enum';
import { toCode } from './code.mapper';
import {
  FhirElement,
  build,
  elements,
  expectResource,
  findExtension,
  readBoolean,
  readDate,
  readDateTime,
  readDateValue,
  readInteger,
  readString,
  stringAt,
} from './fhir';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** Concept extensions e-RS sends on SPECIALTY (dates only; the properties carry date-times). */
export const CODE_SYSTEM_EXTENSIONS = {
  effectiveFromDate: `${SD}Extension-eRS-EffectivefromDate-1`,
  effectiveToDate: `${SD}Extension-eRS-EffectivetoDate-1`,
} as const;

/**
 * Code system names (normalised: upper case, letters only, without "eRS-" and version) to
 * the A004 code system that can display their codes. REQUEST-CANCELLATION-REASON is how
 * some e-RS responses name the referral cancellation reasons (same codes).
 */
const CODE_SYSTEM_NAMES: Record<string, CodeSystemType> = {
  SPECIALTY: CodeSystemType.SPECIALTY,
  CLINICTYPE: CodeSystemType.CLINIC_TYPE,
  PRIORITY: CodeSystemType.PRIORITY,
  APPOINTMENTCANCELLATIONREASON: CodeSystemType.APPOINTMENT_CANCELLATION_REASON,
  REFERRALCANCELLATIONREASON: CodeSystemType.REFERRAL_CANCELLATION_REASON,
  REQUESTCANCELLATIONREASON: CodeSystemType.REFERRAL_CANCELLATION_REASON,
  REFERRALREQUESTCANCELLATIONREASON: CodeSystemType.REFERRAL_CANCELLATION_REASON,
  APPOINTMENTNONATTENDANCEREASON: CodeSystemType.APPOINTMENT_NON_ATTENDANCE_REASON,
};

/**
 * The A004 code system that can display codes of coding system `system`, or null. Accepts
 * every form e-RS uses: `_baseUrl_/STU3/CodeSystem/SPECIALTY` (any base, any case),
 * `https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1`, `.../eRS-ClinicType-1`, a bare
 * `CLINIC-TYPE`, and versioned variants.
 */
export function codeSystemTypeForSystem(system: string): CodeSystemType | null {
  if (typeof system !== 'string') return null;
  const withoutQuery = system.split(/[?#|]/)[0] ?? '';
  const name =
    withoutQuery
      .split('/')
      .filter((part) => part.length > 0)
      .pop() ?? '';
  const key = name
    .replace(/-\d+$/, '')
    .replace(/^ers-/i, '')
    .toUpperCase()
    .replace(/[^A-Z]/g, '');
  return CODE_SYSTEM_NAMES[key] ?? null;
}

/** Maps an e-RS STU3 CodeSystem (A004, `GET /STU3/CodeSystem/{type}`) to a `CodeSystem`. */
export function mapCodeSystem(resource: unknown): CodeSystem {
  const codeSystem = expectResource(resource, 'CodeSystem');
  const url = readString(codeSystem.url);
  const id = readString(codeSystem.id);
  return build(CodeSystem, {
    type: (url ? codeSystemTypeForSystem(url) : null) ?? (id ? codeSystemTypeForSystem(id) : null),
    url,
    name: readString(codeSystem.name),
    description: readString(codeSystem.description),
    version: readString(codeSystem.version),
    date: readDateTime(codeSystem.date),
    concepts: flattenConcepts(codeSystem.concept).map(mapConcept),
    fhir: codeSystem,
  });
}

/** Concepts with a code, including nested ones (FHIR allows a hierarchy; e-RS sends a flat list). */
function flattenConcepts(value: unknown): FhirElement[] {
  const result: FhirElement[] = [];
  for (const concept of elements(value)) {
    if (readString(concept.code) !== null) result.push(concept);
    result.push(...flattenConcepts(concept.concept));
  }
  return result;
}

function mapConcept(concept: FhirElement): CodeSystemConcept {
  const properties = elements(concept.property);
  const all = (name: string): FhirElement[] => {
    const wanted = name.toLowerCase();
    return properties.filter((property) => readString(property.code)?.toLowerCase() === wanted);
  };
  const first = (name: string): FhirElement | null => all(name)[0] ?? null;
  const integer = (name: string): number | null => {
    const property = first(name);
    return property ? readInteger(property.valueInteger ?? property.valueDecimal ?? property.valueString) : null;
  };
  const boolean = (name: string): boolean | null => {
    const property = first(name);
    return property ? readBoolean(property.valueBoolean ?? property.valueCode ?? property.valueString) : null;
  };
  const codes = (name: string): Code[] =>
    all(name)
      .map(propertyCode)
      .filter((code): code is Code => code !== null);

  return build(CodeSystemConcept, {
    code: readString(concept.code) ?? '',
    display: readString(concept.display),
    effectiveFrom: readDate(
      readDateValue(first('effectiveFrom')) ?? readDateValue(findExtension(concept, CODE_SYSTEM_EXTENSIONS.effectiveFromDate)),
    ),
    effectiveTo: readDate(
      readDateValue(first('effectiveTo')) ?? readDateValue(findExtension(concept, CODE_SYSTEM_EXTENSIONS.effectiveToDate)),
    ),
    specialty: codes('specialty')[0] ?? null,
    deferToProviderContactDays: integer('deferToProviderContactDays'),
    triageContactDays: integer('triageContactDays'),
    commentIsMandatory: boolean('commentIsMandatory'),
    willCancelWholeRequest: boolean('willCancelWholeRequest'),
    canCancelAppointment: boolean('canCancelAppointment'),
    appointmentBookingCancellationReasonType: codes('appointmentBookingCancellationReasonType')[0] ?? null,
    appointmentRequestCancellationReasonType: codes('appointmentRequestCancellationReasonType')[0] ?? null,
    businessFunctions: codes('businessFunction'),
    usages: codes('usage'),
    referrerUsages: codes('referrerUsage'),
  });
}

/** A property's coded value: valueCoding / valueCodeableConcept, or a bare valueCode. */
function propertyCode(property: FhirElement): Code | null {
  const coded = toCode(property.valueCoding ?? property.valueCodeableConcept);
  if (coded) return coded;
  const bare = readString(property.valueCode) ?? stringAt(property, 'valueString');
  return bare ? build(Code, { system: '', code: bare, display: null }) : null;
}
