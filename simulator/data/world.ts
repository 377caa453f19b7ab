/**
 * The simulator's domain model: plain, serialisable data with no FHIR shapes in it.
 * FHIR rendering lives in simulator/fhir; later work adds a state machine that mutates these
 * records (through commitReferralVersion, so the version history stays consistent).
 */
import type { BusinessFunction, CodeSystemType, PriorityCode, SlotSchedule } from './codes';
import type { ReferenceData } from './reference-data';

/** Every e-RS referral state (A005 page, https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1). */
export const REFERRAL_STATES = [
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'ASSESSMENT_RESULT',
  'AWAITING_TRIAGE',
  'BOOKED',
  'CANCELLED_REFERRAL',
  'DEFERRED_TO_PROVIDER',
  'DID_NOT_ATTEND',
  'NOT_BOOKED',
  'REJECTED',
  'TRIAGE_RESPONSE',
  'TRIAGED_PROVIDER_TO_ACTION',
] as const;
export type ReferralState = (typeof REFERRAL_STATES)[number];

/** Display values exactly as Extension-eRS-ReferralState-1 enumerates them. */
export const REFERRAL_STATE_DISPLAY: Record<ReferralState, string> = {
  APPT_CANCELLED_BY_PATIENT: 'Appointment Cancelled By Patient',
  APPT_CANCELLED_BY_PROVIDER: 'Appointment Cancelled By Provider',
  ASSESSMENT_RESULT: 'Assessment Result',
  AWAITING_TRIAGE: 'Awaiting Triage',
  BOOKED: 'Booked',
  CANCELLED_REFERRAL: 'Cancelled Referral',
  DEFERRED_TO_PROVIDER: 'Deferred To Provider',
  DID_NOT_ATTEND: 'Did Not Attend',
  NOT_BOOKED: 'Not Booked',
  REJECTED: 'Rejected',
  TRIAGE_RESPONSE: 'Triage Response',
  TRIAGED_PROVIDER_TO_ACTION: 'Triaged - Provider To Action',
};

export { BUSINESS_FUNCTIONS, type BusinessFunction, type PriorityCode } from './codes';
export type FhirRequestStatus = 'active' | 'cancelled' | 'completed';
export type AdditionalRequirement = 'ADVOCACY' | 'INTERPRETER' | 'TRANSPORT';
export type AppointmentStatus = 'proposed' | 'pending' | 'booked' | 'arrived' | 'fulfilled' | 'cancelled' | 'noshow';
export type AttachmentAvailability = 'AVAILABLE' | 'PENDING' | 'THREATS_FOUND' | 'VALIDATION_FAILED';
export type AttachmentType = 'REFERRER' | 'PROVIDER' | 'ADVICE_REQUEST' | 'GUIDANCE_RESPONSE';
export type RequestFlowType = 'BOOKABLE' | 'REVIEW' | 'ADVICE_AND_GUIDANCE';
export type BookableType = 'DIRECTLY_BOOKABLE' | 'INDIRECTLY_BOOKABLE';
export type AppointmentType =
  | 'DAY_CASE'
  | 'FIRST_OUTPATIENT'
  | 'ASSESSMENT_SERVICE'
  | 'GPSI'
  | 'AHP_CLINIC'
  | 'DIAGNOSTIC'
  | 'NURSE_CLINIC'
  | 'OPHTHALMOLOGIST'
  | 'TELEPHONE_ASSESSMENT';
export type CommissioningProvisioning = 'ALL_AVAILABLE_FOR_BOOKING' | 'ALL_SERVICES' | 'LOCALLY_COMMISSIONABLE' | 'NATIONALLY_AVAILABLE';

/**
 * Where a state reason's code comes from: one of the A004 reference data sets (rendered with the
 * server's base URL) or a static e-RS code system (https://fhir.nhs.uk/STU3/CodeSystem/...).
 */
export type ReasonSystem =
  | Extract<CodeSystemType, 'APPOINTMENT-CANCELLATION-REASON' | 'REFERRAL-CANCELLATION-REASON' | 'APPOINTMENT-NON-ATTENDANCE-REASON'>
  | 'eRS-ReviewReason-1'
  | 'eRS-ReviewOutcome-1'
  | 'eRS-AssessmentOutcome-1';

export interface ReasonCoding {
  system: ReasonSystem;
  code: string;
  display: string;
}

export interface Site {
  siteCode: string;
  name: string;
  postcode: string;
}

export interface Organisation {
  odsCode: string;
  name: string;
  role: 'REFERRER' | 'PROVIDER' | 'COMMISSIONER';
  postcode: string;
  sites: Site[];
}

/** One organisation a user works at in e-RS and the business functions held there (one A030 PractitionerRole). */
export interface PractitionerRoleGrant {
  odsCode: string;
  /** e-RS business function codes; may include codes outside BUSINESS_FUNCTIONS (e.g. SERVICE_DEFINER), as A030 reports them. */
  businessFunctions: string[];
}

export interface Practitioner {
  /** SDS user id (12 digits). */
  userId: string;
  title: string;
  givenName: string;
  familyName: string;
  /** The primary organisation (the first of `roles`). */
  odsCode: string;
  /** The known business functions held at the primary organisation. */
  businessFunctions: BusinessFunction[];
  /** Every (organisation, business functions) pair the user holds; the first is the primary one. */
  roles: PractitionerRoleGrant[];
  /** CIS2 identity assurance level (id_assurance_level): 3 for a fully verified healthcare worker. */
  idAssuranceLevel: number;
  /** CIS2 authentication assurance level of the user's usual authenticator (authentication_assurance_level). */
  authenticationAssuranceLevel: number;
}

export interface Patient {
  nhsNumber: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  gender: 'male' | 'female';
  postcode: string;
}

export interface ServiceContact {
  purpose: 'PATINF' | 'ADMIN' | 'HEALTHCARE_PROFESSIONALS';
  telecom: Array<{ system: 'phone' | 'email'; value: string }>;
}

export interface HealthcareService {
  /** e-RS service id (numeric string). */
  id: string;
  versionId: number;
  name: string;
  providerOdsCode: string;
  siteCode: string;
  specialty: string;
  clinicTypes: string[];
  /** Absent for advice-and-guidance-only services. */
  appointmentType?: AppointmentType;
  requestFlows: RequestFlowType[];
  bookableType?: BookableType;
  hoursOfOperation?: string;
  instructions?: string;
  contacts: ServiceContact[];
  /** SDS user ids of provider clinicians who run clinics at this service. */
  clinicianUserIds: string[];
}

/** The criteria the referrer searched with (eRS-ServiceSearchCriteria-Parameters). */
export interface SearchCriteria {
  priority: PriorityCode;
  specialty?: string;
  clinicType?: string;
  indicativeAppointmentWaitTimeLimitDays?: number;
  postcode?: string;
  distanceLimitMiles?: number;
  clinicalTermSnomedCode?: string;
  namedClinicianUserId?: string;
  ageAndGenderAppropriate: boolean;
  commissioningProvisioning?: CommissioningProvisioning;
}

export interface Appointment {
  /** The e-RS appointment id (Appointment/<id>). */
  id: string;
  versionId: number;
  status: AppointmentStatus;
  serviceId: string;
  created: string;
  start?: string;
  end?: string;
  /** Slot id for directly bookable services. */
  slotId?: string;
  reason?: ReasonCoding;
  comment?: string;
  allocatedClinicianUserId?: string;
  /** The referral version the appointment was created against (incomingReferral). */
  referralVersionId: number;
}

/** Everything about a referral that can change between versions. */
export interface ReferralSnapshot {
  versionId: number;
  recordedAt: string;
  state: ReferralState;
  stateReason?: ReasonCoding;
  stateComment?: string;
  status: FhirRequestStatus;
  priority: PriorityCode;
  specialty: string;
  clinicType?: string;
  searchCriteria: SearchCriteria;
  /** Shortlisted service ids, in shortlist order (1..5 here; e-RS allows up to 20). */
  shortlist: string[];
  appointment?: Appointment;
  attachmentIds: string[];
  additionalRequirements: AdditionalRequirement[];
  clinicalInfoFirstSubmitted?: string;
  clinicalInfoLastUpdated?: string;
  /** When the provider accepted the booked referral after review (A013); it then leaves 'Referrals for review'. */
  acceptedAt?: string;
}

/**
 * A referral (appointment request). The top-level snapshot fields are the current version;
 * `versions` holds every version 1..N, the last one equal to the top-level fields.
 */
export interface Referral extends ReferralSnapshot {
  ubrn: string;
  /** e-RS request id (r.<uuid>). */
  requestId: string;
  patientNhsNumber: string;
  referrerOdsCode: string;
  providerOdsCode: string;
  commissioningRuleOdsCode: string;
  /** SDS user id of the referring clinician. */
  requesterUserId: string;
  createdAt: string;
  /** Alternate e-Referral pathway start, when the referral was created with one. */
  pathwayStart?: string;
  /** The previous referral of the same pathway (this one is an onward referral). */
  relatedReferralUbrn?: string;
  /** The advice and guidance request this referral was converted from. */
  convertedFromAdviceAndGuidanceUbrn?: string;
  versions: ReferralSnapshot[];
}

export interface Attachment {
  /** e-RS attachment id (content.attachment.id). */
  id: string;
  /** Binary id used in the download URL (Binary/<binaryId>). */
  binaryId: string;
  owner: { kind: 'ReferralRequest' | 'CommunicationRequest'; ubrn: string };
  type: AttachmentType;
  title: string;
  contentType: string;
  description?: string;
  /** The file itself, kept for the attachment download endpoints. */
  bytes: Buffer;
  availability: AttachmentAvailability;
  indexedAt: string;
  /** Creation date (YYYY-MM-DD). */
  creation: string;
  attachedByUserId: string;
  attachedByOdsCode: string;
  attachedOnBehalfOfUserId?: string;
}

/** The A&G status codes of https://fhir.nhs.uk/STU3/CodeSystem/eRS-AdviceAndGuidanceStatus-1. */
export type AdviceAndGuidanceStatus =
  | 'PROVIDER_RESPONSE_REQUIRED'
  | 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION'
  | 'REFERRER_TO_REVIEW_RESPONSE'
  | 'CONVERSATION_ENDED_CANCELLED'
  | 'CONVERSATION_ENDED_CLOSED'
  | 'ADVICE_CONVERTED';

export interface AdviceMessage {
  id: string;
  sentAt: string;
  direction: 'REFERRER_TO_PROVIDER' | 'PROVIDER_TO_REFERRER';
  authorUserId: string;
  authorOdsCode: string;
  text: string;
  attachmentIds: string[];
}

/** An advice and guidance request (rendered later as eRS-CommunicationRequest / Communication). */
export interface AdviceAndGuidanceRequest {
  ubrn: string;
  versionId: number;
  patientNhsNumber: string;
  referrerOdsCode: string;
  providerOdsCode: string;
  requesterUserId: string;
  serviceId: string;
  specialty: string;
  clinicType?: string;
  priority: PriorityCode;
  searchCriteria: SearchCriteria;
  shortlist: string[];
  status: FhirRequestStatus;
  category: AdviceAndGuidanceStatus;
  providerConversionAuthorised: boolean;
  createdAt: string;
  lastUpdatedAt: string;
  messages: AdviceMessage[];
  attachmentIds: string[];
  convertedToReferralUbrn?: string;
}

/** The whole synthetic e-RS world the simulator serves. */
export interface World {
  seed: number;
  /** "Now" for the data set: every past event is before it, booked appointments after it. */
  anchor: string;
  referrer: Organisation;
  provider: Organisation;
  commissioner: Organisation;
  practitioners: Practitioner[];
  patients: Patient[];
  services: HealthcareService[];
  referrals: Referral[];
  adviceAndGuidance: AdviceAndGuidanceRequest[];
  attachments: Attachment[];
  /** Appointment slots of the directly bookable services (A015; data/slots.ts). */
  slotSchedule: SlotSchedule;
  referenceData: ReferenceData;
  /** Named data points tests and docs can rely on. */
  highlights: WorldHighlights;
}

export interface WorldHighlights {
  /** A service on the shortlist of at least 10 referrals. */
  sharedShortlistServiceId: string;
}

/** The referral with this UBRN, if any. */
export function findReferral(world: World, ubrn: string): Referral | undefined {
  return world.referrals.find((r) => r.ubrn === ubrn);
}

/** All referrals currently in the given state. */
export function referralsByState(world: World, state: ReferralState): Referral[] {
  return world.referrals.filter((r) => r.state === state);
}

/** The first referral (lowest UBRN) in the given state; throws when there is none. */
export function findReferralByState(world: World, state: ReferralState): Referral {
  const found = world.referrals.find((r) => r.state === state);
  if (!found) throw new Error(`No referral in state ${state}`);
  return found;
}

/** One version of a referral (1-based), or undefined. */
export function referralVersion(referral: Referral, versionId: number): ReferralSnapshot | undefined {
  return referral.versions.find((v) => v.versionId === versionId);
}

/** Referrals whose current shortlist includes the service. */
export function referralsShortlistingService(world: World, serviceId: string): Referral[] {
  return world.referrals.filter((r) => r.shortlist.includes(serviceId));
}

export function findService(world: World, id: string): HealthcareService | undefined {
  return world.services.find((s) => s.id === id);
}

export function findAttachment(world: World, id: string): Attachment | undefined {
  return world.attachments.find((a) => a.id === id);
}

export function findAttachmentByBinaryId(world: World, binaryId: string): Attachment | undefined {
  return world.attachments.find((a) => a.binaryId === binaryId);
}

export function findAdviceAndGuidance(world: World, ubrn: string): AdviceAndGuidanceRequest | undefined {
  return world.adviceAndGuidance.find((a) => a.ubrn === ubrn);
}

export function findPractitioner(world: World, userId: string): Practitioner | undefined {
  return world.practitioners.find((p) => p.userId === userId);
}

/** Every recorded version of an appointment (from its referral's version history), oldest first, with its referral. */
export function appointmentVersions(referrals: Referral[], id: string): { referral: Referral; versions: Appointment[] } | undefined {
  for (const referral of referrals) {
    const versions = new Map<number, Appointment>();
    for (const snapshot of referral.versions) {
      if (snapshot.appointment?.id === id) versions.set(snapshot.appointment.versionId, snapshot.appointment);
    }
    if (versions.size > 0) return { referral, versions: [...versions.values()].sort((a, b) => a.versionId - b.versionId) };
  }
  return undefined;
}

/** Referrals that name this one as the previous referral of their pathway. */
export function onwardReferrals(world: World, ubrn: string): Referral[] {
  return world.referrals.filter((r) => r.relatedReferralUbrn === ubrn);
}

/** The snapshot fields of a referral (what one version holds). */
export function snapshotOf(referral: ReferralSnapshot): ReferralSnapshot {
  const snapshot: ReferralSnapshot = {
    versionId: referral.versionId,
    recordedAt: referral.recordedAt,
    state: referral.state,
    status: referral.status,
    priority: referral.priority,
    specialty: referral.specialty,
    searchCriteria: structuredClone(referral.searchCriteria),
    shortlist: [...referral.shortlist],
    attachmentIds: [...referral.attachmentIds],
    additionalRequirements: [...referral.additionalRequirements],
  };
  // Optional fields are copied only when set, so snapshots deep-equal regardless of how they were built.
  if (referral.stateReason) snapshot.stateReason = { ...referral.stateReason };
  if (referral.stateComment !== undefined) snapshot.stateComment = referral.stateComment;
  if (referral.clinicType !== undefined) snapshot.clinicType = referral.clinicType;
  if (referral.appointment) snapshot.appointment = structuredClone(referral.appointment);
  if (referral.clinicalInfoFirstSubmitted !== undefined) snapshot.clinicalInfoFirstSubmitted = referral.clinicalInfoFirstSubmitted;
  if (referral.clinicalInfoLastUpdated !== undefined) snapshot.clinicalInfoLastUpdated = referral.clinicalInfoLastUpdated;
  if (referral.acceptedAt !== undefined) snapshot.acceptedAt = referral.acceptedAt;
  return snapshot;
}

/** Fields a new referral version may change (everything but the version bookkeeping). */
export type ReferralChange = Partial<Omit<ReferralSnapshot, 'versionId' | 'recordedAt'>>;

/**
 * Records a new version of the referral: applies the change to the current fields, bumps the
 * version and appends the snapshot. Keys set to undefined in `change` clear that field.
 * The single way to move a referral on, so `versions` never drifts from the current fields.
 */
export function commitReferralVersion(referral: Referral, change: ReferralChange, at: string): ReferralSnapshot {
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete (referral as unknown as Record<string, unknown>)[key];
    else (referral as unknown as Record<string, unknown>)[key] = value;
  }
  referral.versionId = referral.versions.length + 1;
  referral.recordedAt = at;
  const snapshot = snapshotOf(referral);
  referral.versions.push(snapshot);
  return snapshot;
}
