/**
 * Conformance of the write mutations (A011..A044): for every request example of the e-RS
 * specification, a row gives the GraphQL variables a client sends as the mutation's `input` (and,
 * apart from them, the facts e-RS already holds that the server reads before writing). The test
 * coerces the variables against the emitted schema (schema/schema.graphql: defaults applied, the
 * row proved valid GraphQL input), passes them to the mutation's pure body function and expects
 * exactly the example body. Runs only when ERS_SPEC_DIR points at a copy of the specification;
 * otherwise it reports itself skipped. A013 and A019 have no request body, so no row.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { buildSchema, coerceInputValue, GraphQLInputType } from 'graphql';
import {
  changeShortlistAndSendForTriageBody,
  changeShortlistBody,
  createReferralAndSendForTriageBody,
  createReferralBody,
} from '../../resolvers/referral-shortlist.mutations';
import {
  attachReferralLettersBody,
  bookAppointmentBody,
  cancelReferralBody,
  checkAppointmentTarget,
  deferAppointmentBody,
  recordTriageOutcomeBody,
  rejectReferralBody,
  sendReferralForTriageBody,
} from '../../resolvers/referral.mutations';
import { cancelAppointmentActionLaterBody, cancelAppointmentBody, checkCancelAppointment } from '../../resolvers/appointment.mutations';
import {
  convertAdviceAndGuidanceBody,
  createAdviceAndGuidanceBody,
  respondToAdviceAndGuidanceBody,
} from '../../resolvers/advice-and-guidance.mutations';
import { ifMatch } from '../../resolvers/mutation.support';
import type { FhirResource } from '../../datasources/ers/fhir';

// Set, or a skip outside CI; in CI a missing spec folder throws (test/helpers/spec.ts).
import { SPEC_DIR } from '../helpers/spec';
const BASE = '_baseUrl_'; // the spec's placeholder for the e-RS base URL
const INDEXED_AT = '_indexedAt_'; // when the server stamps a request's files (now, in production)

type Body = { parameter?: Array<Record<string, unknown>> } & Record<string, unknown>;
const example = (dir: string, file: string): Body =>
  JSON.parse(readFileSync(join(SPEC_DIR!, 'components/stu3/examples', dir, 'requests', file), 'utf8'));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));

/** The schema clients see; its custom scalars (UBRN, DateTime) pass values through unchanged. */
const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

/**
 * The A014 and A036 examples spell the placeholder `_baseurl_` where every other example (and
 * A034, for the same APPOINTMENT-CANCELLATION-REASON system) spells it `_baseUrl_`: one base URL,
 * two spellings of its placeholder. Compare with the usual spelling.
 */
const withUsualPlaceholder = (body: Body): Body => JSON.parse(JSON.stringify(body).split('_baseurl_').join(BASE));

/**
 * The server stamps every file of a request with one `indexed` time, when it sends the request
 * (the input has no such field: a client cannot choose it), while the examples carry their own
 * times, sometimes different per file of one request. Compare with the time the server was given;
 * the builders' unit tests check that it is passed through.
 */
function withIndexedAt(body: Body): Body {
  return JSON.parse(JSON.stringify(body), (key, value) => (key === 'indexed' ? INDEXED_AT : value));
}

/**
 * The order of parameters in eRS-ServiceSearchCriteria-Parameters-1's table (the builders' order).
 * Written here, not imported from the simulator: the suite checks the builders against the spec,
 * and a list shared with the simulator could carry one mistake into both.
 */
const CRITERIA_ORDER = [
  'priority',
  'specialty',
  'clinicType',
  'indicativeAppointmentWaitTimeLimit',
  'postcode',
  'distanceLimit',
  'clinicalTerm',
  'namedClinician',
  'ageAndGenderAppropriate',
  'commissioningProvisioning',
  'organisation',
  'place',
];
type Criteria = { parameter: Array<{ name: string }> };
const criteriaOf = (body: Body) =>
  (body.parameter!.find((p) => p.name === 'shortlist')!.resource as { contained: Criteria[] }).contained[0];

/**
 * ParametersWithNamedClinician (A021) lists namedClinician before clinicalTerm, against the
 * profile's order that every other example follows; the order of named criteria carries no
 * meaning, so compare in the profile's order.
 */
function criteriaInProfileOrder(body: Body): Body {
  const copy = clone(body);
  const criteria = criteriaOf(copy);
  criteria.parameter.sort((a, b) => CRITERIA_ORDER.indexOf(a.name) - CRITERIA_ORDER.indexOf(b.name));
  return copy;
}

/**
 * NonMixedShortlistWithDocument (A031) differs from the other A031 examples in two ways no input
 * can reproduce: its criteria carry commissioningProvisioning, which e-RS no longer accepts as
 * input ("if provided it will be ignored"), and its parameters come shortlist-last where the
 * other three (and the A032 example) put the shortlist first. Drop the ignored criterion and
 * compare parameters in the majority order.
 */
function asOtherChangeShortlistExamples(body: Body): Body {
  const copy = clone(body);
  const criteria = criteriaOf(copy);
  criteria.parameter = criteria.parameter.filter((p) => p.name !== 'commissioningProvisioning');
  const order = ['shortlist', 'intentionToAddReferralLetter', 'firstReminderLetterFollowUpDays'];
  copy.parameter!.sort((a, b) => order.indexOf(a.name as string) - order.indexOf(b.name as string));
  return copy;
}

/** The GraphQL variables of a mutation's `input`, exactly as a client sends them (JSON). */
type Variables = Record<string, unknown>;

/** One request example: what the client sends, and how (if at all) both bodies are normalised before comparing. */
interface Row {
  file: string;
  variables: Variables;
  normalise?: (body: Body) => Body;
  /**
   * For an example of a request e-RS refuses, when ers-graph refuses it first: what the schema
   * says (the example is then not sent, so there is no body to compare).
   */
  refusedBySchema?: RegExp;
}

/** A row whose body also depends on what e-RS holds: facts the server reads before writing, not client input. */
interface RowWithFacts<Facts> extends Row {
  facts: Facts;
}

/** A mutation, its input type and e-RS endpoint, with a row per request example it sends. */
interface Mutation {
  name: string;
  inputType: string;
  endpoint: string;
  dir: string;
  rows: Row[];
  /** The checks the resolver runs before the body is built (BAD_USER_INPUT or CONFLICT on failure). */
  check: (input: never) => void;
  /** The body the resolver sends for the coerced input (and the row's facts). */
  body: (input: never, row: never) => FhirResource;
  /** How the examples of this endpoint are read (normalisations of the example only). */
  asExampleMeans: (example: Body) => Body;
}

function mutation<Input, R extends Row>(spec: {
  name: string;
  inputType: string;
  endpoint: string;
  dir: string;
  rows: R[];
  check?: (input: Input) => void;
  body: (input: Input, row: R) => FhirResource;
  asExampleMeans?: (example: Body) => Body;
}): Mutation {
  return { check: () => undefined, asExampleMeans: (b) => b, ...spec } as Mutation;
}

type InputOf<F extends (...args: never[]) => unknown> = Parameters<F>[0];
const versionChecked = (input: { version: string }) => void ifMatch(input.version);

// The UBRN and version that bodies carrying none (the referral is in the URL) are sent for.
const referral = { ubrn: '000000070000', version: '6' };
const cardiology = (priority: string) => ({ priority, specialty: 'CARDIOLOGY', clinicType: 'HEART_FAILURE', ageAndSexAppropriate: false });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));
const PATHWAY_START = '2024-05-01T09:55:00.000Z';

const CREATE_REFERRAL: Row[] = [
  {
    file: 'MinimalRequest.json',
    variables: { patientNhsNumber: '9912003888', ...cardiology('URGENT'), shortlist: ['11002'], pathwayStart: PATHWAY_START },
  },
  {
    file: 'MinimalRequestWithReferringClinician.json',
    variables: {
      patientNhsNumber: '9912003888',
      referringClinicianUserId: '021600556514',
      ...cardiology('URGENT'),
      shortlist: ['11002'],
      pathwayStart: PATHWAY_START,
    },
  },
  {
    file: 'RequestMixedShortlist.json',
    variables: { patientNhsNumber: '9912003888', ...cardiology('URGENT'), shortlist: ['11002', '51002'] },
  },
  {
    file: 'RequestTwentyServices.json',
    variables: {
      patientNhsNumber: '9912003888',
      priority: 'ROUTINE',
      specialty: 'CARDIOLOGY',
      clinicType: 'HEART_FAILURE',
      waitTimeLimit: 50,
      postcode: 'LS1 2UT',
      distanceLimit: 123,
      clinicalTerm: '1003',
      namedClinicianUserId: '021600556514',
      organisationOdsCode: 'R69',
      shortlist: range(12000, 20),
      pathwayStart: PATHWAY_START,
    },
  },
];

const SEND_FOR_TRIAGE: Row[] = [
  { file: 'Parameters.json', variables: { patientNhsNumber: '9912003888', ...cardiology('ROUTINE'), triageServiceId: '11004' } },
  {
    file: 'ParametersWithNamedClinician.json',
    variables: {
      patientNhsNumber: '9912003888',
      referringClinicianUserId: '021600556514',
      priority: 'ROUTINE',
      namedClinicianUserId: '021600556514',
      clinicalTerm: '1003',
      triageServiceId: '11004',
    },
    normalise: criteriaInProfileOrder,
  },
];

const CHANGE_SHORTLIST: Row[] = [
  {
    file: 'NonMixedShortlistWithDocument.json',
    variables: {
      ...referral,
      ...cardiology('ROUTINE'),
      shortlist: ['11004', '11002'],
      referralLetter: 'NOT_INTENDING_TO_ADD',
      firstReminderLetterFollowUpDays: 1,
    },
    normalise: asOtherChangeShortlistExamples,
  },
  { file: 'UnbookedReferral.json', variables: { ...referral, ...cardiology('URGENT'), shortlist: ['11002'] } },
  { file: 'UnbookedReferralMixedShortlist.json', variables: { ...referral, ...cardiology('URGENT'), shortlist: ['11002', '51002'] } },
  {
    file: 'UnbookedReferralMultipleServices.json',
    variables: { ...referral, ...cardiology('URGENT'), shortlist: ['11000', '11001', '11002', '11003', '11008'] },
  },
];

const CHANGE_SHORTLIST_FOR_TRIAGE: Row[] = [
  {
    file: 'MinimalRequest.json',
    variables: { ...referral, ...cardiology('ROUTINE'), triageServiceId: '11004', referralLetter: 'NOT_INTENDING_TO_ADD' },
  },
];

const BLOOD_TEST_1 = 'Binary/e1015896-92f4-4073-ad3c-5f30fca76448';
const BLOOD_TEST_2 = 'Binary/50f0c0d5-7ed1-4587-8fce-889c8685eb54';
const LETTERS: Row[] = [
  {
    file: 'MultipleDocumentReferences.json',
    variables: {
      ...referral,
      letters: [
        { url: BLOOD_TEST_1, description: 'First blood test results showing an anomaly in the values of xxxx' },
        { url: BLOOD_TEST_2, description: 'Second blood test results showing an anomaly in the values of xxxx' },
      ],
    },
  },
  {
    file: 'SingleDocumentReference.json',
    variables: {
      ...referral,
      letters: [{ url: BLOOD_TEST_2, description: 'Blood test results showing an anomaly in the values of xxxx' }],
    },
  },
  {
    file: 'UpdateClinicalInfo.json',
    variables: {
      ...referral,
      letters: [{ url: BLOOD_TEST_2, description: 'Second blood test results showing an anomaly in the values of xxxx' }],
    },
  },
];

// A016 names the referral (UBRN and version) in its body, but not its patient: the server reads
// the patient from the referral (A005) and a booked slot's times and clinician from A015.
type Patient = { patientNhsNumber: string };
type Slot = { start: string; end: string; clinicianUserId?: string | null };
const patient: Patient = { patientNhsNumber: '9912003888' };

const BOOKINGS: Array<RowWithFacts<Patient & { slot: Slot }>> = [
  {
    file: 'MinimalBooking.json',
    variables: { ...referral, serviceId: '11000', slotId: '11000021' },
    facts: { ...patient, slot: { start: '2022-07-11T12:00:00+00:00', end: '2022-07-11T13:00:00+00:00', clinicianUserId: null } },
  },
  {
    file: 'BookingWithNamedClinician.json',
    variables: { ...referral, serviceId: '11008', slotId: '11008006' },
    facts: { ...patient, slot: { start: '2022-07-11T13:15:00+00:00', end: '2022-07-11T14:15:00+00:00', clinicianUserId: '021600556514' } },
  },
];

const DEFERRALS: Array<RowWithFacts<Patient>> = [
  {
    file: 'MinimalDeferral.json',
    variables: { ...referral, serviceId: '11021', reason: 'NO_SLOTS_AT_SERVICE', comment: 'There are no slots' },
    facts: patient,
  },
  {
    file: 'DeferralWithSlotReference.json',
    variables: {
      ...referral,
      serviceId: '11000',
      reason: 'SLOT_NOT_AVAILABLE',
      slotId: '11000022',
      comment: 'Patient can only attend at 3pm',
    },
    facts: patient,
  },
  {
    file: 'DeferralBookingAttemptProblem.json',
    variables: { ...referral, serviceId: '11000', reason: 'BOOKING_ATTEMPT_PROBLEM', comment: 'Booking failed' },
    facts: patient,
  },
];

const TRIAGE_REFERRALS: Array<RowWithFacts<Patient>> = [
  { file: 'TriageDeferral.json', variables: { ...referral, serviceId: '50001' }, facts: patient },
];

// A034 replaces the appointment as A038 returns it: its id, version, service and patient come from
// e-RS, the cancellation from the client.
type CurrentAppointment = Parameters<typeof cancelAppointmentBody>[1];
const appointment = (id: string): CurrentAppointment => ({
  id,
  version: '1',
  serviceId: '50',
  serviceName: 'Direct SVC 1',
  patientNhsNumber: '1000000001',
});
const CANCEL_APPOINTMENT: Array<RowWithFacts<CurrentAppointment>> = [
  {
    file: 'MinimalCancellationReasonOnlyCommentNotMandatory.json',
    variables: { ubrn: '000000070004', version: '6', reason: 'PATIENT_ILL' },
    facts: appointment('70003'),
  },
  {
    file: 'CancellationReasonAndMandatoryComment.json',
    variables: { ubrn: '000000070005', version: '6', reason: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER', comment: 'Cancellation Comment' },
    facts: appointment('70004'),
  },
  // e-RS answers this one with 422 (the comment is mandatory for this reason, which only e-RS
  // knows), but the body is what the input means.
  {
    file: 'CancellationReasonOnlyCommentMandatory.json',
    variables: { ubrn: '000000070005', version: '6', reason: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER' },
    facts: appointment('70005'),
  },
  // e-RS answers this one with 422: INTEND_PRIVATE is not an appointment cancellation reason for
  // referrers. The reason is an enum of the ones e-RS lets referrers give, so the schema refuses it first.
  {
    file: 'CancellationInvalidReason.json',
    variables: { ubrn: '000000070006', version: '6', reason: 'INTEND_PRIVATE', comment: 'Intend Private Comment' },
    facts: appointment('70006'),
    refusedBySchema: /Value "INTEND_PRIVATE" does not exist in "AppointmentCancellationReason" enum/,
  },
];

const COMMENT = 'This is a cancellation reason comment';
const CANCEL_REFERRAL: Row[] = [
  { file: 'IntendPrivateWithComment.json', variables: { ...referral, reason: 'INTEND_PRIVATE', comment: COMMENT } },
  { file: 'IntendPrivateWithoutComment.json', variables: { ...referral, reason: 'INTEND_PRIVATE' } },
  { file: 'NoLongerRequired.json', variables: { ...referral, reason: 'TREATMENT_NO_LONGER_REQUIRED', comment: COMMENT } },
  {
    file: 'PatientRequestCancellationOther.json',
    variables: { ...referral, reason: 'PATIENT_REQUEST_CANCELLATION_OTHER', comment: COMMENT },
  },
  { file: 'RaisedInError.json', variables: { ...referral, reason: 'RAISED_IN_ERROR', comment: COMMENT } },
  { file: 'ReferrerCancellation.json', variables: { ...referral, reason: 'REFERRER_CANCELLATION', comment: COMMENT } },
  { file: 'bookedOutsideCabWithoutComment.json', variables: { ...referral, reason: 'BOOKED_OUTSIDE_CAB' } },
  { file: 'outpatientService.json', variables: { ...referral, reason: 'OUTPATIENT_SERVICE_NA', comment: COMMENT } },
];

const REJECT: Row[] = [
  { file: 'BasicExampleDbs.json', variables: { ...referral, reason: 'SERVICE_INAPPROPRIATE', comment: 'This is a short comment' } },
  {
    file: 'BasicExampleIbs.json',
    variables: { ...referral, reason: 'OTHER', comment: 'This is a short comment', appointmentCancelledInPas: true },
  },
];

const REBOOK = 'Please contact patient to rebook';
const ACTION_LATER: Row[] = [
  { file: 'MinimalExampleDBS.json', variables: { ...referral, comment: REBOOK } },
  { file: 'MinimalExampleIBS.json', variables: { ...referral, comment: REBOOK, appointmentCancelledInPas: true } },
  {
    file: 'PriorityChangeAndWithAttachmentsDBS.json',
    variables: {
      ...referral,
      comment: REBOOK,
      priority: 'URGENT',
      attachments: [
        { url: 'Binary/b2b22a7e-b3e9-4625-8d2c-00507bfdffb5', description: 'My first provider attachment' },
        { url: 'Binary/857b901d-1491-47d3-90e2-6c9f13f744dc', description: 'My second provider attachment' },
      ],
    },
  },
];

const TRIAGE_OUTCOMES: Row[] = [
  {
    file: 'AcceptReferBookLater.json',
    variables: { ...referral, outcome: 'ACCEPT_REFER_BOOK_LATER', comment: 'Urgent action needed. To be booked ASAP', priority: 'URGENT' },
  },
  {
    file: 'AttachmentIncluded.json',
    variables: {
      ...referral,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      comment: 'Condition not serious. See attached document',
      attachments: [{ url: 'Binary/a7c98bb4-c0d0-4094-b26d-8dbd1677edc8', description: 'Condition details' }],
    },
  },
  {
    file: 'ReturnToReferrerWithAdvice.json',
    variables: { ...referral, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: 'Condition not serious. No further action needed' },
  },
];

const adviceRequest = { patientNhsNumber: '9912003888', ...cardiology('ROUTINE'), serviceId: '11014', request: 'Request text.' };
const CREATE_ADVICE: Row[] = [
  { file: 'ExampleRCWithoutAttachments.json', variables: { ...adviceRequest, providerMayConvert: false } },
  {
    file: 'ExampleRCAWithAttachments.json',
    variables: {
      ...adviceRequest,
      referringClinicianUserId: '021600556514',
      attachments: [{ url: 'Binary/e1015896-92f4-4073-ad3c-5f30fca76448', description: 'Treatment Specification' }],
    },
  },
];

const GUIDANCE: Row[] = [
  {
    file: 'AttachmentIncluded.json',
    variables: {
      ...referral,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      recommendation: 'OTHER',
      guidance: 'Advise treatment as in attached document',
      priority: 'ROUTINE',
      attachments: [{ url: 'Binary/19eb7224-dff3-4730-a5cb-67eac811f1a5', description: 'Treatment Specification' }],
    },
  },
  {
    file: 'RequireFurtherInformation.json',
    variables: {
      ...referral,
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      guidance: 'Please supply me with xxx test results',
      priority: 'TWO_WEEK_WAIT',
    },
  },
  {
    file: 'ReturnToReferrerWithAdvice.json',
    variables: {
      ...referral,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      recommendation: 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED',
      guidance: 'No evidence of serious problem: patient can be advised to xxx',
      priority: 'ROUTINE',
    },
  },
];

// A027 names the A&G request (UBRN and version) in its body.
const adviceAndGuidance = { ubrn: '000000070000', version: '3' };
const CONVERSIONS: Row[] = [
  {
    file: 'NoAttachments.json',
    variables: {
      ...adviceAndGuidance,
      guidance: 'I have converted this to send the patient to one of our services',
      priority: 'ROUTINE',
      reviewComment: "Refer this patient to our 'xxx' service please as soon as possible",
    },
  },
  {
    file: 'WithAttachments.json',
    variables: {
      ...adviceAndGuidance,
      guidance: 'Patient booked into our service. See attachment for best initial medication',
      priority: 'ROUTINE',
      reviewComment: "Book patient to 'xxx' service to include attached file as referral letter",
      guidanceAttachments: [{ url: 'Binary/badaf6fc-90f4-411d-999f-04ccd79fa166', description: 'Initial medication' }],
      referralAttachments: [{ url: 'Binary/38dc19ab-893f-47ca-8db0-2d0a07c0e387', description: 'Referral letter' }],
    },
  },
];

const MUTATIONS: Mutation[] = [
  mutation({
    name: 'createReferral',
    inputType: 'CreateReferralInput',
    endpoint: 'A011',
    dir: 'createReferral',
    rows: CREATE_REFERRAL,
    body: (input: InputOf<typeof createReferralBody>) => createReferralBody(input, BASE),
  }),
  mutation({
    name: 'createReferralAndSendForTriage',
    inputType: 'CreateReferralAndSendForTriageInput',
    endpoint: 'A021',
    dir: 'createReferralAndSendForTriage',
    rows: SEND_FOR_TRIAGE,
    body: (input: InputOf<typeof createReferralAndSendForTriageBody>) => createReferralAndSendForTriageBody(input, BASE),
  }),
  mutation({
    name: 'changeShortlist',
    inputType: 'ChangeShortlistInput',
    endpoint: 'A031',
    dir: 'changeShortlist',
    rows: CHANGE_SHORTLIST,
    check: versionChecked,
    body: (input: InputOf<typeof changeShortlistBody>) => changeShortlistBody(input, BASE),
  }),
  mutation({
    name: 'changeShortlistAndSendForTriage',
    inputType: 'ChangeShortlistAndSendForTriageInput',
    endpoint: 'A032',
    dir: 'changeShortlistAndSendForTriage',
    rows: CHANGE_SHORTLIST_FOR_TRIAGE,
    check: versionChecked,
    body: (input: InputOf<typeof changeShortlistAndSendForTriageBody>) => changeShortlistAndSendForTriageBody(input, BASE),
  }),
  mutation({
    name: 'attachReferralLetters',
    inputType: 'AttachReferralLettersInput',
    endpoint: 'A012',
    dir: 'maintainReferralLetter',
    rows: LETTERS,
    check: versionChecked,
    body: (input: InputOf<typeof attachReferralLettersBody>) => attachReferralLettersBody(input, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
  mutation({
    name: 'bookAppointment',
    inputType: 'BookAppointmentInput',
    endpoint: 'A016',
    dir: 'bookOrDeferAppointment',
    rows: BOOKINGS,
    check: checkAppointmentTarget,
    body: (input: InputOf<typeof bookAppointmentBody>, { facts }) => bookAppointmentBody(input, facts.patientNhsNumber, facts.slot),
  }),
  mutation({
    name: 'deferAppointment',
    inputType: 'DeferAppointmentInput',
    endpoint: 'A016',
    dir: 'bookOrDeferAppointment',
    rows: DEFERRALS,
    check: checkAppointmentTarget,
    body: (input: InputOf<typeof deferAppointmentBody>, { facts }) => deferAppointmentBody(input, facts.patientNhsNumber),
  }),
  mutation({
    name: 'sendReferralForTriage',
    inputType: 'SendReferralForTriageInput',
    endpoint: 'A016',
    dir: 'bookOrDeferAppointment',
    rows: TRIAGE_REFERRALS,
    check: checkAppointmentTarget,
    body: (input: InputOf<typeof sendReferralForTriageBody>, { facts }) => sendReferralForTriageBody(input, facts.patientNhsNumber),
  }),
  mutation({
    name: 'cancelAppointment',
    inputType: 'CancelAppointmentInput',
    endpoint: 'A034',
    dir: 'updateAppointment',
    rows: CANCEL_APPOINTMENT,
    check: checkCancelAppointment,
    body: (input: InputOf<typeof cancelAppointmentBody>, { facts }) => cancelAppointmentBody(input, facts, BASE),
  }),
  mutation({
    name: 'cancelReferral',
    inputType: 'CancelReferralInput',
    endpoint: 'A036',
    dir: 'cancelReferral',
    rows: CANCEL_REFERRAL,
    check: versionChecked,
    body: (input: InputOf<typeof cancelReferralBody>) => cancelReferralBody(input, BASE),
    asExampleMeans: withUsualPlaceholder,
  }),
  mutation({
    name: 'rejectReferral',
    inputType: 'RejectReferralInput',
    endpoint: 'A014',
    dir: 'rejectReferral',
    rows: REJECT,
    check: versionChecked,
    body: (input: InputOf<typeof rejectReferralBody>) => rejectReferralBody(input, BASE),
    asExampleMeans: withUsualPlaceholder,
  }),
  mutation({
    name: 'cancelAppointmentActionLater',
    inputType: 'CancelAppointmentActionLaterInput',
    endpoint: 'A022',
    dir: 'cancelAppointmentActionLater',
    rows: ACTION_LATER,
    check: versionChecked,
    body: (input: InputOf<typeof cancelAppointmentActionLaterBody>) => cancelAppointmentActionLaterBody(input, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
  mutation({
    name: 'recordTriageOutcome',
    inputType: 'RecordTriageOutcomeInput',
    endpoint: 'A028',
    dir: 'recordTriageOutcome',
    rows: TRIAGE_OUTCOMES,
    check: versionChecked,
    body: (input: InputOf<typeof recordTriageOutcomeBody>) => recordTriageOutcomeBody(input, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
  mutation({
    name: 'createAdviceAndGuidance',
    inputType: 'CreateAdviceAndGuidanceInput',
    endpoint: 'A044',
    dir: 'createAdviceAndGuidance',
    rows: CREATE_ADVICE,
    body: (input: InputOf<typeof createAdviceAndGuidanceBody>) => createAdviceAndGuidanceBody(input, BASE, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
  mutation({
    name: 'respondToAdviceAndGuidance',
    inputType: 'RespondToAdviceAndGuidanceInput',
    endpoint: 'A026',
    dir: 'sendAdviceAndGuidanceResponse',
    rows: GUIDANCE,
    check: versionChecked,
    body: (input: InputOf<typeof respondToAdviceAndGuidanceBody>) => respondToAdviceAndGuidanceBody(input, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
  mutation({
    name: 'convertAdviceAndGuidanceToReferral',
    inputType: 'ConvertAdviceAndGuidanceInput',
    endpoint: 'A027',
    dir: 'convertAdviceAndGuidanceToReferral',
    rows: CONVERSIONS,
    check: versionChecked,
    body: (input: InputOf<typeof convertAdviceAndGuidanceBody>) => convertAdviceAndGuidanceBody(input, INDEXED_AT),
    asExampleMeans: withIndexedAt,
  }),
];

/** The variables as the server's resolver receives them: coerced against the schema, defaults applied (throws if not valid input). */
function coerced(inputType: string, variables: Variables): unknown {
  const type = schema.getType(inputType);
  if (!type) throw new Error(`schema/schema.graphql has no type ${inputType}`);
  return coerceInputValue(variables, type as GraphQLInputType);
}

const DIRS = [...new Set(MUTATIONS.map((m) => m.dir))];
const ROWS = MUTATIONS.flatMap((m) => m.rows.map((row) => [`${m.endpoint} ${m.name} ${row.file}`, m, row] as const));
const CASES = ROWS.filter(([, , row]) => !row.refusedBySchema);
const REFUSED = ROWS.filter(([, , row]) => row.refusedBySchema);

(SPEC_DIR ? describe : describe.skip)(
  SPEC_DIR
    ? 'write mutations against the e-RS request examples'
    : 'write mutations against the e-RS request examples (skipped: set ERS_SPEC_DIR)',
  () => {
    // One row per request example, so an example added to the spec cannot go unchecked.
    it.each(DIRS)('has a row for every %s request example', (dir) => {
      const files = readdirSync(join(SPEC_DIR!, 'components/stu3/examples', dir, 'requests')).filter((f) => f.endsWith('.json'));
      const rows = MUTATIONS.filter((m) => m.dir === dir).flatMap((m) => m.rows.map((row) => row.file));
      expect(rows.sort()).toStrictEqual(files.sort());
    });

    it.each(MUTATIONS.map((m) => [m.name, m.inputType] as const))('%s takes its input as %s!', (name, inputType) => {
      const input = schema
        .getMutationType()!
        .getFields()
        [name]?.args.find((arg) => arg.name === 'input');
      expect(String(input?.type)).toBe(`${inputType}!`);
    });

    it.each(CASES)('%s: the GraphQL input is accepted and sends the example', (_title, m, row) => {
      const input = coerced(m.inputType, row.variables) as never;
      let body: FhirResource | undefined;
      expect(() => {
        m.check(input);
        body = m.body(input, row as never);
      }).not.toThrow();
      const normalise = row.normalise ?? ((b: Body) => b);
      expect(normalise(body as Body)).toStrictEqual(normalise(m.asExampleMeans(example(m.dir, row.file))));
    });

    it.each(REFUSED)('%s: e-RS refuses this request, and the GraphQL schema refuses it before any call', (_title, m, row) => {
      expect(() => coerced(m.inputType, row.variables)).toThrow(row.refusedBySchema!);
    });
  },
);
