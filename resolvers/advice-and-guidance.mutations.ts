import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { Referral } from '../schema/referral.type';
import {
  ConvertAdviceAndGuidanceInput,
  CreateAdviceAndGuidanceInput,
  GuidanceOutcome,
  RespondToAdviceAndGuidanceInput,
} from '../schema/advice-and-guidance.inputs';
import {
  adviceAndGuidanceResponseRequestBody,
  type AdviceAndGuidanceResponseParameters,
  convertAdviceAndGuidanceRequestBody,
  type ConvertAdviceAndGuidanceParameters,
  createAdviceAndGuidanceRequestBody,
  type CreateAdviceAndGuidanceParameters,
} from '../datasources/advice-and-guidance.datasource';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { WritesErs } from '../kernel/gate';
import { referringClinicianOf, searchCriteriaOf } from './search-criteria.support';
import { badInput, checkText, ifMatch, uploadedFiles } from './mutation.support';
import { idempotent } from '../kernel/idempotent';
import { assertIdentifier, SERVICE_ID } from '../schema/scalars';

@ObjectType('AdviceAndGuidancePayload', { description: 'The A&G request as e-RS has it after the action.' })
export class AdviceAndGuidancePayload {
  @Field((_type) => AdviceAndGuidanceRequest, {
    nullable: false,
    description: 'The A&G request as e-RS has it after the action: from e-RS’s answer (A044, A026), re-read after A027.',
  })
  adviceAndGuidance!: AdviceAndGuidanceRequest;
}

@ObjectType('ConvertAdviceAndGuidancePayload', { description: 'The referral an A&G request became, and the request.' })
export class ConvertAdviceAndGuidancePayload extends AdviceAndGuidancePayload {
  @Field((_type) => Referral, { nullable: false, description: 'The new referral, as e-RS answered A027.' })
  referral!: Referral;
}

/** The A044 parameters a CreateAdviceAndGuidanceInput means (checked: BAD_USER_INPUT before any e-RS call); files indexed at `indexedAt`. */
export function createAdviceAndGuidanceParameters(
  input: CreateAdviceAndGuidanceInput,
  indexedAt?: string,
): CreateAdviceAndGuidanceParameters {
  if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
  assertIdentifier(SERVICE_ID, input.serviceId, 'serviceId');
  checkText(input.request, 'request', 8000, true);
  return {
    patientNhsNumber: input.patientNhsNumber,
    referringClinicianUserId: referringClinicianOf(input.referringClinicianUserId),
    providerConversion: input.providerMayConvert ? 'AUTHORISED_TO_CONVERT' : 'NOT_AUTHORISED_TO_CONVERT',
    search: searchCriteriaOf(input),
    serviceId: input.serviceId,
    request: input.request,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  };
}

/** The A026 parameters a RespondToAdviceAndGuidanceInput means (checked); files indexed at `indexedAt`. */
export function respondToAdviceAndGuidanceParameters(
  input: RespondToAdviceAndGuidanceInput,
  indexedAt?: string,
): AdviceAndGuidanceResponseParameters {
  checkText(input.guidance, 'guidance', 8000, true);
  if (input.outcome === GuidanceOutcome.RETURN_TO_REFERRER_WITH_ADVICE && !input.recommendation)
    throw badInput('recommendation is required with RETURN_TO_REFERRER_WITH_ADVICE');
  if (input.outcome === GuidanceOutcome.REQUIRE_FURTHER_INFORMATION && input.recommendation)
    throw badInput('recommendation goes only with RETURN_TO_REFERRER_WITH_ADVICE');
  const common = {
    guidance: input.guidance,
    priority: input.priority,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  };
  return input.outcome === GuidanceOutcome.RETURN_TO_REFERRER_WITH_ADVICE
    ? { ...common, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', recommendation: input.recommendation! }
    : { ...common, outcome: 'REQUIRE_FURTHER_INFORMATION' };
}

/** The A027 parameters a ConvertAdviceAndGuidanceInput means (checked; the A&G request's version goes in the body); files indexed at `indexedAt`. */
export function convertAdviceAndGuidanceParameters(
  input: ConvertAdviceAndGuidanceInput,
  indexedAt?: string,
): ConvertAdviceAndGuidanceParameters {
  checkText(input.guidance, 'guidance', 8000, true);
  checkText(input.reviewComment, 'reviewComment', 2000, true);
  return {
    adviceRequestUbrn: input.ubrn,
    adviceRequestVersion: input.version,
    guidance: input.guidance,
    priority: input.priority,
    reviewComment: input.reviewComment,
    guidanceAttachments: uploadedFiles(input.guidanceAttachments, 'guidanceAttachments', indexedAt),
    referralAttachments: uploadedFiles(input.referralAttachments, 'referralAttachments', indexedAt),
  };
}

// The A044, A026, A027 bodies an input means, as the conformance suite checks them against e-RS's examples.
/** A044: the body a CreateAdviceAndGuidanceInput means (checked first); files indexed at `indexedAt`. */
export function createAdviceAndGuidanceBody(input: CreateAdviceAndGuidanceInput, ersBaseUrl: string, indexedAt?: string) {
  return createAdviceAndGuidanceRequestBody(createAdviceAndGuidanceParameters(input, indexedAt), ersBaseUrl);
}

/** A026: the body a RespondToAdviceAndGuidanceInput means (checked first); files indexed at `indexedAt`. */
export function respondToAdviceAndGuidanceBody(input: RespondToAdviceAndGuidanceInput, indexedAt?: string) {
  return adviceAndGuidanceResponseRequestBody(respondToAdviceAndGuidanceParameters(input, indexedAt));
}

/** A027: the body a ConvertAdviceAndGuidanceInput means (checked first); files indexed at `indexedAt`. */
export function convertAdviceAndGuidanceBody(input: ConvertAdviceAndGuidanceInput, indexedAt?: string) {
  return convertAdviceAndGuidanceRequestBody(convertAdviceAndGuidanceParameters(input, indexedAt));
}

/** Advice and guidance actions: ask (referrer, A044), respond (provider, A026), convert (provider, A027). */
@Resolver()
export class AdviceAndGuidanceMutations {
  @WritesErs('A044')
  @Mutation((_returns) => AdviceAndGuidancePayload, { nullable: true, description: 'Ask a service for advice and guidance (e-RS A044).' })
  async createAdviceAndGuidance(
    @Arg('input', (_type) => CreateAdviceAndGuidanceInput) input: CreateAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidancePayload> {
    const params = createAdviceAndGuidanceParameters(input);
    return idempotent(ctx, 'createAdviceAndGuidance', input, async () => ({
      adviceAndGuidance: await ctx.data.adviceAndGuidance.create(params),
    }));
  }

  @WritesErs('A026')
  @Mutation((_returns) => AdviceAndGuidancePayload, {
    nullable: true,
    description: 'Respond to an A&G request with advice, or ask for more information (e-RS A026).',
  })
  async respondToAdviceAndGuidance(
    @Arg('input', (_type) => RespondToAdviceAndGuidanceInput) input: RespondToAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidancePayload> {
    ifMatch(input.version);
    const params = respondToAdviceAndGuidanceParameters(input);
    return idempotent(ctx, 'respondToAdviceAndGuidance', input, async () => ({
      adviceAndGuidance: await ctx.data.adviceAndGuidance.respond(input.ubrn, input.version, params),
    }));
  }

  @WritesErs('A027')
  @Mutation((_returns) => ConvertAdviceAndGuidancePayload, {
    nullable: true,
    description: 'Convert an A&G request into a referral for the provider’s admin team to action (e-RS A027).',
  })
  async convertAdviceAndGuidanceToReferral(
    @Arg('input', (_type) => ConvertAdviceAndGuidanceInput) input: ConvertAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConvertAdviceAndGuidancePayload> {
    ifMatch(input.version);
    const params = convertAdviceAndGuidanceParameters(input);
    return idempotent(ctx, 'convertAdviceAndGuidanceToReferral', input, () => ctx.data.adviceAndGuidance.convertToReferral(params));
  }
}
