/**
 * A029 "available actions for user": which e-RS actions (eRS-AvailableActionsForUser-1 codes) the
 * caller may take on a referral in its current state. One rule table, reused by the write path
 * to refuse actions the user may not take.
 */
import type { Referral, ReferralState, World } from './world';
import { findService } from './world';

export const AVAILABLE_ACTIONS = {
  RECORD_REVIEW_OUTCOME: 'Record Review Outcome',
  CREATE_APPOINTMENT: 'Create Appointment',
  CHANGE_SHORTLIST: 'Change Shortlist',
  CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE: 'Change Shortlist and Send for Triage',
  CANCEL_REFERRAL: 'Cancel Referral',
  CANCEL_DIRECTLY_BOOKED_APPOINTMENT: 'Cancel Directly Booked Appointment',
} as const;
export type AvailableAction = keyof typeof AVAILABLE_ACTIONS;

/** Who is asking: referrer-side users, provider-side users, or an application in a provider's context. */
export type ActionSide = 'REFERRER' | 'PROVIDER';

/** States in which the referral has no live booking and the referrer may (re)book or change the shortlist. */
const REFERRER_UNBOOKED: ReferralState[] = [
  'NOT_BOOKED',
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'REJECTED',
  'TRIAGE_RESPONSE',
];
/** Every state except a cancelled referral. */
const LIVE: ReferralState[] = [
  'APPT_CANCELLED_BY_PATIENT',
  'APPT_CANCELLED_BY_PROVIDER',
  'ASSESSMENT_RESULT',
  'AWAITING_TRIAGE',
  'BOOKED',
  'DEFERRED_TO_PROVIDER',
  'DID_NOT_ATTEND',
  'NOT_BOOKED',
  'REJECTED',
  'TRIAGE_RESPONSE',
  'TRIAGED_PROVIDER_TO_ACTION',
];

interface ActionRule {
  action: AvailableAction;
  side: ActionSide;
  states: ReferralState[];
  /** Extra condition on the referral beyond its state. */
  when?: (world: World, referral: Referral) => boolean;
}

/** The rule table: action x side x states (A029 page, "As a referrer ..." / "As a service provider ..."). */
export const ACTION_RULES: readonly ActionRule[] = [
  { action: 'CREATE_APPOINTMENT', side: 'REFERRER', states: REFERRER_UNBOOKED },
  { action: 'CHANGE_SHORTLIST', side: 'REFERRER', states: REFERRER_UNBOOKED },
  { action: 'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE', side: 'REFERRER', states: REFERRER_UNBOOKED },
  {
    action: 'CANCEL_DIRECTLY_BOOKED_APPOINTMENT',
    side: 'REFERRER',
    states: ['BOOKED'],
    when: (world, referral) => findService(world, referral.appointment?.serviceId ?? '')?.bookableType === 'DIRECTLY_BOOKABLE',
  },
  { action: 'CANCEL_REFERRAL', side: 'REFERRER', states: LIVE },
  // Triage referrals and referrals deferred to the provider wait for a review outcome (A028).
  { action: 'RECORD_REVIEW_OUTCOME', side: 'PROVIDER', states: ['AWAITING_TRIAGE', 'DEFERRED_TO_PROVIDER'] },
  { action: 'CANCEL_REFERRAL', side: 'PROVIDER', states: LIVE },
];

/** The actions the side may take on the referral now, in rule-table order. */
export function availableActions(world: World, referral: Referral, side: ActionSide): AvailableAction[] {
  if (referral.status !== 'active') return [];
  return ACTION_RULES.filter(
    (rule) => rule.side === side && rule.states.includes(referral.state) && (rule.when?.(world, referral) ?? true),
  ).map((rule) => rule.action);
}

/** Whether the side may take the action on the referral now (for the write path). */
export function canTakeAction(world: World, referral: Referral, side: ActionSide, action: AvailableAction): boolean {
  return availableActions(world, referral, side).includes(action);
}
