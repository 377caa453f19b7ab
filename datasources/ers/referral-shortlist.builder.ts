import type { FhirResource } from './fhir';
import {
  firstReminderParameter,
  identifierParameter,
  letterIntentionParameter,
  ReferralLetterIntention,
  shortlistParameter,
  ShortlistedService,
  ShortlistSearchCriteria,
  SYSTEM,
} from './shortlist.builder';

/** A011: a new referral with a shortlist of up to 20 bookable and/or triage services. */
export interface CreateReferralInput {
  patientNhsNumber: string;
  /** The referring clinician a REFERRING_CLINICIAN_ADMIN acts for (SDS user id). */
  referringClinicianUserId?: string;
  /** The A010 search the services were chosen from. */
  search: ShortlistSearchCriteria;
  /** 1..20 services, in the order the patient should see them. */
  shortlist: ShortlistedService[];
  referralLetterIntention: ReferralLetterIntention;
  /** Days before e-RS sends the patient a first reminder letter; 0 for none. */
  firstReminderLetterFollowUpDays: number;
  /** An earlier RTT clock start than e-RS would derive (FHIR instant, within the last 365 days). */
  pathwayStart?: string;
}

/** A021: a new referral sent straight to one triage service (letter to follow, no reminder). */
export interface CreateReferralAndSendForTriageInput {
  patientNhsNumber: string;
  referringClinicianUserId?: string;
  search: ShortlistSearchCriteria;
  /** The one triage service (it must support the triage request flow). */
  triageServiceId: string;
}

/** A031: a new shortlist for an existing, unbooked referral. */
export interface ChangeShortlistInput {
  search: ShortlistSearchCriteria;
  /** 1..20 services, replacing the current shortlist. */
  shortlist: ShortlistedService[];
  referralLetterIntention: ReferralLetterIntention;
  firstReminderLetterFollowUpDays: number;
}

/** A032: an existing referral's shortlist replaced by one triage service, and sent to it. */
export interface ChangeShortlistAndSendForTriageInput {
  search: ShortlistSearchCriteria;
  triageServiceId: string;
  referralLetterIntention: ReferralLetterIntention;
}

const profile = (name: string) => ({ profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${name}`] });

function patientAndClinician(input: { patientNhsNumber: string; referringClinicianUserId?: string }) {
  const parameter: Array<Record<string, unknown>> = [identifierParameter('patient', SYSTEM.nhsNumber, input.patientNhsNumber)];
  if (input.referringClinicianUserId !== undefined) {
    parameter.push(identifierParameter('referringClinician', SYSTEM.sdsUserId, input.referringClinicianUserId));
  }
  return parameter;
}

/**
 * A011 request body (`POST /STU3/ReferralRequest/$ers.createReferral`, no If-Match):
 * eRS-CreateReferral-Parameters-1 with patient, referringClinician, intentionToAddReferralLetter,
 * firstReminderLetterFollowUpDays, eReferralPathwayStart and shortlist, in the examples' order.
 */
export function buildCreateReferralParameters(input: CreateReferralInput, ersBaseUrl: string): FhirResource {
  const parameter = patientAndClinician(input);
  parameter.push(letterIntentionParameter(input.referralLetterIntention), firstReminderParameter(input.firstReminderLetterFollowUpDays));
  if (input.pathwayStart !== undefined) parameter.push({ name: 'eReferralPathwayStart', valueInstant: input.pathwayStart });
  parameter.push(shortlistParameter(input.search, input.shortlist, ersBaseUrl));
  return { resourceType: 'Parameters', meta: profile('eRS-CreateReferral-Parameters-1'), parameter };
}

/**
 * A021 request body (`POST /STU3/ReferralRequest/$ers.createReferralAndSendForTriage`, no
 * If-Match; deprecated by e-RS): eRS-CreateReferralAndSendForTriage-Parameters-1. Sending for
 * triage fixes the letter intention (NEED_TO_ADD_LATER) and the reminder days (0).
 */
export function buildCreateReferralAndSendForTriageParameters(
  input: CreateReferralAndSendForTriageInput,
  ersBaseUrl: string,
): FhirResource {
  const parameter = patientAndClinician(input);
  parameter.push(
    letterIntentionParameter('NEED_TO_ADD_LATER'),
    firstReminderParameter(0),
    shortlistParameter(input.search, [{ serviceId: input.triageServiceId }], ersBaseUrl),
  );
  return { resourceType: 'Parameters', meta: profile('eRS-CreateReferralAndSendForTriage-Parameters-1'), parameter };
}

/**
 * A031 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.changeShortlist`, If-Match the
 * referral's version): eRS-ChangeShortlist-Parameters-1, shortlist first as in the examples.
 */
export function buildChangeShortlistParameters(input: ChangeShortlistInput, ersBaseUrl: string): FhirResource {
  return {
    resourceType: 'Parameters',
    meta: profile('eRS-ChangeShortlist-Parameters-1'),
    parameter: [
      shortlistParameter(input.search, input.shortlist, ersBaseUrl),
      letterIntentionParameter(input.referralLetterIntention),
      firstReminderParameter(input.firstReminderLetterFollowUpDays),
    ],
  };
}

/**
 * A032 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.changeShortlistAndSendForTriage`,
 * If-Match the referral's version; deprecated by e-RS in favour of A031):
 * eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1. Reminder days are always 0 for triage.
 */
export function buildChangeShortlistAndSendForTriageParameters(
  input: ChangeShortlistAndSendForTriageInput,
  ersBaseUrl: string,
): FhirResource {
  return {
    resourceType: 'Parameters',
    meta: profile('eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1'),
    parameter: [
      shortlistParameter(input.search, [{ serviceId: input.triageServiceId }], ersBaseUrl),
      letterIntentionParameter(input.referralLetterIntention),
      firstReminderParameter(0),
    ],
  };
}
