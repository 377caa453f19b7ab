/**
 * Renders A004 reference data as an e-RS CodeSystem (components/stu3/schemas/CodeSystem.yaml,
 * CodeSystemConcept.yaml, CodeSystemProperties.yaml, codings/ and properties/).
 */
import type { CodeSystemType, Concept, ReasonBusinessFunction, ReferenceData } from '../data/reference-data';
import { EXTENSION, type FhirJson, PROFILE, referenceCodeSystemUrl, SYSTEM } from './systems';

const NAMES: Record<CodeSystemType, string> = {
  SPECIALTY: 'e-RS Specialty',
  'CLINIC-TYPE': 'e-RS Clinic Type',
  PRIORITY: 'e-RS Priority',
  'APPOINTMENT-CANCELLATION-REASON': 'e-RS Appointment Cancellation Reason',
  'REFERRAL-CANCELLATION-REASON': 'e-RS ReferralRequest Cancellation Reason',
  'APPOINTMENT-NON-ATTENDANCE-REASON': 'e-RS Appointment Non-attendance Reason',
};

type PropertyType = 'dateTime' | 'Coding' | 'boolean' | 'integer';

/**
 * Declared properties per code system: for the reason sets in the order e-RS's A004 examples declare
 * them (and give them on each concept), otherwise in the order CodeSystemProperties.yaml lists them.
 */
const PROPERTIES: Record<CodeSystemType, Array<[string, PropertyType]>> = {
  SPECIALTY: [],
  'CLINIC-TYPE': [['specialty', 'Coding']],
  PRIORITY: [
    ['deferToProviderContactDays', 'integer'],
    ['triageContactDays', 'integer'],
  ],
  'APPOINTMENT-CANCELLATION-REASON': [
    ['appointmentBookingCancellationReasonType', 'Coding'],
    ['willCancelWholeRequest', 'boolean'],
    ['commentIsMandatory', 'boolean'],
    ['businessFunction', 'Coding'],
    ['usage', 'Coding'],
  ],
  'REFERRAL-CANCELLATION-REASON': [
    ['appointmentRequestCancellationReasonType', 'Coding'],
    ['commentIsMandatory', 'boolean'],
    ['canCancelAppointment', 'boolean'],
    ['businessFunction', 'Coding'],
    ['referrerUsage', 'Coding'],
  ],
  'APPOINTMENT-NON-ATTENDANCE-REASON': [],
};

/** A004: the CodeSystem resource for one reference data set. */
export function renderCodeSystem(type: CodeSystemType, data: ReferenceData, baseUrl: string): FhirJson {
  const declared: Array<[string, PropertyType]> = [['effectiveFrom', 'dateTime'], ['effectiveTo', 'dateTime'], ...PROPERTIES[type]];
  return {
    id: type,
    meta: { profile: [type === 'SPECIALTY' ? PROFILE.specialtyCodeSystem : PROFILE.shareableCodeSystem] },
    resourceType: 'CodeSystem',
    url: referenceCodeSystemUrl(baseUrl, type),
    name: NAMES[type],
    status: 'active',
    date: data.publishedAt,
    publisher: 'e-Referral Service',
    description: NAMES[type],
    copyright: 'Copyright (c) 2016 HL7 UK',
    content: 'complete',
    property: declared.map(([code, propertyType]) => ({ code, uri: `${SYSTEM.conceptProperties}#${code}`, type: propertyType })),
    concept: concepts(type, data, baseUrl),
  };
}

function concepts(type: CodeSystemType, data: ReferenceData, baseUrl: string): FhirJson[] {
  // Optional properties appear only on the concepts e-RS gives them for.
  const businessFunctions = (functions: ReasonBusinessFunction[] = []): FhirJson[] =>
    functions.map((code) => ({ code: 'businessFunction', valueCoding: { system: SYSTEM.businessFunction, code } }));
  switch (type) {
    case 'SPECIALTY':
      // Only specialty concepts carry the effective-date extensions (Extension-eRS-EffectivefromDate).
      return data.specialties.map((c) => concept(c, [], true));
    case 'CLINIC-TYPE':
      return data.clinicTypes.map((c) =>
        concept(c, [{ code: 'specialty', valueCoding: { system: referenceCodeSystemUrl(baseUrl, 'SPECIALTY'), code: c.specialty } }]),
      );
    case 'PRIORITY':
      return data.priorities.map((c) =>
        concept(c, [
          { code: 'deferToProviderContactDays', valueInteger: c.deferToProviderContactDays },
          { code: 'triageContactDays', valueInteger: c.triageContactDays },
        ]),
      );
    case 'APPOINTMENT-CANCELLATION-REASON':
      return data.appointmentCancellationReasons.map((c) =>
        concept(c, [
          {
            code: 'appointmentBookingCancellationReasonType',
            valueCoding: { system: SYSTEM.bookingCancellationReasonType, code: c.bookingCancellationReasonType },
          },
          { code: 'willCancelWholeRequest', valueBoolean: c.willCancelWholeRequest },
          { code: 'commentIsMandatory', valueBoolean: c.commentIsMandatory },
          ...businessFunctions(c.businessFunctions),
          ...(c.usage ? [{ code: 'usage', valueCoding: { system: SYSTEM.appointmentCancellationUsage, code: c.usage } }] : []),
        ]),
      );
    case 'REFERRAL-CANCELLATION-REASON':
      return data.referralCancellationReasons.map((c) =>
        concept(c, [
          {
            code: 'appointmentRequestCancellationReasonType',
            valueCoding: { system: SYSTEM.requestCancellationReasonType, code: c.requestCancellationReasonType },
          },
          { code: 'commentIsMandatory', valueBoolean: c.commentIsMandatory },
          { code: 'canCancelAppointment', valueBoolean: c.canCancelAppointment },
          ...businessFunctions(c.businessFunctions),
          ...(c.referrerUsage
            ? [{ code: 'referrerUsage', valueCoding: { system: SYSTEM.requestCancellationReferrerUsage, code: c.referrerUsage } }]
            : []),
        ]),
      );
    case 'APPOINTMENT-NON-ATTENDANCE-REASON':
      return data.nonAttendanceReasons.map((c) => concept(c, []));
  }
}

function concept(c: Concept, extra: FhirJson[], withDateExtensions = false): FhirJson {
  const property: FhirJson[] = [{ code: 'effectiveFrom', valueDateTime: c.effectiveFrom }];
  if (c.effectiveTo) property.push({ code: 'effectiveTo', valueDateTime: c.effectiveTo });
  const out: FhirJson = {};
  if (withDateExtensions) {
    const extension: FhirJson[] = [{ url: EXTENSION.effectiveFromDate, valueDate: c.effectiveFrom.slice(0, 10) }];
    if (c.effectiveTo) extension.push({ url: EXTENSION.effectiveToDate, valueDate: c.effectiveTo.slice(0, 10) });
    out.extension = extension;
  }
  out.code = c.code;
  out.display = c.display;
  out.property = [...property, ...extra];
  return out;
}
