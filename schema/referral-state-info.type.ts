import { Field, ObjectType } from 'type-graphql';
import { Code } from './code.type';
import { ReferralState } from './referral-state.enum';

/** The e-RS state of a referral with its reason and comment (Extension-eRS-ReferralState-1). */
@ObjectType('ReferralStateInfo', {
  description: 'Where the referral is in the e-RS process, why, and any comment recorded with it.',
})
export class ReferralStateInfo {
  @Field((_type) => ReferralState, {
    nullable: true,
    description: 'The state. Null only if e-RS sent a state this server does not know yet (the referral’s `fhir` has it).',
  })
  state!: ReferralState | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Why the referral is in this state, where e-RS records a reason: e.g. a referral cancellation reason, ' +
      'an appointment cancellation reason, a review reason or a review outcome.',
  })
  reason!: Code | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Free-text comment recorded with the current state and reason.',
  })
  comment!: string | null;
}
