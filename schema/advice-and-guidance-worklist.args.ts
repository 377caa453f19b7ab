import { GraphQLError } from 'graphql';
import { apiError } from './error-codes';
import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { assertIdentifier, ODS_CODE, OdsCodeScalar, SDS_USER_ID, SdsUserIdScalar, SERVICE_ID, ServiceIdScalar } from './scalars';
import { decodeCursor } from './connection.type';
import { AssignedIndicator } from './referral-worklist.args';

/** An e-RS eRS-AssignedIndicator-1 code: items assigned (to the value given), or not assigned to any. */
export type AssignedIndicatorCode = 'ASSIGNED' | 'NOT_ASSIGNED';

/** What a caller may ask of the A&G worklist (A023): the filters the eRS-FetchWorklist-Parameters-1 profile allows. */
export interface AdviceAndGuidanceWorklistRequest {
  /** e-RS service id (http://fhir.nhs.net/Id/ers-service). */
  serviceId?: string;
  /** Specialty filter; `code` (a SPECIALTY code) needs `assigned` ASSIGNED. */
  specialty?: { assigned: AssignedIndicatorCode; code?: string };
  /** ODS code of the service location (STU3 Organization identifier). */
  locationOdsCode?: string;
  /** Clinician filter; `userId` (an SDS user id) needs `assigned` ASSIGNED. */
  clinician?: { assigned: AssignedIndicatorCode; userId?: string };
}

/** Largest page a client may ask for. */
export const MAX_WORKLIST_PAGE = 500;

/** The filters e-RS applies to the A&G worklist (the A023 request parameters). */
@InputType('AdviceAndGuidanceWorklistFilter', {
  description:
    'Filters of the Advice and Guidance requests worklist, applied by e-RS (the eRS-FetchWorklist-Parameters-1 filters). ' +
    'All optional; given together, an item must match all of them.',
})
export class AdviceAndGuidanceWorklistFilter {
  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'Only requests sent to this advice service (its e-RS service id, e.g. "11002").',
  })
  serviceId?: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Only requests in this specialty (a SPECIALTY code, e.g. CARDIOLOGY). Implies `specialtyAssigned: ASSIGNED`.',
  })
  specialty?: string | null;

  @Field((_type) => AssignedIndicator, {
    nullable: true,
    description: 'Only requests with a specialty assigned (ASSIGNED) or with none; ASSIGNED by default when `specialty` is given.',
  })
  specialtyAssigned?: AssignedIndicator | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'Only requests to services at this location (an ODS site code, e.g. "RCD01").',
  })
  locationOdsCode?: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'Only requests made to this clinician by name (12-digit SDS user id). Implies `clinicianAssigned: ASSIGNED`.',
  })
  clinicianUserId?: string | null;

  @Field((_type) => AssignedIndicator, {
    nullable: true,
    description: 'Only requests with a named clinician (ASSIGNED) or with none; ASSIGNED by default when `clinicianUserId` is given.',
  })
  clinicianAssigned?: AssignedIndicator | null;
}

/** The arguments of `Query.adviceAndGuidanceWorklist`. */
@ArgsType()
export class AdviceAndGuidanceWorklistArgs {
  @Field((_type) => AdviceAndGuidanceWorklistFilter, {
    nullable: true,
    description: 'What e-RS should filter the worklist by; omit for the whole worklist.',
  })
  filter?: AdviceAndGuidanceWorklistFilter | null;

  @Field((_type) => Int, {
    nullable: true,
    defaultValue: 50,
    description: `How many items to return (0 to ${MAX_WORKLIST_PAGE}).`,
  })
  first?: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The `endCursor` of the previous page; omit for the first page.',
  })
  after?: string | null;
}

const SPECIALTY = /^[A-Z0-9_]{1,60}$/;

function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

function given(value: string | null | undefined): value is string {
  return value !== undefined && value !== null;
}

function assigned(
  indicator: AssignedIndicator | null | undefined,
  value: string | undefined,
  name: string,
  valueName: string,
): AssignedIndicatorCode | undefined {
  if (indicator === undefined || indicator === null) return value !== undefined ? 'ASSIGNED' : undefined;
  const code: AssignedIndicatorCode = indicator === AssignedIndicator.ASSIGNED ? 'ASSIGNED' : 'NOT_ASSIGNED';
  if (value !== undefined && code !== 'ASSIGNED') throw badInput(`${valueName} needs ${name} ASSIGNED`);
  return code;
}

/**
 * Checks the worklist arguments and turns the filter into an A023 request, before any e-RS call.
 * Throws BAD_USER_INPUT (the message names the argument, never its value).
 */
export function adviceAndGuidanceWorklistRequest(args: AdviceAndGuidanceWorklistArgs): {
  request: AdviceAndGuidanceWorklistRequest;
  first: number;
  after: string | null;
} {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_WORKLIST_PAGE)
    throw badInput(`first must be between 0 and ${MAX_WORKLIST_PAGE}`);
  const after = given(args.after) ? args.after : null;
  if (after !== null && decodeCursor(after) === null) throw badInput('after is not a cursor of this list');

  const filter = args.filter ?? {};
  const request: AdviceAndGuidanceWorklistRequest = {};
  if (given(filter.serviceId)) {
    request.serviceId = assertIdentifier(SERVICE_ID, filter.serviceId, 'filter.serviceId');
  }
  const specialty = given(filter.specialty) ? filter.specialty : undefined;
  if (specialty !== undefined && !SPECIALTY.test(specialty)) throw badInput('filter.specialty must be a SPECIALTY code, e.g. CARDIOLOGY');
  const specialtyAssigned = assigned(filter.specialtyAssigned, specialty, 'filter.specialtyAssigned', 'filter.specialty');
  if (specialtyAssigned) request.specialty = { assigned: specialtyAssigned, ...(specialty !== undefined ? { code: specialty } : {}) };
  if (given(filter.locationOdsCode)) {
    request.locationOdsCode = assertIdentifier(ODS_CODE, filter.locationOdsCode, 'filter.locationOdsCode');
  }
  const userId = given(filter.clinicianUserId) ? filter.clinicianUserId : undefined;
  if (userId !== undefined) assertIdentifier(SDS_USER_ID, userId, 'filter.clinicianUserId');
  const clinicianAssigned = assigned(filter.clinicianAssigned, userId, 'filter.clinicianAssigned', 'filter.clinicianUserId');
  if (clinicianAssigned) request.clinician = { assigned: clinicianAssigned, ...(userId !== undefined ? { userId } : {}) };
  return { request, first, after };
}
