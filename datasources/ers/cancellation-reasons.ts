import { apiError } from '../../schema/error-codes';
import type { GraphQLError } from 'graphql';
import type { BusinessFunction } from './endpoints';

/**
 * Who may give each cancellation reason, and which need a comment: e-RS reference data (A004
 * REFERRAL-CANCELLATION-REASON and APPOINTMENT-CANCELLATION-REASON, the `businessFunction` and
 * `commentIsMandatory` properties of each concept), as the A036 and A034 endpoint pages tell a
 * client to filter it. ers-graph refuses what e-RS would refuse before any e-RS call, with the
 * extensions e-RS's refusal would have (UNPROCESSABLE, `ersCode` `INAPPROPRIATE_VALUE` or
 * `MISSING_VALUE`, `httpStatus` 422, `endpoint`) and a `reason` that says it was checked here;
 * e-RS still has the last word on everything else (state, `canCancelAppointment`, dates).
 */

/** The business function an application-restricted caller acts as (e-RS's PROVIDER_AUTHORISED_APPLICATION). */
export const PROVIDER_APPLICATION = 'PROVIDER_AUTHORISED_APPLICATION';

/** Who is giving the reason: a user's business function, or an application working for a provider. */
export type ReasonGiver = BusinessFunction | typeof PROVIDER_APPLICATION;

const REFERRERS: readonly ReasonGiver[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const PROVIDERS: readonly ReasonGiver[] = ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', PROVIDER_APPLICATION];
const EVERYONE: readonly ReasonGiver[] = [...REFERRERS, ...PROVIDERS];

interface ReasonRule {
  givenBy: readonly ReasonGiver[];
  commentIsMandatory: boolean;
}

const rule = (givenBy: readonly ReasonGiver[], commentIsMandatory = false): ReasonRule => ({ givenBy, commentIsMandatory });

/** REFERRAL-CANCELLATION-REASON concepts with referrerUsage CANCEL_REFERRAL (A036). */
export const REFERRAL_CANCELLATION_REASONS: Readonly<Record<string, ReasonRule>> = {
  BOOKED_CLINICAL_NEED: rule(PROVIDERS, true),
  BOOKED_OUTSIDE_CAB: rule(PROVIDERS),
  COMMUNITY_SERVICE_NA: rule(PROVIDERS, true),
  COMPLEX_PATHWAY: rule(PROVIDERS, true),
  INTEND_PRIVATE: rule(EVERYONE),
  NO_LONGER_REQUIRED: rule(PROVIDERS, true),
  OTHER_OTHER: rule(PROVIDERS, true),
  OUTPATIENT_CLINICIAN_NA: rule(PROVIDERS, true),
  OUTPATIENT_SERVICE_NA: rule(PROVIDERS, true),
  PATIENT_DIED: rule(EVERYONE),
  PATIENT_REQUEST_CANCELLATION_OTHER: rule(EVERYONE, true),
  RAISED_IN_ERROR: rule(REFERRERS),
  REFERRER_CANCELLATION: rule(REFERRERS),
  STRAIGHT_TO_TEST: rule(PROVIDERS, true),
  TREATMENT_NO_LONGER_REQUIRED: rule(EVERYONE),
  TRIAGE_ENDED: rule(PROVIDERS),
};

/** APPOINTMENT-CANCELLATION-REASON concepts with usage CANCEL (A034: referrer roles only). */
export const APPOINTMENT_CANCELLATION_REASONS: Readonly<Record<string, ReasonRule>> = {
  PATIENT_APPOINTMENT_CANCELLATION_OTHER: rule(REFERRERS, true),
  PATIENT_HOLIDAY: rule(REFERRERS),
  PATIENT_ILL: rule(REFERRERS),
  PATIENT_OTHER_ENGAGEMENT: rule(REFERRERS, true),
};

/** The refusal e-RS would answer for `reason` given by `giver` with `comment`, or undefined when e-RS's rules let it through. */
function refusal(
  endpoint: 'A034' | 'A036',
  rules: Readonly<Record<string, ReasonRule>>,
  reason: string,
  comment: string | null | undefined,
  giver: ReasonGiver,
): GraphQLError | undefined {
  const found = rules[reason];
  if (!found) return undefined; // A code ers-graph does not know: e-RS decides.
  if (!found.givenBy.includes(giver)) {
    const allowedReasons = Object.entries(rules)
      .filter(([, r]) => r.givenBy.includes(giver))
      .map(([code]) => code);
    return apiError('UNPROCESSABLE', `The ${giver} role may not give this reason (e-RS ${endpoint} refuses it)`, {
      reason: 'REASON_NOT_ALLOWED',
      ersCode: 'INAPPROPRIATE_VALUE',
      httpStatus: 422,
      endpoint,
      allowedReasons,
    });
  }
  if (found.commentIsMandatory && !comment?.trim()) {
    return apiError('UNPROCESSABLE', `This reason needs a comment (e-RS ${endpoint} refuses it without one)`, {
      reason: 'COMMENT_REQUIRED',
      ersCode: 'MISSING_VALUE',
      httpStatus: 422,
      endpoint,
    });
  }
  return undefined;
}

/** A036: throws the 422 e-RS would answer for a cancellation reason this giver may not use, or that needs the comment left out. */
export function checkReferralCancellation(reason: string, comment: string | null | undefined, giver: ReasonGiver): void {
  const refused = refusal('A036', REFERRAL_CANCELLATION_REASONS, reason, comment, giver);
  if (refused) throw refused;
}

/** A034: throws the 422 e-RS would answer for an appointment cancellation reason this giver may not use, or without its mandatory comment. */
export function checkAppointmentCancellation(reason: string, comment: string | null | undefined, giver: ReasonGiver): void {
  const refused = refusal('A034', APPOINTMENT_CANCELLATION_REASONS, reason, comment, giver);
  if (refused) throw refused;
}
