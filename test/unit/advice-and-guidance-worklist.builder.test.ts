import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import {
  AdviceAndGuidanceWorklistRequest,
  buildAdviceAndGuidanceWorklistParameters,
} from '../../datasources/ers/advice-and-guidance-worklist.builder';
import { adviceAndGuidanceWorklistRequest, AdviceAndGuidanceWorklistArgs } from '../../schema/advice-and-guidance-worklist.args';
import { AssignedIndicator } from '../../schema/referral-worklist.args';
import { encodeCursor } from '../../schema/connection.type';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1';

const listType = {
  name: 'listType',
  valueCodeableConcept: {
    coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-CommunicationListSelector-1', code: 'ADVICE_AND_GUIDANCE_REQUESTS' }],
  },
};
const indicator = (name: string, code: 'ASSIGNED' | 'NOT_ASSIGNED') => ({
  name,
  valueCodeableConcept: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssignedIndicator-1', code }] },
});
const service = { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '11002' } };
const specialty = {
  name: 'specialty',
  valueCodeableConcept: { coding: [{ system: `${BASE}/STU3/CodeSystem/SPECIALTY`, code: 'CARDIOLOGY' }] },
};
const location = {
  name: 'location',
  valueIdentifier: { system: 'https://directory.spineservices.nhs.uk/STU3/Organization', value: 'R69' },
};
const clinician = { name: 'clinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '021600556514' } };

const body = (...parameter: unknown[]) => ({
  resourceType: 'Parameters',
  meta: { profile: [PROFILE] },
  parameter: [listType, ...parameter],
});

describe('buildAdviceAndGuidanceWorklistParameters (A023 request body)', () => {
  it.each<[string, AdviceAndGuidanceWorklistRequest, unknown]>([
    // The spec's MinimalAdviceAndGuidanceRequests example, exactly.
    ['no filter: the minimal body', {}, body()],
    ['a service', { serviceId: '11002' }, body(service)],
    [
      'a specialty',
      { specialty: { assigned: 'ASSIGNED', code: 'CARDIOLOGY' } },
      body(indicator('specialtyAssignedIndicator', 'ASSIGNED'), specialty),
    ],
    ['no specialty assigned', { specialty: { assigned: 'NOT_ASSIGNED' } }, body(indicator('specialtyAssignedIndicator', 'NOT_ASSIGNED'))],
    ['a location', { locationOdsCode: 'R69' }, body(location)],
    [
      'a named clinician',
      { clinician: { assigned: 'ASSIGNED', userId: '021600556514' } },
      body(indicator('clinicianAssignedIndicator', 'ASSIGNED'), clinician),
    ],
    ['any named clinician', { clinician: { assigned: 'ASSIGNED' } }, body(indicator('clinicianAssignedIndicator', 'ASSIGNED'))],
    [
      'every filter, in the order of the profile',
      {
        clinician: { assigned: 'ASSIGNED', userId: '021600556514' },
        locationOdsCode: 'R69',
        specialty: { assigned: 'ASSIGNED', code: 'CARDIOLOGY' },
        serviceId: '11002',
      },
      body(
        service,
        indicator('specialtyAssignedIndicator', 'ASSIGNED'),
        specialty,
        location,
        indicator('clinicianAssignedIndicator', 'ASSIGNED'),
        clinician,
      ),
    ],
  ])('builds the exact body for %s', (_name, request, expected) => {
    expect(buildAdviceAndGuidanceWorklistParameters(request, BASE)).toEqual(expected);
  });

  it('puts the SPECIALTY code system under the e-RS base URL, without a doubled slash', () => {
    const built = buildAdviceAndGuidanceWorklistParameters({ specialty: { assigned: 'ASSIGNED', code: 'ENT' } }, `${BASE}/`);
    expect(JSON.stringify(built)).toContain(`"system":"${BASE}/STU3/CodeSystem/SPECIALTY"`);
  });
});

describe('adviceAndGuidanceWorklistRequest (argument checks before A023)', () => {
  // The GraphQL enum's other value (whatever its name), which means e-RS NOT_ASSIGNED.
  const NOT_ASSIGNED = Object.values(AssignedIndicator).find((v) => v !== AssignedIndicator.ASSIGNED) as AssignedIndicator;
  const args = (value: Partial<AdviceAndGuidanceWorklistArgs>) => value as AdviceAndGuidanceWorklistArgs;

  it.each<[string, Partial<AdviceAndGuidanceWorklistArgs>, AdviceAndGuidanceWorklistRequest]>([
    ['no filter', {}, {}],
    ['a specialty implies ASSIGNED', { filter: { specialty: 'CARDIOLOGY' } }, { specialty: { assigned: 'ASSIGNED', code: 'CARDIOLOGY' } }],
    ['specialty not assigned', { filter: { specialtyAssigned: NOT_ASSIGNED } }, { specialty: { assigned: 'NOT_ASSIGNED' } }],
    [
      'a clinician implies ASSIGNED',
      { filter: { clinicianUserId: '021600556514' } },
      { clinician: { assigned: 'ASSIGNED', userId: '021600556514' } },
    ],
    ['service and location', { filter: { serviceId: '11002', locationOdsCode: 'R69' } }, { serviceId: '11002', locationOdsCode: 'R69' }],
  ])('turns %s into the request', (_name, given, expected) => {
    expect(adviceAndGuidanceWorklistRequest(args(given)).request).toEqual(expected);
  });

  it.each<[string, Partial<AdviceAndGuidanceWorklistArgs>, RegExp]>([
    ['a negative first', { first: -1 }, /^first must be between 0 and 500$/],
    ['too large a first', { first: 501 }, /^first must be between 0 and 500$/],
    ['a cursor that is not one', { after: 'not a cursor!' }, /^after is not a cursor of this list$/],
    ['a malformed service id', { filter: { serviceId: '11 002' } }, /^filter\.serviceId must be/],
    ['a lower-case specialty', { filter: { specialty: 'cardiology' } }, /^filter\.specialty must be a SPECIALTY code/],
    [
      'a specialty with NOT_ASSIGNED',
      { filter: { specialty: 'CARDIOLOGY', specialtyAssigned: NOT_ASSIGNED } },
      /^filter\.specialty needs filter\.specialtyAssigned ASSIGNED$/,
    ],
    ['a malformed ODS code', { filter: { locationOdsCode: 'r-69' } }, /^filter\.locationOdsCode must be an ODS code/],
    ['a short SDS user id', { filter: { clinicianUserId: '12345' } }, /^filter\.clinicianUserId must be a 12-digit SDS user id$/],
    [
      'a clinician with NOT_ASSIGNED',
      { filter: { clinicianUserId: '021600556514', clinicianAssigned: NOT_ASSIGNED } },
      /^filter\.clinicianUserId needs filter\.clinicianAssigned ASSIGNED$/,
    ],
  ])('refuses %s with BAD_USER_INPUT, without echoing the value', (_name, given, message) => {
    let thrown: unknown;
    try {
      adviceAndGuidanceWorklistRequest(args(given));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(GraphQLError);
    expect((thrown as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((thrown as GraphQLError).message).toMatch(message);
  });

  it('passes a well-formed cursor and the page size on', () => {
    const after = encodeCursor({ i: 3, k: 'x' });
    expect(adviceAndGuidanceWorklistRequest(args({ first: 5, after }))).toEqual({ request: {}, first: 5, after });
  });
});
