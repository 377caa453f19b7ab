import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import { ErsError } from './ers/errors';
import { apiError } from '../schema/error-codes';
import type { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import type { AdviceAndGuidanceWorklistRequest } from '../schema/advice-and-guidance-worklist.args';
import { type Connection, pageOf } from '../schema/connection.type';
import type { Referral } from '../schema/referral.type';
import { ServiceRequestKind } from '../schema/service-request-kind.enum';
import type { AdviceAndGuidanceWorklistItem } from '../schema/worklist-item.type';

/** The A&G conversation status e-RS gives a request once it has been converted into a referral. */
const CONVERTED = 'ADVICE_CONVERTED';

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
 */
export class AdviceAndGuidanceDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
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
    const status = request.conversationStatus?.code;
    if (status && status !== CONVERTED) return null;
    const found = await this.loaders.serviceRequests.load(request.ubrn);
    const referral = found.find((r) => r.kind === ServiceRequestKind.REFERRAL && r.referralUbrn);
    return referral?.referralUbrn ? this.loaders.referral.load({ ubrn: referral.referralUbrn }) : null;
  }
}
