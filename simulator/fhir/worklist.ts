/**
 * Renders worklists as eRS-FetchWorklist-List-1 (A008, A023; components/stu3/schemas/
 * eRS-FetchWorklist-List.yaml and extensions/worklists/*): one entry per item, its details in the
 * worklist-specific item extension.
 */
import { findPractitioner, type AdviceAndGuidanceRequest, type Referral, type ReferralState, type World } from '../data/world';
import { addWorkingDays, LETTER_DUE_DAYS, type ReferralWorklist, worklistServiceId } from '../data/worklists';
import { reasonSystemUrl } from './referral-request';
import { type FhirJson, referenceCodeSystemUrl, STU3_CODE_SYSTEM, STU3_STRUCTURE, SYSTEM } from './systems';

export const WORKLIST_PROFILE = `${STU3_STRUCTURE}/eRS-FetchWorklist-List-1`;

/** The item extension URL of each worklist (the spec's exact casing: WorkListItem). */
export const WORKLIST_ITEM_EXTENSION: Record<ReferralWorklist | 'ADVICE_AND_GUIDANCE_REQUESTS', string> = {
  REFERRALS_FOR_REVIEW: `${STU3_STRUCTURE}/Extension-eRS-ReferralsforReview-WorkListItem-1`,
  APPOINTMENT_SLOT_ISSUES: `${STU3_STRUCTURE}/Extension-eRS-AppointmentSlotIssues-WorkListItem-1`,
  ADVICE_AND_GUIDANCE_REQUESTS: `${STU3_STRUCTURE}/Extension-eRS-AdviceAndGuidanceRequests-WorkListItem-1`,
  REJECTED_TRIAGE_RESPONSE: `${STU3_STRUCTURE}/Extension-eRS-RejectedTriageResponse-WorkListItem-1`,
  ASSESSMENT_RETURNED_CANCELLED_DNA: `${STU3_STRUCTURE}/Extension-eRS-AssessmentReturnedCancelledDna-WorkListItem-1`,
  AWAITING_BOOKING: `${STU3_STRUCTURE}/Extension-eRS-AwaitingBooking-WorkListItem-1`,
  LETTERS_OUTSTANDING: `${STU3_STRUCTURE}/Extension-eRS-LettersOutstanding-WorkListItem-1`,
};

/** Worklist status codes differ from the referral state codes for the two cancelled-appointment states. */
const WORKLIST_STATUS: Record<ReferralState, { code: string; display: string }> = {
  REJECTED: { code: 'REJECTED', display: 'Rejected' },
  ASSESSMENT_RESULT: { code: 'ASSESSMENT_RESULT', display: 'Assessment result' },
  CANCELLED_REFERRAL: { code: 'CANCELLED_REFERRAL', display: 'Cancelled referral' },
  DID_NOT_ATTEND: { code: 'DID_NOT_ATTEND', display: 'Did not attend' },
  NOT_BOOKED: { code: 'NOT_BOOKED', display: 'Not booked' },
  BOOKED: { code: 'BOOKED', display: 'Booked' },
  AWAITING_TRIAGE: { code: 'AWAITING_TRIAGE', display: 'Awaiting triage' },
  DEFERRED_TO_PROVIDER: { code: 'DEFERRED_TO_PROVIDER', display: 'Deferred to provider' },
  APPT_CANCELLED_BY_PROVIDER: { code: 'APP_CANCELLED_BY_PROVIDER', display: 'Appointment cancelled by provider' },
  APPT_CANCELLED_BY_PATIENT: { code: 'APP_CANCELLED_BY_PATIENT', display: 'Appointment cancelled by patient' },
  TRIAGED_PROVIDER_TO_ACTION: { code: 'TRIAGED_PROVIDER_TO_ACTION', display: 'Triaged - provider to action' },
  TRIAGE_RESPONSE: { code: 'TRIAGE_RESPONSE', display: 'Triage Response' },
};

const PRIORITY_DISPLAY: Record<string, string> = { ROUTINE: 'Routine', URGENT: 'Urgent', TWO_WEEK_WAIT: 'Two Week Wait' };

interface Ctx {
  world: World;
  baseUrl: string;
}

const priority = (code: string): FhirJson => ({
  url: 'priority',
  valueCodeableConcept: { coding: [{ system: SYSTEM.priority, code, display: PRIORITY_DISPLAY[code] }] },
});
const specialty = (ctx: Ctx, code: string): FhirJson => ({
  url: 'specialty',
  valueCodeableConcept: { coding: [{ system: referenceCodeSystemUrl(ctx.baseUrl, 'SPECIALTY'), code }] },
});
const patientIdentifier = (nhsNumber: string): FhirJson => ({
  url: 'patient',
  valueReference: { identifier: { system: SYSTEM.nhsNumber, value: nhsNumber } },
});
const userIdentifier = (url: string, userId: string): FhirJson => ({
  url,
  valueReference: { identifier: { system: SYSTEM.sdsUserId, value: userId } },
});
const service = (ctx: Ctx, serviceId: string): FhirJson => ({
  url: 'service',
  valueReference: {
    identifier: { system: SYSTEM.ersService, value: serviceId },
    display: ctx.world.services.find((s) => s.id === serviceId)?.name ?? serviceId,
  },
});

/** "SPECIALTY/CLINIC_TYPE" as e-RS shows the clinical context of a referral. */
function clinicalContext(referral: Referral): string {
  return referral.clinicType ? `${referral.specialty}/${referral.clinicType}` : referral.specialty;
}

function statusExtension(state: ReferralState): FhirJson {
  const status = WORKLIST_STATUS[state];
  return {
    url: 'status',
    valueCodeableConcept: { coding: [{ system: SYSTEM.referralState, code: status.code, display: status.display }] },
  };
}

/** The fields every referrer worklist item shares, in the schema's table order. */
function referrerCommon(referral: Referral): FhirJson[] {
  return [
    patientIdentifier(referral.patientNhsNumber),
    priority(referral.priority),
    { url: 'referralCreated', valueDateTime: referral.createdAt },
    { url: 'clinicalContext', valueString: clinicalContext(referral) },
    userIdentifier('referrer', referral.requesterUserId),
  ];
}

function reasonExtension(ctx: Ctx, referral: Referral): FhirJson {
  const reason = referral.stateReason!;
  return {
    url: 'reason',
    valueCodeableConcept: { coding: [{ system: reasonSystemUrl(reason, ctx.baseUrl), code: reason.code, display: reason.display }] },
  };
}

function itemExtensions(ctx: Ctx, list: ReferralWorklist, referral: Referral): FhirJson[] {
  const pathwayStart = referral.pathwayStart ?? referral.createdAt;
  switch (list) {
    case 'LETTERS_OUTSTANDING':
      return [...referrerCommon(referral), { url: 'letterDue', valueDate: addWorkingDays(referral.createdAt, LETTER_DUE_DAYS) }];
    case 'REJECTED_TRIAGE_RESPONSE':
    case 'ASSESSMENT_RETURNED_CANCELLED_DNA':
    case 'AWAITING_BOOKING': {
      const out = [
        ...referrerCommon(referral),
        { url: 'referralLastUpdated', valueDateTime: referral.recordedAt },
        statusExtension(referral.state),
      ];
      // Each list's reason comes from one A004 code system: appointment cancellation (rejections, cancelled
      // appointments) or referral cancellation (cancelled referrals); other states carry no reason here.
      const reasonSystem =
        list === 'ASSESSMENT_RETURNED_CANCELLED_DNA' ? 'REFERRAL-CANCELLATION-REASON' : 'APPOINTMENT-CANCELLATION-REASON';
      if (referral.stateReason?.system === reasonSystem) out.push(reasonExtension(ctx, referral));
      return out;
    }
    case 'REFERRALS_FOR_REVIEW': {
      const out: FhirJson[] = [
        priority(referral.priority),
        specialty(ctx, referral.specialty),
        { url: 'patient', valueReference: { reference: `#Patient-${referral.patientNhsNumber}` } },
      ];
      const named = referral.searchCriteria.namedClinicianUserId;
      if (named) out.push({ url: 'namedClinician', valueReference: { reference: `#Practitioner-${named}` } });
      out.push({ url: 'eReferralPathwayStart', valueDateTime: pathwayStart }, { url: 'clinicalInfoPrinted', valueBoolean: false });
      const context = referral.clinicalInfoLastUpdated ? ['LETTER_CHANGED', 'Letter Changed'] : ['NEVER_REVIEWED', 'Never Reviewed'];
      out.push({
        url: 'requestContextStatus',
        valueCodeableConcept: {
          coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-RequestContextStatus-1`, code: context[0], display: context[1] }],
        },
      });
      if (referral.clinicalInfoFirstSubmitted)
        out.push({ url: 'clinicalInfoFirstSubmitted', valueDateTime: referral.clinicalInfoFirstSubmitted });
      if (referral.clinicalInfoLastUpdated) out.push({ url: 'clinicalInfoLastUpdated', valueDateTime: referral.clinicalInfoLastUpdated });
      out.push({
        url: 'referralType',
        valueCodeableConcept: {
          coding: [
            {
              system: `${STU3_CODE_SYSTEM}/eRS-ReferralType-1`,
              code: referral.state === 'AWAITING_TRIAGE' ? 'TRIAGE_DEFERRAL' : 'APPOINTMENT',
            },
          ],
        },
      });
      if (referral.appointment?.start) out.push({ url: 'appointmentStart', valueDateTime: referral.appointment.start });
      const allocated = referral.appointment?.allocatedClinicianUserId;
      if (allocated) out.push({ url: 'allocatedClinician', valueReference: { reference: `#Practitioner-${allocated}` } });
      out.push(service(ctx, worklistServiceId(referral)!), { url: 'referralRequestVersion', valueInteger: referral.versionId });
      return out;
    }
    case 'APPOINTMENT_SLOT_ISSUES': {
      const out: FhirJson[] = [
        priority(referral.priority),
        specialty(ctx, referral.specialty),
        patientIdentifier(referral.patientNhsNumber),
      ];
      const named = referral.searchCriteria.namedClinicianUserId;
      if (named) out.push(userIdentifier('namedClinician', named));
      const deferredAt = referral.appointment?.created ?? referral.recordedAt;
      const contactDays = ctx.world.referenceData.priorities.find((p) => p.code === referral.priority)?.deferToProviderContactDays ?? 5;
      out.push(
        { url: 'eReferralPathwayStart', valueDateTime: pathwayStart },
        { url: 'clinicalInfoPrinted', valueBoolean: false },
        { url: 'ubrnReceived', valueDateTime: deferredAt },
        { url: 'patientContactExpected', valueDate: addWorkingDays(deferredAt, contactDays) },
        {
          url: 'clinicalInformationStatus',
          valueCodeableConcept: {
            coding: [
              {
                system: `${STU3_CODE_SYSTEM}/eRS-ClinicalInformationStatus-1`,
                code: referral.clinicalInfoFirstSubmitted ? 'PRESENT' : 'OVERDUE',
              },
            ],
          },
        },
      );
      const reason = referral.appointment?.reason;
      if (reason?.system === 'eRS-ReviewReason-1') {
        out.push({
          url: 'reason',
          valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-ReviewReason-1`, code: reason.code }] },
        });
      }
      out.push(service(ctx, worklistServiceId(referral)!));
      return out;
    }
  }
}

function list(entries: FhirJson[], contained: FhirJson[]): FhirJson {
  const out: FhirJson = { meta: { profile: [WORKLIST_PROFILE] }, resourceType: 'List' };
  if (contained.length > 0) out.contained = contained;
  out.status = 'current';
  out.mode = 'snapshot';
  out.entry = entries;
  return out;
}

/** A008: a referral worklist. Referrals for Review contains its patients and clinicians as Patient/Practitioner resources. */
export function renderReferralWorklist(world: World, baseUrl: string, worklist: ReferralWorklist, referrals: Referral[]): FhirJson {
  const ctx: Ctx = { world, baseUrl };
  const contained = new Map<string, FhirJson>();
  if (worklist === 'REFERRALS_FOR_REVIEW') {
    for (const referral of referrals) {
      for (const userId of [referral.searchCriteria.namedClinicianUserId, referral.appointment?.allocatedClinicianUserId]) {
        if (!userId || contained.has(`Practitioner-${userId}`)) continue;
        contained.set(`Practitioner-${userId}`, {
          id: `Practitioner-${userId}`,
          meta: { profile: [`${STU3_STRUCTURE}/eRS-Practitioner-1`] },
          resourceType: 'Practitioner',
          identifier: [{ system: SYSTEM.sdsUserId, value: userId }],
        });
      }
      const patientId = `Patient-${referral.patientNhsNumber}`;
      if (!contained.has(patientId)) {
        contained.set(patientId, {
          id: patientId,
          meta: { profile: [`${STU3_STRUCTURE}/eRS-Patient-1`] },
          resourceType: 'Patient',
          identifier: [{ system: SYSTEM.nhsNumber, value: referral.patientNhsNumber }],
        });
      }
    }
  }
  const entries = referrals.map((referral) => ({
    extension: [{ url: WORKLIST_ITEM_EXTENSION[worklist], extension: itemExtensions(ctx, worklist, referral) }],
    item: { reference: `ReferralRequest/${referral.ubrn}` },
  }));
  return list(entries, [...contained.values()]);
}

/** A023: the provider's advice and guidance requests worklist. */
export function renderAdviceWorklist(world: World, baseUrl: string, requests: AdviceAndGuidanceRequest[]): FhirJson {
  const ctx: Ctx = { world, baseUrl };
  const entries = requests.map((request) => {
    const ext: FhirJson[] = [priority(request.priority), specialty(ctx, request.specialty), patientIdentifier(request.patientNhsNumber)];
    if (request.searchCriteria.namedClinicianUserId)
      ext.push(userIdentifier('namedClinician', request.searchCriteria.namedClinicianUserId));
    ext.push(
      {
        url: 'category',
        valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-AdviceAndGuidanceStatus-1`, code: request.category }] },
      },
      { url: 'adviceFirstRequested', valueDateTime: request.createdAt },
      { url: 'adviceLastUpdated', valueDateTime: request.lastUpdatedAt },
      userIdentifier('referrer', request.requesterUserId),
      service(ctx, request.serviceId),
    );
    if (request.clinicType)
      ext.push({
        url: 'clinicType',
        valueCodeableConcept: { coding: [{ system: referenceCodeSystemUrl(baseUrl, 'CLINIC-TYPE'), code: request.clinicType }] },
      });
    ext.push({ url: 'communicationRequestVersion', valueInteger: request.versionId });
    return {
      extension: [{ url: WORKLIST_ITEM_EXTENSION.ADVICE_AND_GUIDANCE_REQUESTS, extension: ext }],
      item: { reference: `CommunicationRequest/${request.ubrn}` },
    };
  });
  return list(entries, []);
}

/** Whether the practitioner exists (worklist clinician filters must reference a known user). */
export function knownPractitioner(world: World, userId: string): boolean {
  return findPractitioner(world, userId) !== undefined;
}
