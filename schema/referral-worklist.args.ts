import { Field, InputType, registerEnumType } from 'type-graphql';
import { OdsCodeScalar, SdsUserIdScalar, ServiceIdScalar } from './scalars';

/** The referral worklists of e-RS (A008). */
export enum ReferralWorklistType {
  REFERRALS_FOR_REVIEW = 'REFERRALS_FOR_REVIEW',
  APPOINTMENT_SLOT_ISSUES = 'APPOINTMENT_SLOT_ISSUES',
  REJECTED_TRIAGE_RESPONSE = 'REJECTED_TRIAGE_RESPONSE',
  ASSESSMENT_RETURNED_CANCELLED_DNA = 'ASSESSMENT_RETURNED_CANCELLED_DNA',
  AWAITING_BOOKING = 'AWAITING_BOOKING',
  LETTERS_OUTSTANDING = 'LETTERS_OUTSTANDING',
}

registerEnumType(ReferralWorklistType, {
  name: 'ReferralWorklistType',
  description: 'An e-RS referral worklist (A008). Provider worklists take filters; referrer worklists do not.',
  valuesConfig: {
    REFERRALS_FOR_REVIEW: { description: 'Provider: booked and triage referrals that need review.' },
    APPOINTMENT_SLOT_ISSUES: { description: 'Provider: referrals deferred to the provider for lack of appointment slots.' },
    REJECTED_TRIAGE_RESPONSE: { description: 'Referrer: referrals rejected, or returned with a triage response.' },
    ASSESSMENT_RETURNED_CANCELLED_DNA: { description: 'Referrer: assessment returned, cancelled outside the practice, or did not attend.' },
    AWAITING_BOOKING: { description: 'Referrer: referrals that could be booked but have no booking.' },
    LETTERS_OUTSTANDING: { description: 'Referrer: referrals that still need a referral letter.' },
  },
});

/** Whether a worklist filter asks for items assigned to something or not assigned at all. */
export enum AssignedIndicator {
  ASSIGNED = 'ASSIGNED',
  NOT_ASSIGNED = 'NOT_ASSIGNED',
}

registerEnumType(AssignedIndicator, {
  name: 'AssignedIndicator',
  description: 'Assigned to the given specialty / clinician, or not assigned to any.',
  valuesConfig: {
    ASSIGNED: { description: 'Items assigned (to the given value, when one is given).' },
    NOT_ASSIGNED: { description: 'Items with none assigned.' },
  },
});

/** The filters e-RS applies to provider worklists (A008 request parameters). */
@InputType('ReferralWorklistFilter', {
  description: 'Filters of the provider worklists, applied by e-RS. Referrer worklists take none.',
})
export class ReferralWorklistFilter {
  @Field((_type) => ServiceIdScalar, { nullable: true, description: 'Only this service (required for application-restricted callers).' })
  serviceId?: string;

  @Field((_type) => String, { nullable: true, description: 'Only this specialty code (SPECIALTY code system), e.g. CARDIOLOGY.' })
  specialty?: string;

  @Field((_type) => AssignedIndicator, {
    nullable: true,
    description: 'Specialty assigned or not; defaults to ASSIGNED when `specialty` is given.',
  })
  specialtyAssigned?: AssignedIndicator;

  @Field((_type) => OdsCodeScalar, { nullable: true, description: 'Only this service location (ODS site code).' })
  locationOdsCode?: string;

  @Field((_type) => SdsUserIdScalar, { nullable: true, description: 'Only this clinician (12-digit SDS user id).' })
  clinicianUserId?: string;

  @Field((_type) => AssignedIndicator, {
    nullable: true,
    description: 'Clinician assigned or not; defaults to ASSIGNED when `clinicianUserId` is given.',
  })
  clinicianAssigned?: AssignedIndicator;
}

/** Orders of a worklist that ers-graph applies (e-RS returns its own order). */
export enum WorklistOrder {
  ERS = 'ERS',
  PRIORITY = 'PRIORITY',
}

registerEnumType(WorklistOrder, {
  name: 'WorklistOrder',
  description: 'How to order a worklist. e-RS does not sort worklists on request: PRIORITY is applied by ers-graph.',
  valuesConfig: {
    ERS: { description: 'The order e-RS returns.' },
    PRIORITY: { description: 'Two week wait first, then urgent, then routine; e-RS order within a priority (by ers-graph).' },
  },
});
