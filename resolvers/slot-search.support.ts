import { GraphQLError } from 'graphql';
import { apiError } from '../schema/error-codes';
import { decodeCursor } from '../schema/connection.type';
import type { SlotSearch } from '../datasources/appointments.datasource';
import { assertIdentifier, ODS_CODE, SDS_USER_ID, SERVICE_ID } from '../schema/scalars';

export function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

/** The A015 search for one page, checking every argument before e-RS is called. */
export function slotSearch(input: Omit<SlotSearch, 'count' | 'page'>, first: number, after: string | undefined): SlotSearch {
  // The schema has checked these; the referral's own commissioning rule comes from e-RS.
  assertIdentifier(SERVICE_ID, input.serviceId, 'serviceId');
  assertIdentifier(ODS_CODE, input.commissioningRuleOrgOdsCode, 'commissioningRuleOrgOdsCode');
  if (input.clinicianUserId) assertIdentifier(SDS_USER_ID, input.clinicianUserId, 'clinicianUserId');
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput('first must be between 1 and 100 (the most e-RS returns per call)');
  let page = 1;
  if (after) {
    const cursor = decodeCursor(after);
    if (typeof cursor?.p !== 'number' || cursor.s !== input.serviceId) throw badInput('after is not a cursor of this slot search');
    page = cursor.p + 1;
  }
  return { ...input, count: first, page };
}
