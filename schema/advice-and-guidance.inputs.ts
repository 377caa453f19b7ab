import { Field, InputType, registerEnumType } from 'type-graphql';
import { BinaryUrlScalar, DateTimeScalar, ServiceIdScalar, UbrnScalar, VersionScalar } from './scalars';
import { PatientRequestInput, withSearchCriteria } from './search-criteria.inputs';
import { ReferralPriority } from './referral-priority.enum';

export enum GuidanceOutcome {
  RETURN_TO_REFERRER_WITH_ADVICE = 'RETURN_TO_REFERRER_WITH_ADVICE',
  REQUIRE_FURTHER_INFORMATION = 'REQUIRE_FURTHER_INFORMATION',
}

registerEnumType(GuidanceOutcome, {
  name: 'GuidanceOutcome',
  description: 'What a provider’s A&G response does (eRS-GuidanceResponseOutcome-1).',
  valuesConfig: {
    RETURN_TO_REFERRER_WITH_ADVICE: { description: 'Advice back to the referrer, with a recommendation.' },
    REQUIRE_FURTHER_INFORMATION: { description: 'Ask the referrer for more information.' },
  },
});

export enum GuidanceRecommendationValue {
  ADVICE_ONLY_NO_REFERRAL_RECOMMENDED = 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
  ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED = 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED',
  REFERRAL_RECOMMENDED = 'REFERRAL_RECOMMENDED',
  OTHER = 'OTHER',
}

registerEnumType(GuidanceRecommendationValue, {
  name: 'GuidanceRecommendation',
  description: 'What the provider recommends with its advice (eRS-GuidanceIntendedRecommendation-1).',
  valuesConfig: {
    ADVICE_ONLY_NO_REFERRAL_RECOMMENDED: { description: 'Advice only; no referral recommended.' },
    ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED: { description: 'Follow the advice, then refer if still needed.' },
    REFERRAL_RECOMMENDED: { description: 'A referral is recommended.' },
    OTHER: { description: 'Something else, in the guidance text.' },
  },
});

/** A file uploaded with POST /attachments, to attach. */
@InputType('AttachmentReferenceInput', { description: 'A file uploaded with POST /attachments (its `url`, "Binary/…").' })
export class AttachmentReferenceInput {
  @Field((_type) => BinaryUrlScalar, { nullable: false, description: 'The `url` POST /attachments returned, e.g. "Binary/19eb7224-…".' })
  url!: string;

  @Field((_type) => String, { nullable: true, description: 'What the file is, as the recipient will see it.' })
  description?: string;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description:
      'When the document was made, sent to e-RS as its DocumentReference `indexed` (e.g. a letter written before it was uploaded); ' +
      'not in the future. Left out: when the request is sent. e-RS records its own time of attaching (`Attachment.attachedAt`).',
  })
  indexedAt?: string;
}

@InputType('CreateAdviceAndGuidanceInput', { description: 'Ask a service for advice and guidance about a patient (e-RS A044).' })
export class CreateAdviceAndGuidanceInput extends withSearchCriteria(PatientRequestInput) {
  @Field((_type) => ServiceIdScalar, {
    nullable: false,
    description: 'The A&G service (from serviceSearch with requestType ADVICE_AND_GUIDANCE_REQUEST).',
  })
  serviceId!: string;

  @Field((_type) => String, { nullable: false, description: 'The question (up to 8000 characters).' })
  request!: string;

  @Field((_type) => Boolean, {
    nullable: false,
    defaultValue: true,
    description: 'Whether the provider may convert the request into a referral.',
  })
  providerMayConvert!: boolean;

  @Field((_type) => [AttachmentReferenceInput], { nullable: true, description: 'Files for the provider.' })
  attachments?: AttachmentReferenceInput[];

  @Field((_type) => String, { nullable: true, description: 'Retry safety (see ReferralVersionInput.idempotencyKey).' })
  idempotencyKey?: string;
}

@InputType('RespondToAdviceAndGuidanceInput', { description: 'The provider’s response to an A&G request (e-RS A026).' })
export class RespondToAdviceAndGuidanceInput {
  @Field((_type) => UbrnScalar, { nullable: false, description: 'The A&G request.' })
  ubrn!: string;

  @Field((_type) => VersionScalar, { nullable: false, description: 'AdviceAndGuidanceRequest.version as the user saw it.' })
  version!: string;

  @Field((_type) => GuidanceOutcome, { nullable: false, description: 'Advice, or a request for more information.' })
  outcome!: GuidanceOutcome;

  @Field((_type) => GuidanceRecommendationValue, { nullable: true, description: 'Required with RETURN_TO_REFERRER_WITH_ADVICE.' })
  recommendation?: GuidanceRecommendationValue;

  @Field((_type) => String, { nullable: false, description: 'The guidance (up to 8000 characters).' })
  guidance!: string;

  @Field((_type) => ReferralPriority, { nullable: false, description: 'The request’s priority from now on.' })
  priority!: ReferralPriority;

  @Field((_type) => [AttachmentReferenceInput], { nullable: true, description: 'Files for the referrer.' })
  attachments?: AttachmentReferenceInput[];

  @Field((_type) => String, { nullable: true, description: 'Retry safety.' })
  idempotencyKey?: string;
}

@InputType('ConvertAdviceAndGuidanceInput', { description: 'Convert an A&G request into a referral (e-RS A027).' })
export class ConvertAdviceAndGuidanceInput {
  @Field((_type) => UbrnScalar, { nullable: false, description: 'The A&G request.' })
  ubrn!: string;

  @Field((_type) => VersionScalar, { nullable: false, description: 'AdviceAndGuidanceRequest.version as the user saw it.' })
  version!: string;

  @Field((_type) => String, { nullable: false, description: 'Final guidance to the referrer (up to 8000 characters).' })
  guidance!: string;

  @Field((_type) => ReferralPriority, { nullable: false, description: 'The new referral’s priority.' })
  priority!: ReferralPriority;

  @Field((_type) => String, { nullable: false, description: 'What the provider’s admin team should do with the new referral.' })
  reviewComment!: string;

  @Field((_type) => [AttachmentReferenceInput], {
    nullable: true,
    description: 'Files for the referrer, with the guidance (uploaded with POST /attachments).',
  })
  guidanceAttachments?: AttachmentReferenceInput[];

  @Field((_type) => [AttachmentReferenceInput], {
    nullable: true,
    description: 'Files for the new referral, e.g. its referral letter (uploaded with POST /attachments).',
  })
  referralAttachments?: AttachmentReferenceInput[];

  @Field((_type) => String, { nullable: true, description: 'Retry safety.' })
  idempotencyKey?: string;
}
