/**
 * Which referrals and advice requests appear on which e-RS worklist (A008, A023), decided from
 * their current e-RS state and the caller's organisation. Pure functions over the world, shared
 * by the worklist routes and (later) the write path.
 */
import type { AdviceAndGuidanceRequest, Referral, ReferralState, World } from './world';
import { findService } from './world';

/** eRS-ReferralListSelector-1 codes, referring organisation lists first. */
export const REFERRER_WORKLISTS = [
  'LETTERS_OUTSTANDING',
  'REJECTED_TRIAGE_RESPONSE',
  'ASSESSMENT_RETURNED_CANCELLED_DNA',
  'AWAITING_BOOKING',
] as const;
export const PROVIDER_WORKLISTS = ['REFERRALS_FOR_REVIEW', 'APPOINTMENT_SLOT_ISSUES'] as const;
export type ReferrerWorklist = (typeof REFERRER_WORKLISTS)[number];
export type ProviderWorklist = (typeof PROVIDER_WORKLISTS)[number];
export type ReferralWorklist = ReferrerWorklist | ProviderWorklist;
/** eRS-CommunicationListSelector-1 codes (A023). */
export const ADVICE_WORKLISTS = ['ADVICE_AND_GUIDANCE_REQUESTS'] as const;

export function isReferrerWorklist(code: string): code is ReferrerWorklist {
  return (REFERRER_WORKLISTS as readonly string[]).includes(code);
}

export function isProviderWorklist(code: string): code is ProviderWorklist {
  return (PROVIDER_WORKLISTS as readonly string[]).includes(code);
}

/** Assessment outcomes that hand the referral back to the referrer ("advise referrer"). */
const ADVISE_REFERRER_OUTCOMES = new Set(['RETURN_TO_GP']);
const AWAITING_BOOKING_STATES = new Set<ReferralState>([
  'NOT_BOOKED',
  'AWAITING_TRIAGE',
  'DEFERRED_TO_PROVIDER',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
]);
/** Days after creation by which a referral letter promised later is due. */
export const LETTER_DUE_DAYS = 3;

/** Whether a referral belongs on the worklist, by its current state alone (organisation scoping is separate). */
export function onReferralWorklist(world: World, list: ReferralWorklist, referral: Referral): boolean {
  switch (list) {
    case 'LETTERS_OUTSTANDING':
      // No referral letter (clinical information) has been attached yet to a live referral.
      return referral.status === 'active' && referral.clinicalInfoFirstSubmitted === undefined;
    case 'REJECTED_TRIAGE_RESPONSE':
      return referral.state === 'REJECTED' || referral.state === 'TRIAGE_RESPONSE';
    case 'ASSESSMENT_RETURNED_CANCELLED_DNA':
      return (
        (referral.state === 'ASSESSMENT_RESULT' && ADVISE_REFERRER_OUTCOMES.has(referral.stateReason?.code ?? '')) ||
        (referral.state === 'CANCELLED_REFERRAL' && cancelledOutsideReferrer(world, referral)) ||
        referral.state === 'DID_NOT_ATTEND'
      );
    case 'AWAITING_BOOKING':
      return AWAITING_BOOKING_STATES.has(referral.state);
    case 'REFERRALS_FOR_REVIEW':
      // Booked referrals not yet accepted (A013) and triage (RAS) referrals wait for the provider's review.
      return (referral.state === 'BOOKED' && referral.acceptedAt === undefined) || referral.state === 'AWAITING_TRIAGE';
    case 'APPOINTMENT_SLOT_ISSUES':
      return referral.state === 'DEFERRED_TO_PROVIDER';
  }
}

function cancelledOutsideReferrer(world: World, referral: Referral): boolean {
  const reason = referral.stateReason;
  if (!reason || reason.system !== 'REFERRAL-CANCELLATION-REASON') return false;
  // The provider's reasons (PROVIDER, and PROVIDER_TRIAGE after a triage) mean the referrer did not cancel it itself.
  const concept = world.referenceData.referralCancellationReasons.find((c) => c.code === reason.code);
  return concept?.requestCancellationReasonType === 'PROVIDER' || concept?.requestCancellationReasonType === 'PROVIDER_TRIAGE';
}

/** Provider worklist filters (eRS-FetchWorklist-Parameters); referrer worklists take none. */
export interface WorklistFilters {
  serviceId?: string;
  /** ASSIGNED: only items with a specialty (optionally this one); NOT_ASSIGNED: only items without. */
  specialtyAssigned?: 'ASSIGNED' | 'NOT_ASSIGNED';
  specialty?: string;
  /** ODS site code of the service's location. */
  siteCode?: string;
  clinicianAssigned?: 'ASSIGNED' | 'NOT_ASSIGNED';
  clinicianUserId?: string;
}

/** The clinician a referral is assigned to: the appointment's allocated clinician, else the named clinician searched for. */
export function assignedClinician(referral: Referral): string | undefined {
  return referral.appointment?.allocatedClinicianUserId ?? referral.searchCriteria.namedClinicianUserId;
}

/** The service a provider worklist item belongs to (the appointment's service). */
export function worklistServiceId(referral: Referral): string | undefined {
  return referral.appointment?.serviceId;
}

function passesFilters(
  world: World,
  filters: WorklistFilters,
  item: { serviceId?: string; specialty?: string; clinician?: string },
): boolean {
  if (filters.serviceId !== undefined && item.serviceId !== filters.serviceId) return false;
  if (filters.siteCode !== undefined) {
    const service = item.serviceId ? findService(world, item.serviceId) : undefined;
    if (service?.siteCode !== filters.siteCode) return false;
  }
  if (filters.specialtyAssigned === 'NOT_ASSIGNED' && item.specialty !== undefined) return false;
  if (filters.specialtyAssigned === 'ASSIGNED' && item.specialty === undefined) return false;
  if (filters.specialty !== undefined && item.specialty !== filters.specialty) return false;
  if (filters.clinicianAssigned === 'NOT_ASSIGNED' && item.clinician !== undefined) return false;
  if (filters.clinicianAssigned === 'ASSIGNED' && item.clinician === undefined) return false;
  if (filters.clinicianUserId !== undefined && item.clinician !== filters.clinicianUserId) return false;
  return true;
}

/** Whom the worklist is for: a referring organisation, a provider organisation, or (application-restricted) any provider's service. */
export type WorklistScope = { side: 'REFERRER'; odsCode: string } | { side: 'PROVIDER'; odsCode?: string };

/** The referrals on a worklist for the scope and filters, oldest first (by creation). */
export function referralWorklist(world: World, list: ReferralWorklist, scope: WorklistScope, filters: WorklistFilters = {}): Referral[] {
  return world.referrals
    .filter((r) =>
      scope.side === 'REFERRER' ? r.referrerOdsCode === scope.odsCode : scope.odsCode === undefined || r.providerOdsCode === scope.odsCode,
    )
    .filter((r) => onReferralWorklist(world, list, r))
    .filter((r) =>
      scope.side === 'REFERRER'
        ? true
        : passesFilters(world, filters, { serviceId: worklistServiceId(r), specialty: r.specialty, clinician: assignedClinician(r) }),
    )
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ubrn.localeCompare(b.ubrn));
}

/** Whether an advice request needs the provider's attention: the conversation is still open. */
export function onAdviceWorklist(request: AdviceAndGuidanceRequest): boolean {
  return request.status === 'active';
}

/** The A&G requests on the provider's 'Advice and guidance requests' worklist, most recently updated first. */
export function adviceWorklist(world: World, providerOdsCode: string, filters: WorklistFilters = {}): AdviceAndGuidanceRequest[] {
  return world.adviceAndGuidance
    .filter((a) => a.providerOdsCode === providerOdsCode && onAdviceWorklist(a))
    .filter((a) =>
      passesFilters(world, filters, { serviceId: a.serviceId, specialty: a.specialty, clinician: a.searchCriteria.namedClinicianUserId }),
    )
    .sort((a, b) => b.lastUpdatedAt.localeCompare(a.lastUpdatedAt) || a.ubrn.localeCompare(b.ubrn));
}

/** Adds working days (Monday to Friday) to a date; returns YYYY-MM-DD. */
export function addWorkingDays(isoInstant: string, days: number): string {
  const date = new Date(isoInstant);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return date.toISOString().slice(0, 10);
}
