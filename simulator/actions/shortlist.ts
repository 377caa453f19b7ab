/**
 * The `shortlist` parameter of A011 / A021 / A031 / A032 / A044: an eRS-Shortlist-List with its
 * contained eRS-ServiceSearchCriteria-Parameters, checked against the world's services; and the
 * parameters that travel with a referral's shortlist (intentionToAddReferralLetter,
 * firstReminderLetterFollowUpDays).
 */
import { findService, type HealthcareService, type PriorityCode, type SearchCriteria, type World } from '../data/world';
import type { Json, ParameterSpec, ParsedParameters } from './parameters';
import { type ActionFailure, fail, isFailure } from './common';
import { codeOf, one, PRIORITIES } from './parameters';

const SHORTLIST_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Shortlist-List-1';
const CRITERIA_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1';
const CRITERIA_EXTENSION = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Shortlist-SearchCriteria-1';
const SNOMED = 'http://snomed.info/sct';
/** e-RS allows at most 20 services on a shortlist. */
export const MAX_SHORTLIST = 20;

export interface ParsedShortlist {
  services: HealthcareService[];
  criteria: SearchCriteria;
}

export function parseShortlist(world: World, list: Json, max = MAX_SHORTLIST): ParsedShortlist | ActionFailure {
  if (list.resourceType !== 'List') return fail('INVALID_FHIR_STRUCTURE', "'shortlist' must be a List resource.");
  if (!Array.isArray(list.meta?.profile) || list.meta.profile[0] !== SHORTLIST_PROFILE)
    return fail('INVALID_VALUE', `'shortlist' must have meta.profile ['${SHORTLIST_PROFILE}'].`);
  const criteriaRef = (list.extension as Json[] | undefined)?.find((e) => e.url === CRITERIA_EXTENSION)?.valueReference?.reference;
  if (typeof criteriaRef !== 'string') return fail('MISSING_VALUE', "The shortlist's search criteria extension is required.");
  const contained = (list.contained as Json[] | undefined)?.find((c) => `#${c.id}` === criteriaRef);
  if (!contained) return fail('REFERENCE_NOT_FOUND', `The shortlist's search criteria ${criteriaRef} is not contained in the List.`);
  if (contained.resourceType !== 'Parameters' || contained.meta?.profile?.[0] !== CRITERIA_PROFILE) {
    return fail('INVALID_VALUE', `The search criteria must be Parameters with meta.profile ['${CRITERIA_PROFILE}'].`);
  }
  const params = new Map<string, Json>();
  for (const p of (contained.parameter ?? []) as Json[]) params.set(p.name, p);
  const priority = params.get('priority')?.valueCoding?.code;
  if (priority === undefined) return fail('MISSING_VALUE', "The search criteria 'priority' is mandatory.");
  if (!(PRIORITIES as readonly string[]).includes(priority)) return fail('INVALID_CODE', `'${priority}' is not an eRS-Priority-1 code.`);
  const specialty = params.get('specialty')?.valueCoding?.code;
  if (specialty !== undefined && !world.referenceData.specialties.some((s) => s.code === specialty))
    return fail('INVALID_CODE', `'${specialty}' is not a SPECIALTY code.`);
  const clinicType = params.get('clinicType')?.valueCoding?.code;
  if (clinicType !== undefined && !world.referenceData.clinicTypes.some((c) => c.code === clinicType))
    return fail('INVALID_CODE', `'${clinicType}' is not a CLINIC-TYPE code.`);
  const criteria: SearchCriteria = {
    priority: priority as PriorityCode,
    ageAndGenderAppropriate: params.get('ageAndGenderAppropriate')?.valueBoolean === true,
  };
  if (specialty) criteria.specialty = specialty;
  if (clinicType) criteria.clinicType = clinicType;
  const postcode = params.get('postcode')?.valueString;
  if (typeof postcode === 'string') criteria.postcode = postcode;
  const distance = params.get('distanceLimit')?.valueUnsignedInt;
  if (typeof distance === 'number') criteria.distanceLimitMiles = distance;
  const wait = params.get('indicativeAppointmentWaitTimeLimit')?.valueUnsignedInt;
  if (typeof wait === 'number') criteria.indicativeAppointmentWaitTimeLimitDays = wait;
  const clinician = params.get('namedClinician')?.valueIdentifier?.value;
  if (typeof clinician === 'string') criteria.namedClinicianUserId = clinician;
  const clinicalTerm = params.get('clinicalTerm')?.valueCoding;
  if (clinicalTerm !== undefined) {
    if (clinicalTerm.system !== SNOMED || typeof clinicalTerm.code !== 'string' || !/^\d{1,18}$/.test(clinicalTerm.code))
      return fail('INVALID_CODE', "The search criteria 'clinicalTerm' must be a SNOMED CT code (http://snomed.info/sct).");
    criteria.clinicalTermSnomedCode = clinicalTerm.code;
  }
  // "No longer supported as an input. If provided it will be ignored and a value of ALL_AVAILABLE_FOR_BOOKING used."
  if (params.has('commissioningProvisioning')) criteria.commissioningProvisioning = 'ALL_AVAILABLE_FOR_BOOKING';

  const entries = (list.entry ?? []) as Json[];
  if (entries.length === 0) return fail('MISSING_VALUE', 'The shortlist must name at least one service.');
  if (entries.length > max) return fail('TOO_MANY_ITEMS', `A shortlist may hold at most ${max} service(s).`);
  const services: HealthcareService[] = [];
  for (const entry of entries) {
    const id = entry.item?.identifier?.value;
    if (typeof id !== 'string' || entry.item?.identifier?.system !== 'http://fhir.nhs.net/Id/ers-service') {
      return fail('MISSING_VALUE', 'Every shortlist entry must identify a service (http://fhir.nhs.net/Id/ers-service).');
    }
    const service = findService(world, id);
    if (!service) return fail('REFERENCE_NOT_FOUND', `Service ${id} not found.`);
    if (services.some((s) => s.id === id)) return fail('DUPLICATE_SERVICE', `Service ${id} appears more than once on the shortlist.`);
    if (criteria.specialty !== undefined && service.specialty !== criteria.specialty) {
      return fail('SHORTLISTED_SERVICE_NOT_IN_RESULTS', `Service ${id} does not satisfy the search criteria (specialty).`);
    }
    services.push(service);
  }
  return { services, criteria };
}

/** The referral fields a shortlist decides. clinicType is always present: undefined clears an earlier one in commitReferralVersion. */
export interface ShortlistFields {
  shortlist: string[];
  searchCriteria: SearchCriteria;
  priority: PriorityCode;
  specialty: string;
  clinicType: string | undefined;
}

/** The referral fields a shortlist decides: the services, the search criteria, priority, specialty and clinic type. */
export function shortlistFields(shortlist: ParsedShortlist): ShortlistFields {
  return {
    shortlist: shortlist.services.map((s) => s.id),
    searchCriteria: shortlist.criteria,
    priority: shortlist.criteria.priority,
    specialty: shortlist.criteria.specialty ?? shortlist.services[0].specialty,
    clinicType: shortlist.criteria.clinicType,
  };
}

/** The parameters every shortlist-setting request carries (A011, A021, A031, A032), each 1..1. */
export const SHORTLIST_PARAMETERS: Record<string, ParameterSpec> = {
  shortlist: { value: 'resource', min: 1, max: 1 },
  intentionToAddReferralLetter: { value: 'valueCoding', min: 1, max: 1 },
  firstReminderLetterFollowUpDays: { value: 'valueUnsignedInt', min: 1, max: 1 },
};

const LETTER_INTENTION_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralLetterIntention-1';
const LETTER_INTENTIONS = ['NEED_TO_ADD_LATER', 'NOT_INTENDING_TO_ADD'];

/**
 * The shortlist of a request and its letter parameters. `triage` applies the send-for-triage
 * rules (TriageShortlist / TriageFirstReminderLetterFollowUpDays, and for A021 only
 * NEED_TO_ADD_LATER): exactly one service, supporting the triage (REVIEW) request flow, and no
 * reminder letter (0 days), as the patient has nothing to book.
 */
export function shortlistOf(
  world: World,
  parsed: ParsedParameters,
  triage?: { intentions: readonly string[] },
): ParsedShortlist | ActionFailure {
  const intention = codeOf(
    'intentionToAddReferralLetter',
    one(parsed, 'intentionToAddReferralLetter')!,
    LETTER_INTENTION_SYSTEM,
    LETTER_INTENTIONS,
  );
  if (isFailure(intention)) return intention;
  if (triage && !triage.intentions.includes(intention)) {
    return fail('INAPPROPRIATE_VALUE', `intentionToAddReferralLetter must be ${triage.intentions.join(' or ')} when sending for triage.`);
  }
  if (triage && one<number>(parsed, 'firstReminderLetterFollowUpDays') !== 0) {
    return fail('INAPPROPRIATE_VALUE', 'firstReminderLetterFollowUpDays must be 0 when sending for triage (no reminder letter is sent).');
  }
  const shortlist = parseShortlist(world, one(parsed, 'shortlist')!, triage ? 1 : MAX_SHORTLIST);
  if (isFailure(shortlist) || !triage) return shortlist;
  const [service] = shortlist.services;
  if (!service.requestFlows.includes('REVIEW')) return fail('INAPPROPRIATE_VALUE', `Service ${service.id} is not a triage service.`);
  return shortlist;
}
