import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import type { WorklistRequest } from './ers/worklist.builder';
import { apiError } from '../schema/error-codes';
import { type Connection, pageOf } from '../schema/connection.type';
import type { Referral } from '../schema/referral.type';
import type { WorklistItem } from '../schema/worklist-item.type';
import { WorklistOrder } from '../schema/referral-worklist.args';
import type { ReferralPriority } from '../schema/referral-priority.enum';

/** What A008 is asked for: the list type and the provider filters e-RS applies (checked by the resolver first). */
export type ReferralWorklistRequest = WorklistRequest;

/** What ers-graph applies to an A008 list itself: e-RS has no priority filter, no priority order and no paging. */
export interface WorklistPaging {
  priorities?: ReferralPriority[];
  orderBy: WorklistOrder;
  first: number;
  after?: string;
}

const PRIORITY_RANK: Record<string, number> = { TWO_WEEK_WAIT: 0, URGENT: 1, ROUTINE: 2 };
const PRIORITY_RANK_UNKNOWN = 3;

/**
 * Referral worklists (A008).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A008 -> `worklistPage`
 * - A005 -> `referral` (an item's referral, through the request's shared referral loader)
 */
export class WorklistsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  /**
   * A008: one page of a referral worklist (read once per request), filtered by priority and
   * ordered here; a cursor from a list that has changed since: BAD_USER_INPUT.
   */
  async worklistPage(request: ReferralWorklistRequest, paging: WorklistPaging): Promise<Connection<WorklistItem>> {
    const { priorities, orderBy, first, after } = paging;
    const worklist = await this.loaders.referralWorklist.load(request);
    let items = worklist.items;
    if (priorities && priorities.length > 0) items = items.filter((item) => item.priority !== null && priorities.includes(item.priority));
    if (orderBy === WorklistOrder.PRIORITY) {
      const rank = (item: WorklistItem) => PRIORITY_RANK[item.priority ?? ''] ?? PRIORITY_RANK_UNKNOWN;
      items = items
        .map((item, index) => ({ item, index }))
        .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
        .map((x) => x.item);
    }
    const page = pageOf(items, (item) => item.ubrn, first, after);
    if (page === 'STALE_CURSOR') {
      throw apiError('BAD_USER_INPUT', 'after is not a cursor of this worklist as it is now: start again without `after`');
    }
    return page;
  }

  /**
   * A005: the referral of a worklist item, at the version the worklist gives; null when it names
   * none. With `withActions`, A029 for that same UBRN and version starts at once beside it (the
   * worklist already names both), instead of after A005 answers, and the referral is answered once
   * both have: the screen waits for one round trip, not two.
   */
  async referral(item: WorklistItem, options: { withActions?: boolean } = {}): Promise<Referral | null> {
    if (!item.referralUbrn) return null;
    const referral = this.loaders.referral.load({ ubrn: item.referralUbrn, version: item.referralVersion ?? undefined });
    if (options.withActions && item.referralVersion) {
      const actions = this.loaders.availableActions.load({ ubrn: item.referralUbrn, version: item.referralVersion });
      // Both settle before the field answers, so the A029 never outlives its request (were A005 to fail, it is not
      // needed, but it must not be left running after the answer has gone); availableActions then reads it from the loader.
      await Promise.allSettled([referral, actions]);
    }
    return referral;
  }
}
