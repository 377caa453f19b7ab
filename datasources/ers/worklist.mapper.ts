import { Code } from '../../schema/code.type';
import { isIdentifier, UBRN } from '../../schema/scalars';
import { ReferralState } from '../../schema/referral-state.enum';
import { ReferralStateInfo } from '../../schema/referral-state-info.type';
import {
  AdviceAndGuidanceWorklistItem,
  AppointmentSlotIssueWorklistItem,
  LettersOutstandingWorklistItem,
  OtherWorklistItem,
  ReferralForReviewWorklistItem,
  ReferralStatusWorklistItem,
  Worklist,
  WorklistItem,
} from '../../schema/worklist-item.type';
import { WorklistType } from '../../schema/worklist-type.enum';
import { toCode } from './code.mapper';
import {
  FhirElement,
  asArray,
  build,
  child,
  elements,
  expectResource,
  extensionName,
  findContained,
  isElement,
  readBoolean,
  readCoding,
  readDate,
  readDateTime,
  readDateValue,
  readIdentifier,
  readInteger,
  readReference,
  readString,
  referenceId,
} from './fhir';
import { toEnum } from './code.mapper';
import { ReferralPriority } from '../../schema/referral-priority.enum';
import { ClinicalInformationStatus, ReferralType, ReviewStatus } from '../../schema/closed-codes.enum';
import { AdviceAndGuidanceConversationStatus } from '../../schema/advice-and-guidance-status.enum';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The worklist item extension of each worklist (matched without version suffix and case-insensitively). */
export const WORKLIST_ITEM_EXTENSIONS: Record<WorklistType, string> = {
  [WorklistType.REFERRALS_FOR_REVIEW]: `${SD}Extension-eRS-ReferralsforReview-WorkListItem-1`,
  [WorklistType.APPOINTMENT_SLOT_ISSUES]: `${SD}Extension-eRS-AppointmentSlotIssues-WorkListItem-1`,
  [WorklistType.ADVICE_AND_GUIDANCE_REQUESTS]: `${SD}Extension-eRS-AdviceAndGuidanceRequests-WorkListItem-1`,
  [WorklistType.REJECTED_TRIAGE_RESPONSE]: `${SD}Extension-eRS-RejectedTriageResponse-WorkListItem-1`,
  [WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA]: `${SD}Extension-eRS-AssessmentReturnedCancelledDna-WorkListItem-1`,
  [WorklistType.AWAITING_BOOKING]: `${SD}Extension-eRS-AwaitingBooking-WorkListItem-1`,
  [WorklistType.LETTERS_OUTSTANDING]: `${SD}Extension-eRS-LettersOutstanding-WorkListItem-1`,
};

/** Every sub-extension (`url`) a worklist item extension can carry, across all worklists, as the spec names them. */
export const WORKLIST_ITEM_FIELDS = [
  'priority',
  'specialty',
  'patient',
  'namedClinician',
  'eReferralPathwayStart',
  'clinicalInfoPrinted',
  'requestContextStatus',
  'clinicalInfoFirstSubmitted',
  'clinicalInfoLastUpdated',
  'referralType',
  'appointmentStart',
  'allocatedClinician',
  'service',
  'referralRequestVersion',
  'ubrnReceived',
  'patientContactExpected',
  'clinicalInformationStatus',
  'reason',
  'lastContact',
  'category',
  'adviceFirstRequested',
  'adviceLastUpdated',
  'referrer',
  'clinicType',
  'communicationRequestVersion',
  'referralCreated',
  'clinicalContext',
  'referralLastUpdated',
  'status',
  'letterDue',
] as const;

/** The worklist item states e-RS spells differently from Extension-eRS-ReferralState-1. */
const STATE_ALIASES: Record<string, ReferralState> = {
  APP_CANCELLED_BY_PATIENT: ReferralState.APPT_CANCELLED_BY_PATIENT,
  APP_CANCELLED_BY_PROVIDER: ReferralState.APPT_CANCELLED_BY_PROVIDER,
};

/**
 * Maps an e-RS worklist (A008 `POST /STU3/ReferralRequest/$ers.fetchworklist`, A023
 * `POST /STU3/CommunicationRequest/$ers.fetchworklist`: an eRS-FetchWorklist-List-1) to a
 * `Worklist`. Each entry becomes the item type of its worklist extension; an entry of a
 * worklist this server does not know becomes an `OtherWorklistItem`; entries without a UBRN
 * are skipped. Throws FhirMappingError only when `resource` is not a List.
 */
export function mapWorklist(resource: unknown): Worklist {
  const list = expectResource(resource, 'List');
  const items: WorklistItem[] = [];
  for (const entry of elements(list.entry)) {
    const item = mapWorklistItem(list, entry);
    if (item) items.push(item);
  }
  const types = new Set(items.map((item) => item.worklistType));
  const [onlyType] = [...types];
  return build(Worklist, {
    worklistType: types.size === 1 && onlyType !== undefined ? onlyType : null,
    items,
    fhir: list,
  });
}

function mapWorklistItem(list: FhirElement, entry: FhirElement): WorklistItem | null {
  const reference = readReference(child(entry, 'item')) ?? readIdentifier(child(entry, 'item')?.identifier)?.value ?? null;
  const ubrn = referenceUbrn(reference);
  if (!ubrn) return null;
  const { worklistType, extension } = worklistExtension(entry);
  // Sub-extensions by name, lower-cased; the first of each name wins.
  const parts = new Map<string, FhirElement>();
  for (const part of elements(extension?.extension)) {
    const name = readString(part.url)?.toLowerCase();
    if (name && !parts.has(name)) parts.set(name, part);
  }
  const part = (name: string): FhirElement | null => parts.get(name.toLowerCase()) ?? null;
  const moment = (name: string): string | null => readDateTime(readDateValue(part(name)));
  const day = (name: string): string | null => readDate(readDateValue(part(name)));
  const code = (name: string, defaultSystem = ''): Code | null => toCode(part(name), defaultSystem);
  const userId = (name: string): string | null => {
    const found = part(name);
    return found ? referencedId(list, found, 'Practitioner') : null;
  };
  const service = child(part('service'), 'valueReference');
  const serviceId = service ? (readIdentifier(service.identifier)?.value ?? referenceId(readReference(service))) : null;
  const serviceName = readString(service?.display);

  const isAdvice = worklistType === WorklistType.ADVICE_AND_GUIDANCE_REQUESTS || /^CommunicationRequest\//i.test(reference ?? '');
  const version = versionOf(part(isAdvice ? 'communicationRequestVersion' : 'referralRequestVersion'));
  const common = {
    ubrn,
    version,
    worklistType,
    priority: toEnum(ReferralPriority, part('priority')),
    patientNhsNumber: patientNhsNumber(list, part('patient')),
    fhir: entry,
    referralUbrn: isAdvice ? null : ubrn,
    referralVersion: isAdvice ? null : version,
    adviceAndGuidanceUbrn: isAdvice ? ubrn : null,
    adviceAndGuidanceVersion: isAdvice ? version : null,
  };

  switch (worklistType) {
    case WorklistType.REFERRALS_FOR_REVIEW:
      return build(ReferralForReviewWorklistItem, {
        ...common,
        specialty: code('specialty'),
        serviceId,
        serviceName,
        namedClinicianUserId: userId('namedClinician'),
        allocatedClinicianUserId: userId('allocatedClinician'),
        pathwayStart: moment('eReferralPathwayStart'),
        clinicalInfoPrinted: readBoolean(part('clinicalInfoPrinted')?.valueBoolean),
        reviewStatus: toEnum(ReviewStatus, part('requestContextStatus')),
        clinicalInfoFirstSubmitted: moment('clinicalInfoFirstSubmitted'),
        clinicalInfoLastUpdated: moment('clinicalInfoLastUpdated'),
        appointmentStart: moment('appointmentStart'),
        referralType: toEnum(ReferralType, part('referralType')),
      });
    case WorklistType.APPOINTMENT_SLOT_ISSUES:
      return build(AppointmentSlotIssueWorklistItem, {
        ...common,
        specialty: code('specialty'),
        serviceId,
        serviceName,
        namedClinicianUserId: userId('namedClinician'),
        pathwayStart: moment('eReferralPathwayStart'),
        clinicalInfoPrinted: readBoolean(part('clinicalInfoPrinted')?.valueBoolean),
        ubrnReceived: moment('ubrnReceived'),
        patientContactExpected: day('patientContactExpected'),
        clinicalInformationStatus: toEnum(ClinicalInformationStatus, part('clinicalInformationStatus')),
        reason: code('reason'),
        lastContact: moment('lastContact'),
      });
    case WorklistType.ADVICE_AND_GUIDANCE_REQUESTS:
      return build(AdviceAndGuidanceWorklistItem, {
        ...common,
        specialty: code('specialty'),
        clinicType: code('clinicType'),
        serviceId,
        serviceName,
        namedClinicianUserId: userId('namedClinician'),
        referrerUserId: userId('referrer'),
        conversationStatus: toEnum(AdviceAndGuidanceConversationStatus, part('category')),
        firstRequested: moment('adviceFirstRequested'),
        lastUpdated: moment('adviceLastUpdated'),
      });
    case WorklistType.REJECTED_TRIAGE_RESPONSE:
    case WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA:
    case WorklistType.AWAITING_BOOKING:
      return build(ReferralStatusWorklistItem, {
        ...common,
        state: mapState(part('status'), part('reason')),
        referralCreated: moment('referralCreated'),
        referralLastUpdated: moment('referralLastUpdated'),
        clinicalContext: readString(part('clinicalContext')?.valueString),
        referrerUserId: userId('referrer'),
      });
    case WorklistType.LETTERS_OUTSTANDING:
      return build(LettersOutstandingWorklistItem, {
        ...common,
        letterDue: day('letterDue'),
        referralCreated: moment('referralCreated'),
        clinicalContext: readString(part('clinicalContext')?.valueString),
        referrerUserId: userId('referrer'),
      });
    default:
      return build(OtherWorklistItem, common);
  }
}

/** The entry's worklist item extension and the worklist it names; the first e-RS one wins. */
function worklistExtension(entry: FhirElement): { worklistType: WorklistType | null; extension: FhirElement | null } {
  const extensions = elements(entry.extension);
  for (const extension of extensions) {
    const name = typeof extension.url === 'string' ? extensionName(extension.url) : '';
    for (const [type, url] of Object.entries(WORKLIST_ITEM_EXTENSIONS) as [WorklistType, string][]) {
      if (name === extensionName(url)) return { worklistType: type, extension };
    }
  }
  // A worklist this server does not know: still read the common fields from its item extension.
  const unknown = extensions.find((extension) => /worklistitem/i.test(readString(extension.url) ?? '')) ?? null;
  return { worklistType: null, extension: unknown };
}

/** The UBRN in an item reference such as "ReferralRequest/000000070000" or "CommunicationRequest/...". */
function referenceUbrn(reference: string | null): string | null {
  const id = referenceId(reference);
  if (isIdentifier(UBRN, id)) return id;
  return /(?<!\d)(\d{12})(?!\d)/.exec(reference ?? '')?.[1] ?? null;
}

function versionOf(part: FhirElement | null): string | null {
  if (!part) return null;
  const integer = readInteger(part.valueInteger ?? part.valueUnsignedInt ?? part.valuePositiveInt);
  return integer !== null ? String(integer) : readString(part.valueString);
}

/** The NHS number a `patient` part carries: its identifier, or the contained Patient it references. */
function patientNhsNumber(list: FhirElement, part: FhirElement | null): string | null {
  if (!part) return null;
  const id = referencedId(list, part, 'Patient');
  return id && /^\d{10}$/.test(id) ? id : null;
}

/**
 * The identifier value a reference part carries (valueReference.identifier), or the first
 * identifier of the contained resource it references ("#Practitioner-..."), or the reference id.
 */
function referencedId(list: FhirElement, part: FhirElement, resourceType: string): string | null {
  const reference = child(part, 'valueReference') ?? (isElement(part.valueIdentifier) ? { identifier: part.valueIdentifier } : null);
  if (!reference) return null;
  const direct = readIdentifier(reference.identifier)?.value;
  if (direct) return direct;
  const text = readReference(reference);
  if (!text) return null;
  if (text.startsWith('#')) {
    const contained = findContained(list, text, resourceType);
    // findContained falls back to the first of the type; only an exact id match is the right one.
    if (contained && readString(contained.id) === text.slice(1)) {
      const identifier = asArray(contained.identifier)
        .map(readIdentifier)
        .find((item) => item !== null);
      if (identifier) return identifier.value;
    }
    // "#Patient-9990000018" / "#Practitioner-999000000777": the id ends with the identifier.
    return /-(\d+)$/.exec(text)?.[1] ?? null;
  }
  return referenceId(text);
}

function mapState(status: FhirElement | null, reason: FhirElement | null): ReferralStateInfo | null {
  const coding = readCoding(status);
  if (!coding) return null;
  const known = (Object.values(ReferralState) as string[]).includes(coding.code)
    ? (coding.code as ReferralState)
    : (STATE_ALIASES[coding.code] ?? null);
  return build(ReferralStateInfo, {
    state: known,
    reason: toCode(reason),
    comment: null,
  });
}
