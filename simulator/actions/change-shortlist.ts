/**
 * A031 Change shortlist and A032 Change shortlist and send for triage: the referrer replaces the
 * shortlist (and with it the search criteria, priority, specialty and clinic type) of a referral
 * with no live booking, where A029 offers the action.
 */
import { type Appointment, commitReferralVersion, type Referral } from '../data/world';
import { sendForTriage } from './book-or-defer';
import { type ActionContext, type ActionFailure, isFailure, requireAction } from './common';
import { parseParameters } from './parameters';
import { type ReferralActionInput, referralForUpdate } from './review';
import { SHORTLIST_PARAMETERS, shortlistFields, shortlistOf } from './shortlist';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlist-Parameters-1';
const TRIAGE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1';

/**
 * A031: the new shortlist (1..20 services, bookable and/or triage); the referral becomes
 * NOT_BOOKED with no appointment (the response example), the previous state reason cleared.
 */
export function changeShortlist(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const parsed = parseParameters(input.body, PROFILE, SHORTLIST_PARAMETERS);
  if (isFailure(parsed)) return parsed;
  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = requireAction(ctx, referral, 'CHANGE_SHORTLIST');
  if (refused) return refused;
  const shortlist = shortlistOf(ctx.world, parsed);
  if (isFailure(shortlist)) return shortlist;
  commitReferralVersion(
    referral,
    {
      ...shortlistFields(shortlist),
      state: 'NOT_BOOKED',
      stateReason: undefined,
      stateComment: undefined,
      appointment: undefined,
      acceptedAt: undefined,
    },
    ctx.at,
  );
  return referral;
}

export interface ChangeShortlistAndSendForTriageResult {
  referral: Referral;
  createdAppointment: Appointment;
}

/** A032: a shortlist of exactly one triage service, sent to it in the same version (AWAITING_TRIAGE, a new proposed TRIAGE appointment). */
export function changeShortlistAndSendForTriage(
  ctx: ActionContext,
  input: ReferralActionInput,
): ChangeShortlistAndSendForTriageResult | ActionFailure {
  const parsed = parseParameters(input.body, TRIAGE_PROFILE, SHORTLIST_PARAMETERS);
  if (isFailure(parsed)) return parsed;
  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = requireAction(ctx, referral, 'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE');
  if (refused) return refused;
  // The A032 page takes the general IntentionToAddReferralLetter (both codes), unlike A021.
  const shortlist = shortlistOf(ctx.world, parsed, { intentions: ['NEED_TO_ADD_LATER', 'NOT_INTENDING_TO_ADD'] });
  if (isFailure(shortlist)) return shortlist;
  const triage = sendForTriage(ctx, referral, shortlist.services[0]);
  if (isFailure(triage)) return triage;
  commitReferralVersion(referral, { ...shortlistFields(shortlist), ...triage.change }, ctx.at);
  return { referral, createdAppointment: triage.appointment };
}
