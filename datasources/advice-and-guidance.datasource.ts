import type { ErsClient, ErsResponse } from './ers/client';
import type { EndpointId } from './ers/endpoints';
import type { FhirResource } from './ers/fhir';
import type { Loaders } from './loaders';
import { ErsError } from './ers/errors';
import {
  buildConvertAdviceAndGuidanceToReferralParameters,
  buildCreateAdviceAndGuidanceParameters,
  buildSendAdviceAndGuidanceResponseParameters,
  type ConvertAdviceAndGuidanceToReferralInput as ConvertAdviceAndGuidanceParameters,
  type CreateAdviceAndGuidanceInput as CreateAdviceAndGuidanceParameters,
  type SendAdviceAndGuidanceResponseInput as AdviceAndGuidanceResponseParameters,
} from './ers/advice-and-guidance.builder';
import { createdId, postAdviceResponse, postTypeOperation } from './ers/referral-actions.api';
import { type ReferralsDataSource, writtenResource } from './referrals.datasource';
import { apiError, versionConflict } from '../schema/error-codes';
import type { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import type { AdviceAndGuidanceWorklistRequest } from '../schema/advice-and-guidance-worklist.args';
import { type Connection, pageOf } from '../schema/connection.type';
import type { Referral } from '../schema/referral.type';
import { ServiceRequestKind } from '../schema/service-request-kind.enum';
import type { AdviceAndGuidanceWorklistItem } from '../schema/worklist-item.type';

/** The A&G conversation status e-RS gives a request once it has been converted into a referral. */
const CONVERTED = 'ADVICE_CONVERTED';

/** What the A&G writes carry (checked by the resolvers first): plain values, no FHIR. */
export type { AdviceAndGuidanceResponseParameters, ConvertAdviceAndGuidanceParameters, CreateAdviceAndGuidanceParameters };

/** A044: the request body for these parameters (files' `indexedAt` already in them). */
export function createAdviceAndGuidanceRequestBody(params: CreateAdviceAndGuidanceParameters, ersBaseUrl: string): FhirResource {
  return buildCreateAdviceAndGuidanceParameters(params, ersBaseUrl);
}

/** A026: the request body for these parameters. */
export function adviceAndGuidanceResponseRequestBody(params: AdviceAndGuidanceResponseParameters): FhirResource {
  return buildSendAdviceAndGuidanceResponseParameters(params);
}

/** A027: the request body for these parameters (the A&G request's version is in the body). */
export function convertAdviceAndGuidanceRequestBody(params: ConvertAdviceAndGuidanceParameters): FhirResource {
  return buildConvertAdviceAndGuidanceToReferralParameters(params);
}

/**
 * Advice and Guidance: requests (A024), conversations (A025), the A&G worklist (A023) and its writes (A026, A027, A044).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A024 -> `request`
 * - A023 -> `worklistPage`
 * - A025 -> `conversation`
 * - A041, A005 -> `convertedReferral` (the referral through the request's shared referral loader)
 * - A044 -> `create` (from e-RS's answer, createdCommunicationRequest: no A024)
 * - A026 -> `respond` (from e-RS's answer, updatedCommunicationRequest: no A024)
 * - A027 -> `convertToReferral` (the new referral from e-RS's answer; the A&G request it changed re-read, A024)
 * - A024 (after a write or a CONFLICT) -> `fresh`; where an answer lacks the resource its page promises, the write re-reads
 */
export class AdviceAndGuidanceDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
    /** The referral an A027 conversion creates is read the way every referral write's is. */
    private readonly referrals: ReferralsDataSource,
  ) {}

  /** A024: an A&G request, current or one version (read once per request). */
  request(ubrn: string, version?: string): Promise<AdviceAndGuidanceRequest> {
    return this.loaders.adviceAndGuidance.load({ ubrn, version });
  }

  /** A023: one page of the provider's A&G worklist (read once per request); a cursor from a list that has changed: BAD_USER_INPUT. */
  async worklistPage(
    request: AdviceAndGuidanceWorklistRequest,
    first: number,
    after?: string | null,
  ): Promise<Connection<AdviceAndGuidanceWorklistItem>> {
    const items = await this.loaders.adviceAndGuidanceWorklist.load(request);
    const page = pageOf(items, (item) => `${item.ubrn}/${item.version ?? ''}`, first, after);
    if (page === 'STALE_CURSOR') {
      throw apiError('BAD_USER_INPUT', 'after is not a cursor of the current worklist (it has changed): start again without it', {
        reason: 'STALE_CURSOR',
      });
    }
    return page;
  }

  /** A025: the conversation of this version of an A&G request, oldest first. */
  async conversation(request: AdviceAndGuidanceRequest): Promise<AdviceAndGuidanceMessage[]> {
    // A025 is addressed by version; a request e-RS sent without one cannot be asked for.
    if (!request.version) throw new ErsError('UPSTREAM_ERROR', { endpoint: 'A024', transport: 'INVALID_RESPONSE' });
    return this.loaders.adviceAndGuidanceConversation.load({ ubrn: request.ubrn, version: request.version });
  }

  /**
   * A041 then A005: the referral an A&G request was converted into, or null when it was not (no
   * call unless its status is ADVICE_CONVERTED or unknown) or e-RS names none.
   */
  async convertedReferral(request: AdviceAndGuidanceRequest): Promise<Referral | null> {
    const status = request.conversationStatus;
    if (status && status !== CONVERTED) return null;
    const found = await this.loaders.serviceRequests.load(request.ubrn);
    const referral = found.find((r) => r.kind === ServiceRequestKind.REFERRAL && r.referralUbrn);
    return referral?.referralUbrn ? this.loaders.referral.load({ ubrn: referral.referralUbrn }) : null;
  }

  /** A024: the A&G request as e-RS has it now, never from this request's loader cache (for mutation payloads). */
  async fresh(ubrn: string): Promise<AdviceAndGuidanceRequest> {
    this.loaders.adviceAndGuidance.clear({ ubrn });
    return this.loaders.adviceAndGuidance.load({ ubrn });
  }

  /** A044: asks a service for advice; the new A&G request from e-RS's answer (re-read, A024, only if the answer lacks it). */
  async create(params: CreateAdviceAndGuidanceParameters): Promise<AdviceAndGuidanceRequest> {
    const body = createAdviceAndGuidanceRequestBody(params, this.ers.baseUrl);
    const response = await postTypeOperation(this.ers, 'A044', 'CommunicationRequest', 'createAdviceAndGuidance', body);
    const ubrn = createdId(response.body, 'CommunicationRequest');
    if (!ubrn) throw apiError('UPSTREAM_ERROR', 'e-RS did not return the new A&G request', { endpoint: 'A044' });
    return this.afterWrite('A044', ubrn, response, 'createdCommunicationRequest');
  }

  /**
   * A026: the provider's advice, or a request for more information, on this version (If-Match; a
   * stale one: CONFLICT with the current version); the request from e-RS's answer (A024 only if it lacks it).
   */
  async respond(ubrn: string, version: string, params: AdviceAndGuidanceResponseParameters): Promise<AdviceAndGuidanceRequest> {
    const body = adviceAndGuidanceResponseRequestBody(params);
    const response = await this.withConflictVersion(ubrn, () => postAdviceResponse(this.ers, ubrn, version, body));
    return this.afterWrite('A026', ubrn, response, 'updatedCommunicationRequest');
  }

  /**
   * A027: converts an A&G request into a referral (a stale version: CONFLICT with the current one);
   * the new referral from e-RS's answer (A005 only if it lacks it) and the A&G request re-read (A024).
   */
  async convertToReferral(
    params: ConvertAdviceAndGuidanceParameters,
  ): Promise<{ referral: Referral; adviceAndGuidance: AdviceAndGuidanceRequest }> {
    const body = convertAdviceAndGuidanceRequestBody(params);
    const ubrn = params.adviceRequestUbrn;
    const response = await this.withConflictVersion(ubrn, () =>
      postTypeOperation(this.ers, 'A027', 'ReferralRequest', 'createFromCommunicationRequestActionLater', body),
    );
    const referralUbrn = createdId(response.body, 'ReferralRequest');
    if (!referralUbrn) throw apiError('UPSTREAM_ERROR', 'e-RS did not return the new referral', { endpoint: 'A027' });
    // A027 answers with the new referral only: the A&G request it changed is re-read.
    const [referral, adviceAndGuidance] = await Promise.all([this.referrals.afterWrite('A027', referralUbrn, response), this.fresh(ubrn)]);
    return { referral, adviceAndGuidance };
  }

  /** A044, A026 (A024 fallback): the A&G request a write changed, from its answer's `parameter` when there, else re-read. */
  private async afterWrite(
    endpoint: EndpointId,
    ubrn: string,
    response: ErsResponse,
    parameter: string,
  ): Promise<AdviceAndGuidanceRequest> {
    const resource = writtenResource(response.body, 'CommunicationRequest', parameter);
    if (resource && (resource as { id?: unknown }).id === ubrn) return this.loaders.adviceAndGuidanceWritten(endpoint, { resource });
    return this.fresh(ubrn);
  }

  /** A024 (after a CONFLICT): an e-RS version conflict on an A&G request becomes CONFLICT with its current version. */
  private async withConflictVersion<T>(ubrn: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof ErsError) || error.code !== 'CONFLICT') throw error;
      const current = await this.fresh(ubrn)
        .then((a) => a.version)
        .catch(() => null);
      // This CONFLICT has never carried e-RS's httpStatus: kept so, clients see what they saw.
      throw versionConflict('A&G request', current, { endpoint: error.endpoint, ersCode: error.ersCode });
    }
  }
}
