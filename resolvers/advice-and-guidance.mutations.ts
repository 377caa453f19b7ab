import { apiError } from '../schema/error-codes';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { Referral } from '../schema/referral.type';
import {
  ConvertAdviceAndGuidanceInput,
  CreateAdviceAndGuidanceInput,
  GuidanceOutcome,
  RespondToAdviceAndGuidanceInput,
} from '../schema/advice-and-guidance.inputs';
import {
  buildConvertAdviceAndGuidanceToReferralParameters,
  buildCreateAdviceAndGuidanceParameters,
  buildSendAdviceAndGuidanceResponseParameters,
} from '../datasources/ers/advice-and-guidance.builder';
import { createdId, postAdviceResponse, postTypeOperation } from '../datasources/ers/referral-actions.api';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { ErsError } from '../datasources/ers/errors';
import { versionConflict } from '../src/errors';
import type { FhirResource } from '../datasources/ers/fhir';
import { WritesErs } from '../src/auth/gate';
import { referringClinicianOf, searchCriteriaOf } from './search-criteria.support';
import { badInput, checkText, ifMatch, referralAfterWrite, uploadedFiles, writtenResource } from './mutation.support';
import type { ErsResponse } from '../datasources/ers/client';
import type { EndpointId } from '../datasources/ers/endpoints';
import { idempotent } from '../src/idempotency/idempotent';
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

/** The A044 body a CreateAdviceAndGuidanceInput means (checked: BAD_USER_INPUT before any e-RS call); files indexed at `indexedAt`. */
export function createAdviceAndGuidanceBody(input: CreateAdviceAndGuidanceInput, ersBaseUrl: string, indexedAt?: string): FhirResource {
  if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
  assertIdentifier(SERVICE_ID, input.serviceId, 'serviceId');
  checkText(input.request, 'request', 8000, true);
  return buildCreateAdviceAndGuidanceParameters(
    {
      patientNhsNumber: input.patientNhsNumber,
      referringClinicianUserId: referringClinicianOf(input.referringClinicianUserId),
      providerConversion: input.providerMayConvert ? 'AUTHORISED_TO_CONVERT' : 'NOT_AUTHORISED_TO_CONVERT',
      search: searchCriteriaOf(input),
      serviceId: input.serviceId,
      request: input.request,
      attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
    },
    ersBaseUrl,
  );
}

/** The A026 body a RespondToAdviceAndGuidanceInput means; files indexed at `indexedAt`. */
export function respondToAdviceAndGuidanceBody(input: RespondToAdviceAndGuidanceInput, indexedAt?: string): FhirResource {
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
  return buildSendAdviceAndGuidanceResponseParameters(
    input.outcome === GuidanceOutcome.RETURN_TO_REFERRER_WITH_ADVICE
      ? { ...common, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', recommendation: input.recommendation! }
      : { ...common, outcome: 'REQUIRE_FURTHER_INFORMATION' },
  );
}

/** The A027 body a ConvertAdviceAndGuidanceInput means (the A&G request's version is in the body); files indexed at `indexedAt`. */
export function convertAdviceAndGuidanceBody(input: ConvertAdviceAndGuidanceInput, indexedAt?: string): FhirResource {
  checkText(input.guidance, 'guidance', 8000, true);
  checkText(input.reviewComment, 'reviewComment', 2000, true);
  return buildConvertAdviceAndGuidanceToReferralParameters({
    adviceRequestUbrn: input.ubrn,
    adviceRequestVersion: input.version,
    guidance: input.guidance,
    priority: input.priority,
    reviewComment: input.reviewComment,
    guidanceAttachments: uploadedFiles(input.guidanceAttachments, 'guidanceAttachments', indexedAt),
    referralAttachments: uploadedFiles(input.referralAttachments, 'referralAttachments', indexedAt),
  });
}

/** The A&G request as e-RS has it now (not from this request's cache). */
async function freshAdvice(ctx: RequestContext, ubrn: string): Promise<AdviceAndGuidanceRequest> {
  ctx.loaders.adviceAndGuidance.clear({ ubrn });
  return ctx.loaders.adviceAndGuidance.load({ ubrn });
}

/** The A&G request a write changed: from its answer's `parameter` (A044, A026) when there, else re-read (A024). */
async function adviceAfterWrite(
  ctx: RequestContext,
  endpoint: EndpointId,
  ubrn: string,
  response: ErsResponse,
  parameter: string,
): Promise<AdviceAndGuidanceRequest> {
  const resource = writtenResource(response.body, 'CommunicationRequest', parameter);
  if (resource && (resource as { id?: unknown }).id === ubrn) return ctx.loaders.adviceAndGuidanceWritten(endpoint, { resource });
  return freshAdvice(ctx, ubrn);
}

/** A conflict on an A&G request: CONFLICT with its current version. */
async function adviceConflict<T>(ctx: RequestContext, ubrn: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ErsError) || error.code !== 'CONFLICT') throw error;
    const current = await freshAdvice(ctx, ubrn)
      .then((a) => a.version)
      .catch(() => null);
    // This CONFLICT has never carried e-RS's httpStatus: kept so, clients see what they saw.
    throw versionConflict('A&G request', current, { endpoint: error.endpoint, ersCode: error.ersCode });
  }
}

/** Advice and guidance actions: ask (referrer, A044), respond (provider, A026), convert (provider, A027). */
@Resolver()
export class AdviceAndGuidanceMutations {
  @WritesErs('A044')
  @Mutation((_returns) => AdviceAndGuidancePayload, { description: 'Ask a service for advice and guidance (e-RS A044).' })
  async createAdviceAndGuidance(
    @Arg('input', (_type) => CreateAdviceAndGuidanceInput) input: CreateAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidancePayload> {
    const body = createAdviceAndGuidanceBody(input, ctx.ers.baseUrl);
    return idempotent(ctx, 'createAdviceAndGuidance', input, async () => {
      const response = await postTypeOperation(ctx.ers, 'A044', 'CommunicationRequest', 'createAdviceAndGuidance', body);
      const ubrn = createdId(response.body, 'CommunicationRequest');
      if (!ubrn) throw apiError('UPSTREAM_ERROR', 'e-RS did not return the new A&G request', { endpoint: 'A044' });
      return { adviceAndGuidance: await adviceAfterWrite(ctx, 'A044', ubrn, response, 'createdCommunicationRequest') };
    });
  }

  @WritesErs('A026')
  @Mutation((_returns) => AdviceAndGuidancePayload, {
    description: 'Respond to an A&G request with advice, or ask for more information (e-RS A026).',
  })
  async respondToAdviceAndGuidance(
    @Arg('input', (_type) => RespondToAdviceAndGuidanceInput) input: RespondToAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidancePayload> {
    ifMatch(input.version);
    const body = respondToAdviceAndGuidanceBody(input);
    return idempotent(ctx, 'respondToAdviceAndGuidance', input, async () => {
      const response = await adviceConflict(ctx, input.ubrn, () => postAdviceResponse(ctx.ers, input.ubrn, input.version, body));
      return { adviceAndGuidance: await adviceAfterWrite(ctx, 'A026', input.ubrn, response, 'updatedCommunicationRequest') };
    });
  }

  @WritesErs('A027')
  @Mutation((_returns) => ConvertAdviceAndGuidancePayload, {
    description: 'Convert an A&G request into a referral for the provider’s admin team to action (e-RS A027).',
  })
  async convertAdviceAndGuidanceToReferral(
    @Arg('input', (_type) => ConvertAdviceAndGuidanceInput) input: ConvertAdviceAndGuidanceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ConvertAdviceAndGuidancePayload> {
    ifMatch(input.version);
    const body = convertAdviceAndGuidanceBody(input);
    return idempotent(ctx, 'convertAdviceAndGuidanceToReferral', input, async () => {
      const response = await adviceConflict(ctx, input.ubrn, () =>
        postTypeOperation(ctx.ers, 'A027', 'ReferralRequest', 'createFromCommunicationRequestActionLater', body),
      );
      const ubrn = createdId(response.body, 'ReferralRequest');
      if (!ubrn) throw apiError('UPSTREAM_ERROR', 'e-RS did not return the new referral', { endpoint: 'A027' });
      // A027 answers with the new referral only: the A&G request it changed is re-read.
      const [referral, adviceAndGuidance] = await Promise.all([
        referralAfterWrite(ctx, 'A027', ubrn, response),
        freshAdvice(ctx, input.ubrn),
      ]);
      return { referral, adviceAndGuidance };
    });
  }
}
