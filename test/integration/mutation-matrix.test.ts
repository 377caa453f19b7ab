/**
 * The per-mutation test matrix: every mutation, over the real simulator and server, in six cases
 * (happy path, refused role, stale version, invalid input, e-RS 422, idempotent replay).
 *
 * Adding a mutation = adding one `MutationRow` to ROWS; the cases are generated from it:
 *  - `fresh(h)` returns a new subject in the state the mutation acts on: a world referral picked
 *    with `pickReferral` (its UBRN is then never used again in this file) or one made through
 *    GraphQL (`newReferral`, `newAdvice`). Create mutations return the data they need instead.
 *  - `input(s)` is the happy input; `expectPayload` / `followUp` assert the new state, the latter
 *    with a separate query (`referral(ubrn)`, `adviceAndGuidance(ubrn)` or a worklist).
 *  - `kind` names what `snapshot` reads to prove a refused stale write changed nothing; `stale:
 *    false` (with the reason) for mutations whose input has no version.
 *  - `invalid` maps a description to an input the server must refuse before calling e-RS.
 *  - `unprocessable` provokes a real e-RS business rule of the simulator (no fault injection),
 *    one the server cannot see coming, and names the e-RS code and the `extensions.code` it maps to.
 *  - `vary(input)` changes the meaning of an input (same idempotency key, other input); by default
 *    the version.
 */
import { Harness, startHarness, USERS } from '../helpers/harness';

type Input = Record<string, unknown>;
/** What a mutation acts on: `ubrn` and `version` when it acts on an existing request, plus row extras. */
type Subject = Record<string, string>;
type Payload = Record<string, any>;

interface MutationRow {
  /** The Mutation field. */
  name: string;
  /** The e-RS endpoint the role gate refuses with. */
  endpoint: string;
  document: string;
  /** A user whose role may act, and one whose role may not. */
  actor: string;
  refusedActor: string;
  /** What `ubrn` names: read back to show a refused write changed nothing. */
  kind: 'referral' | 'adviceAndGuidance';
  fresh(h: Harness): Promise<Subject>;
  input(s: Subject): Input;
  expectPayload(payload: Payload, s: Subject): void;
  followUp(h: Harness, payload: Payload, s: Subject): Promise<void>;
  /** false (with a comment why) when the input carries no version. */
  stale?: false;
  invalid: Record<string, (s: Subject) => Input>;
  unprocessable: { fresh?: (h: Harness) => Promise<Subject>; input: (s: Subject) => Input; ersCode: string; code: string };
  vary?: (input: Input) => Input;
}

const CARDIOLOGY_BOOKABLE = '30001';
const CARDIOLOGY_ADVICE = '30007';
const DERMATOLOGY_BOOKABLE = '30101';
const LONG_COMMENT = 'x'.repeat(2001);

// ---- subjects -------------------------------------------------------------------------------

const usedUbrns = new Set<string>();
type WorldReferral = Harness['simulator']['world']['referrals'][number];

/** A world referral matching the predicate that no other test in this file has used. */
function pickReferral(h: Harness, what: string, predicate: (r: WorldReferral) => boolean): Subject {
  const referral = h.simulator.world.referrals.find((r) => !usedUbrns.has(r.ubrn) && predicate(r));
  if (!referral) throw new Error(`No unused referral left: ${what}`);
  usedUbrns.add(referral.ubrn);
  return { ubrn: referral.ubrn, version: String(referral.versionId), priority: referral.priority };
}

/** Booked into a directly bookable service and not yet reviewed: what A013 / A014 act on. */
function awaitingReview(h: Harness): Subject {
  const { world } = h.simulator;
  return pickReferral(
    h,
    'booked, awaiting review, directly bookable',
    (r) =>
      r.status === 'active' &&
      r.state === 'BOOKED' &&
      r.acceptedAt === undefined &&
      r.appointment?.status === 'booked' &&
      world.services.find((s) => s.id === r.appointment!.serviceId)?.bookableType === 'DIRECTLY_BOOKABLE',
  );
}

async function ok(h: Harness, query: string, variables: Input, user: string): Promise<Payload> {
  const result = await h.query(query, variables, { user });
  expect(result.errors).toBeUndefined();
  return result.data!;
}

/** A new NOT_BOOKED referral to one directly bookable cardiology service, made through GraphQL. */
async function newReferral(h: Harness, referralLetter = 'NOT_INTENDING_TO_ADD'): Promise<Subject> {
  const data = await ok(
    h,
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn version } } }`,
    {
      input: {
        patientNhsNumber: h.simulator.world.patients[3].nhsNumber,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [CARDIOLOGY_BOOKABLE],
        referralLetter,
      },
    },
    USERS.referrer,
  );
  return { ...data.createReferral.referral, serviceId: CARDIOLOGY_BOOKABLE };
}

/** The cardiology triage service of the world (request flow REVIEW). */
function triageService(h: Harness): string {
  return h.simulator.world.services.find((s) => s.specialty === 'CARDIOLOGY' && s.requestFlows.includes('REVIEW'))!.id;
}

/** A new NOT_BOOKED referral with the cardiology bookable and triage services shortlisted. */
async function newTriageableReferral(h: Harness): Promise<Subject> {
  const triage = triageService(h);
  const data = await ok(
    h,
    `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn version } } }`,
    {
      input: {
        patientNhsNumber: h.simulator.world.patients[3].nhsNumber,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [CARDIOLOGY_BOOKABLE, triage],
        referralLetter: 'NOT_INTENDING_TO_ADD',
      },
    },
    USERS.referrer,
  );
  return { ...data.createReferral.referral, serviceId: triage };
}

/** A new referral booked into the first free slot of its directly bookable service, made through GraphQL. */
async function newBookedReferral(h: Harness): Promise<Subject> {
  const s = await withFreeSlot(h, await newReferral(h));
  const data = await ok(
    h,
    `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { referral { version } } }`,
    { input: { ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, slotId: s.slotId } },
    USERS.referrer,
  );
  return { ...s, version: data.bookAppointment.referral.version };
}

/** The first free slot of the referral's service (Referral.slots, e-RS A015). */
async function withFreeSlot(h: Harness, s: Subject): Promise<Subject> {
  const data = await ok(
    h,
    `query($ubrn: UBRN!, $service: ServiceId!) { referral(ubrn: $ubrn) { slots(serviceId: $service, first: 1) { edges { node { id } } } } }`,
    { ubrn: s.ubrn, service: s.serviceId },
    USERS.referrer,
  );
  return { ...s, slotId: data.referral.slots.edges[0].node.id };
}

/** Cancels a referral as the referrer (setup for rules about ended referrals). */
async function cancelled(h: Harness, s: Subject): Promise<Subject> {
  const data = await ok(
    h,
    `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { version } } }`,
    { input: { ubrn: s.ubrn, version: s.version, reason: 'TREATMENT_NO_LONGER_REQUIRED' } },
    USERS.referrer,
  );
  return { ...s, version: data.cancelReferral.referral.version };
}

/** Uploads a small text file for the request with POST /attachments, as a browser would; returns its Binary/… url. */
async function upload(h: Harness, ubrn: string, user: string, fileName: string): Promise<string> {
  const form = new FormData();
  form.append('referralId', ubrn);
  form.append('file', new Blob(['Dear colleague, please see this patient.']), fileName);
  const response = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
    method: 'POST',
    headers: { Authorization: `Bearer ${await h.idToken(user)}` },
    body: form,
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { attachment: { url: string } }).attachment.url;
}

/** A new A&G request (PROVIDER_RESPONSE_REQUIRED) to the cardiology A&G service, made through GraphQL. */
async function newAdvice(h: Harness, providerMayConvert = true): Promise<Subject> {
  const data = await ok(
    h,
    `mutation($input: CreateAdviceAndGuidanceInput!) { createAdviceAndGuidance(input: $input) { adviceAndGuidance { ubrn version } } }`,
    {
      input: {
        patientNhsNumber: h.simulator.world.patients[5].nhsNumber,
        serviceId: CARDIOLOGY_ADVICE,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        request: 'Palpitations despite beta blockers: is a referral needed?',
        providerMayConvert,
      },
    },
    USERS.referrer,
  );
  return data.createAdviceAndGuidance.adviceAndGuidance;
}

const RESPOND = `mutation($input: RespondToAdviceAndGuidanceInput!) { respondToAdviceAndGuidance(input: $input) { adviceAndGuidance { ubrn version conversationStatus } } }`;

// ---- follow-up reads ------------------------------------------------------------------------

async function readReferral(h: Harness, ubrn: string, user: string): Promise<Payload> {
  return (
    await ok(
      h,
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn version status state { state reason { code } } attachments { title } convertedFromAdviceAndGuidanceUbrn } }`,
      { ubrn },
      user,
    )
  ).referral;
}

async function readAdvice(h: Harness, ubrn: string, user: string): Promise<Payload> {
  return (await ok(h, `query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { ubrn version conversationStatus } }`, { ubrn }, user))
    .adviceAndGuidance;
}

async function worklistUbrns(h: Harness, type: string, user: string): Promise<string[]> {
  const data = await ok(
    h,
    `query($type: ReferralWorklistType!) { referralWorklist(type: $type, first: 500) { edges { node { ubrn } } } }`,
    { type },
    user,
  );
  return data.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn);
}

/** What a refused write must leave alone: version and state of the subject. */
async function snapshot(h: Harness, row: MutationRow, ubrn: string): Promise<Payload> {
  if (row.kind === 'referral') {
    const r = await readReferral(h, ubrn, row.actor);
    return { version: r.version, state: r.state, attachments: r.attachments };
  }
  return readAdvice(h, ubrn, row.actor);
}

// ---- the matrix -----------------------------------------------------------------------------

const ROWS: MutationRow[] = [
  {
    name: 'createReferral',
    endpoint: 'A011',
    document: `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn version state { state } shortlistEntries { serviceId } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => ({ patient: h.simulator.world.patients[4].nhsNumber }),
    input: (s) => ({
      patientNhsNumber: s.patient,
      priority: 'ROUTINE',
      specialty: 'CARDIOLOGY',
      shortlist: [CARDIOLOGY_BOOKABLE],
      referralLetter: 'NEED_TO_ADD_LATER',
    }),
    expectPayload: (p) =>
      expect(p.createReferral.referral).toMatchObject({
        state: { state: 'NOT_BOOKED' },
        shortlistEntries: [{ serviceId: CARDIOLOGY_BOOKABLE }],
      }),
    followUp: async (h, p) => {
      const { ubrn } = p.createReferral.referral;
      expect(await readReferral(h, ubrn, USERS.referrer)).toMatchObject({ ubrn, state: { state: 'NOT_BOOKED' } });
      expect(await worklistUbrns(h, 'LETTERS_OUTSTANDING', USERS.referrer)).toContain(ubrn);
    },
    // A011 creates a referral: there is no version to be stale.
    stale: false,
    invalid: {
      'an NHS number failing its check digit': () => ({
        patientNhsNumber: '1234567890',
        priority: 'ROUTINE',
        shortlist: [CARDIOLOGY_BOOKABLE],
      }),
      'an empty shortlist': (s) => ({ patientNhsNumber: s.patient, priority: 'ROUTINE', shortlist: [] }),
    },
    // The server cannot know a service's specialty: e-RS refuses one outside the search criteria.
    unprocessable: {
      input: (s) => ({ patientNhsNumber: s.patient, priority: 'ROUTINE', specialty: 'CARDIOLOGY', shortlist: [DERMATOLOGY_BOOKABLE] }),
      ersCode: 'SHORTLISTED_SERVICE_NOT_IN_RESULTS',
      code: 'UNPROCESSABLE',
    },
    vary: (input) => ({ ...input, priority: 'URGENT' }),
  },
  {
    name: 'attachReferralLetters',
    endpoint: 'A012',
    document: `mutation($input: AttachReferralLettersInput!) { attachReferralLetters(input: $input) { referral { ubrn version attachments { title } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => {
      const s = await newReferral(h, 'NEED_TO_ADD_LATER');
      return { ...s, url: await upload(h, s.ubrn, USERS.referrer, 'referral-letter.txt') };
    },
    input: (s) => ({ ubrn: s.ubrn, version: s.version, letters: [{ url: s.url, description: 'Referral letter' }] }),
    expectPayload: (p) => expect(p.attachReferralLetters.referral.attachments).toEqual([{ title: 'referral-letter.txt' }]),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).attachments).toEqual([{ title: 'referral-letter.txt' }]);
      expect(await worklistUbrns(h, 'LETTERS_OUTSTANDING', USERS.referrer)).not.toContain(s.ubrn);
    },
    invalid: {
      'a letter that is not a Binary/… reference': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        letters: [{ url: 'https://example.org/letter.pdf' }],
      }),
      'no letters': (s) => ({ ubrn: s.ubrn, version: s.version, letters: [] }),
    },
    // An ended referral's letter cannot change: only e-RS knows the state.
    unprocessable: {
      fresh: async (h) => {
        const s = await cancelled(h, await newReferral(h, 'NEED_TO_ADD_LATER'));
        return { ...s, url: await upload(h, s.ubrn, USERS.referrer, 'late-letter.txt') };
      },
      input: (s) => ({ ubrn: s.ubrn, version: s.version, letters: [{ url: s.url }] }),
      ersCode: 'INVALID_REQUEST_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'acceptReferral',
    endpoint: 'A013',
    document: `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ubrn version state { state } } } }`,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'referral',
    fresh: async (h) => awaitingReview(h),
    input: (s) => ({ ubrn: s.ubrn, version: s.version }),
    expectPayload: (p, s) => {
      expect(p.acceptReferral.referral.state.state).toBe('BOOKED');
      expect(Number(p.acceptReferral.referral.version)).toBe(Number(s.version) + 1);
    },
    followUp: async (h, p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.providerClinician)).version).toBe(p.acceptReferral.referral.version);
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).not.toContain(s.ubrn);
    },
    invalid: {
      'a non-numeric version': (s) => ({ ubrn: s.ubrn, version: 'latest' }),
      'a malformed UBRN': () => ({ ubrn: '123', version: '1' }),
    },
    unprocessable: {
      fresh: async (h) => pickReferral(h, 'cancelled referral', (r) => r.state === 'CANCELLED_REFERRAL'),
      input: (s) => ({ ubrn: s.ubrn, version: s.version }),
      ersCode: 'INVALID_REQUEST_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'rejectReferral',
    endpoint: 'A014',
    document: `mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { referral { ubrn version state { state reason { code } } } } }`,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'referral',
    fresh: async (h) => awaitingReview(h),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      reason: 'FURTHER_INFORMATION_REQUIRED',
      comment: 'Please include recent blood results.',
    }),
    expectPayload: (p) =>
      expect(p.rejectReferral.referral.state).toEqual({ state: 'REJECTED', reason: { code: 'FURTHER_INFORMATION_REQUIRED' } }),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('REJECTED');
      expect(await worklistUbrns(h, 'REJECTED_TRIAGE_RESPONSE', USERS.referrer)).toContain(s.ubrn);
    },
    invalid: {
      // A real APPOINTMENT-CANCELLATION-REASON, but of type PROVIDER: not among the rejection reasons.
      'a cancellation reason that is not a rejection reason': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        reason: 'CLINIC_CANCELLED',
        comment: 'Clinic closed.',
      }),
      'a comment over 2000 characters': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        reason: 'FURTHER_INFORMATION_REQUIRED',
        comment: LONG_COMMENT,
      }),
    },
    // The server sends any rejection; only e-RS knows the referral has ended.
    unprocessable: {
      fresh: async (h) => pickReferral(h, 'cancelled referral', (r) => r.state === 'CANCELLED_REFERRAL'),
      input: (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'SERVICE_INAPPROPRIATE' }),
      ersCode: 'INVALID_REQUEST_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'bookAppointment',
    endpoint: 'A016',
    document: `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { status } referral { ubrn version state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => withFreeSlot(h, await newReferral(h)),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, slotId: s.slotId }),
    expectPayload: (p) =>
      expect(p.bookAppointment).toMatchObject({ appointment: { status: 'BOOKED' }, referral: { state: { state: 'BOOKED' } } }),
    followUp: async (h, _p, s) => {
      // bookedService is read with A033, a referrer-only endpoint.
      const read = await ok(
        h,
        `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { state { state } bookedService { id } } }`,
        { ubrn: s.ubrn },
        USERS.referrer,
      );
      expect(read.referral).toEqual({ state: { state: 'BOOKED' }, bookedService: { id: s.serviceId } });
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(s.ubrn);
    },
    invalid: {
      'a slot id with path characters': (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, slotId: '../Slot/1' }),
      'a service id that is not an e-RS id': (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: 'cardiology', slotId: s.slotId }),
    },
    // The server finds the slot free and the service shortlisted; only e-RS knows the referral has ended.
    unprocessable: {
      fresh: async (h) => withFreeSlot(h, await cancelled(h, await newReferral(h))),
      input: (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, slotId: s.slotId }),
      ersCode: 'INVALID_REQUEST_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'deferAppointment',
    endpoint: 'A016',
    document: `mutation($input: DeferAppointmentInput!) { deferAppointment(input: $input) { appointment { status } referral { ubrn version state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => newReferral(h),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      serviceId: s.serviceId,
      reason: 'BOOKING_ATTEMPT_PROBLEM',
      comment: 'Booking timed out twice.',
    }),
    expectPayload: (p) => expect(p.deferAppointment.referral.state.state).toBe('DEFERRED_TO_PROVIDER'),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('DEFERRED_TO_PROVIDER');
      expect(await worklistUbrns(h, 'APPOINTMENT_SLOT_ISSUES', USERS.providerClinician)).toContain(s.ubrn);
    },
    invalid: {
      'a service id that is not an e-RS id': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        serviceId: 'cardiology',
        reason: 'BOOKING_ATTEMPT_PROBLEM',
      }),
      'a comment over 2000 characters': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        serviceId: s.serviceId,
        reason: 'BOOKING_ATTEMPT_PROBLEM',
        comment: LONG_COMMENT,
      }),
    },
    // e-RS knows the service still has free slots, so "no slots" is not a reason to defer.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, reason: 'NO_SLOTS_AT_SERVICE' }),
      ersCode: 'SLOTS_CURRENTLY_AVAILABLE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'recordTriageOutcome',
    endpoint: 'A028',
    document: `mutation($input: RecordTriageOutcomeInput!) { recordTriageOutcome(input: $input) { referral { ubrn version state { state } } } }`,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'referral',
    fresh: async (h) => pickReferral(h, 'awaiting triage', (r) => r.status === 'active' && r.state === 'AWAITING_TRIAGE'),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      comment: 'Please arrange an ECG first.',
    }),
    expectPayload: (p) => expect(p.recordTriageOutcome.referral.state.state).toBe('TRIAGE_RESPONSE'),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('TRIAGE_RESPONSE');
      expect(await worklistUbrns(h, 'REJECTED_TRIAGE_RESPONSE', USERS.referrer)).toContain(s.ubrn);
    },
    invalid: {
      'a blank comment': (s) => ({ ubrn: s.ubrn, version: s.version, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: '   ' }),
      'an outcome outside the enum': (s) => ({ ubrn: s.ubrn, version: s.version, outcome: 'MAYBE_LATER', comment: 'x' }),
    },
    // Returning with advice keeps the priority: e-RS refuses a new one.
    unprocessable: {
      input: (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        comment: 'Please arrange an ECG first.',
        priority: s.priority === 'URGENT' ? 'ROUTINE' : 'URGENT',
      }),
      ersCode: 'PRIORITY_NOT_CURRENT',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'cancelReferral',
    endpoint: 'A036',
    document: `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { ubrn version status state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerAdminOnly,
    kind: 'referral',
    fresh: async (h) => pickReferral(h, 'not booked', (r) => r.status === 'active' && r.state === 'NOT_BOOKED'),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'TREATMENT_NO_LONGER_REQUIRED', comment: 'Patient prefers to wait.' }),
    expectPayload: (p) => expect(p.cancelReferral.referral).toMatchObject({ status: 'CANCELLED', state: { state: 'CANCELLED_REFERRAL' } }),
    followUp: async (h, _p, s) =>
      expect(await readReferral(h, s.ubrn, USERS.referrer)).toMatchObject({
        status: 'CANCELLED',
        state: { state: 'CANCELLED_REFERRAL', reason: { code: 'TREATMENT_NO_LONGER_REQUIRED' } },
      }),
    invalid: {
      'a reason that is not a code': (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'patient declined' }),
    },
    // A real REFERRAL-CANCELLATION-REASON that only provider roles may use.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'BOOKED_OUTSIDE_CAB', comment: 'Seen privately.' }),
      ersCode: 'INAPPROPRIATE_VALUE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'createAdviceAndGuidance',
    endpoint: 'A044',
    document: `mutation($input: CreateAdviceAndGuidanceInput!) { createAdviceAndGuidance(input: $input) { adviceAndGuidance { ubrn version conversationStatus } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'adviceAndGuidance',
    fresh: async (h) => ({ patient: h.simulator.world.patients[6].nhsNumber }),
    input: (s) => ({
      patientNhsNumber: s.patient,
      serviceId: CARDIOLOGY_ADVICE,
      priority: 'ROUTINE',
      specialty: 'CARDIOLOGY',
      request: 'Is a referral needed for isolated ectopics?',
    }),
    expectPayload: (p) => expect(p.createAdviceAndGuidance.adviceAndGuidance.conversationStatus).toBe('PROVIDER_RESPONSE_REQUIRED'),
    followUp: async (h, p) => {
      const { ubrn } = p.createAdviceAndGuidance.adviceAndGuidance;
      expect(await readAdvice(h, ubrn, USERS.providerClinician)).toMatchObject({
        ubrn,
        conversationStatus: 'PROVIDER_RESPONSE_REQUIRED',
      });
    },
    // A044 creates a request: there is no version to be stale.
    stale: false,
    invalid: {
      'a blank request': (s) => ({ patientNhsNumber: s.patient, serviceId: CARDIOLOGY_ADVICE, priority: 'ROUTINE', request: ' ' }),
      'a service id that is not an e-RS id': (s) => ({
        patientNhsNumber: s.patient,
        serviceId: 'cardiology',
        priority: 'ROUTINE',
        request: 'Question?',
      }),
    },
    // A bookable clinic does not offer advice and guidance; only e-RS knows the service's flows.
    unprocessable: {
      input: (s) => ({
        patientNhsNumber: s.patient,
        serviceId: CARDIOLOGY_BOOKABLE,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        request: 'Question?',
      }),
      ersCode: 'INAPPROPRIATE_VALUE',
      code: 'UNPROCESSABLE',
    },
    vary: (input) => ({ ...input, request: 'Another question entirely.' }),
  },
  {
    name: 'respondToAdviceAndGuidance',
    endpoint: 'A026',
    document: RESPOND,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'adviceAndGuidance',
    fresh: async (h) => newAdvice(h),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      outcome: 'REQUIRE_FURTHER_INFORMATION',
      guidance: 'Please send a recent ECG.',
      priority: 'ROUTINE',
    }),
    expectPayload: (p) =>
      expect(p.respondToAdviceAndGuidance.adviceAndGuidance.conversationStatus).toBe('REFERRER_TO_SUBMIT_FURTHER_INFORMATION'),
    followUp: async (h, _p, s) =>
      expect((await readAdvice(h, s.ubrn, USERS.referrer)).conversationStatus).toBe('REFERRER_TO_SUBMIT_FURTHER_INFORMATION'),
    invalid: {
      'advice without a recommendation': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        guidance: 'Try X.',
        priority: 'ROUTINE',
      }),
      'a blank guidance': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        outcome: 'REQUIRE_FURTHER_INFORMATION',
        guidance: '',
        priority: 'ROUTINE',
      }),
    },
    // Already answered: the request is no longer awaiting the provider (the version is current).
    unprocessable: {
      fresh: async (h) => {
        const s = await newAdvice(h);
        const data = await ok(
          h,
          RESPOND,
          {
            input: {
              ubrn: s.ubrn,
              version: s.version,
              outcome: 'REQUIRE_FURTHER_INFORMATION',
              guidance: 'More please.',
              priority: 'ROUTINE',
            },
          },
          USERS.providerClinician,
        );
        return { ...s, version: data.respondToAdviceAndGuidance.adviceAndGuidance.version };
      },
      input: (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        outcome: 'REQUIRE_FURTHER_INFORMATION',
        guidance: 'Still more please.',
        priority: 'ROUTINE',
      }),
      ersCode: 'INVALID_REQUEST_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'convertAdviceAndGuidanceToReferral',
    endpoint: 'A027',
    document: `mutation($input: ConvertAdviceAndGuidanceInput!) { convertAdviceAndGuidanceToReferral(input: $input) {
      referral { ubrn version state { state } convertedFromAdviceAndGuidanceUbrn } adviceAndGuidance { ubrn version conversationStatus } } }`,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'adviceAndGuidance',
    fresh: async (h) => newAdvice(h),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      guidance: 'Refer to cardiology clinic.',
      priority: 'URGENT',
      reviewComment: 'Book into the next clinic.',
    }),
    expectPayload: (p, s) =>
      expect(p.convertAdviceAndGuidanceToReferral).toMatchObject({
        referral: { state: { state: 'TRIAGED_PROVIDER_TO_ACTION' }, convertedFromAdviceAndGuidanceUbrn: s.ubrn },
        adviceAndGuidance: { ubrn: s.ubrn, conversationStatus: 'ADVICE_CONVERTED' },
      }),
    followUp: async (h, p, s) => {
      const { ubrn } = p.convertAdviceAndGuidanceToReferral.referral;
      expect(await readReferral(h, ubrn, USERS.referrer)).toMatchObject({
        state: { state: 'TRIAGED_PROVIDER_TO_ACTION' },
        convertedFromAdviceAndGuidanceUbrn: s.ubrn,
      });
      expect((await readAdvice(h, s.ubrn, USERS.referrer)).conversationStatus).toBe('ADVICE_CONVERTED');
    },
    invalid: {
      'a blank review comment': (s) => ({ ubrn: s.ubrn, version: s.version, guidance: 'Refer.', priority: 'URGENT', reviewComment: ' ' }),
      'a priority outside the enum': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        guidance: 'Refer.',
        priority: 'WHENEVER',
        reviewComment: 'Book.',
      }),
    },
    // The referrer did not authorise conversion: recorded only in e-RS.
    unprocessable: {
      fresh: async (h) => newAdvice(h, false),
      input: (s) => ({ ubrn: s.ubrn, version: s.version, guidance: 'Refer.', priority: 'URGENT', reviewComment: 'Book.' }),
      ersCode: 'INVALID_STATE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'createReferralAndSendForTriage',
    endpoint: 'A021',
    document: `mutation($input: CreateReferralAndSendForTriageInput!) { createReferralAndSendForTriage(input: $input) { referral { ubrn version state { state } shortlistEntries { serviceId } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => ({ patient: h.simulator.world.patients[7].nhsNumber, triage: triageService(h) }),
    input: (s) => ({ patientNhsNumber: s.patient, priority: 'ROUTINE', specialty: 'CARDIOLOGY', triageServiceId: s.triage }),
    expectPayload: (p, s) =>
      expect(p.createReferralAndSendForTriage.referral).toMatchObject({
        state: { state: 'AWAITING_TRIAGE' },
        shortlistEntries: [{ serviceId: s.triage }],
      }),
    followUp: async (h, p) => {
      const { ubrn } = p.createReferralAndSendForTriage.referral;
      expect((await readReferral(h, ubrn, USERS.providerClinician)).state.state).toBe('AWAITING_TRIAGE');
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(ubrn);
    },
    // A021 creates a referral: there is no version to be stale.
    stale: false,
    invalid: {
      'an NHS number failing its check digit': (s) => ({ patientNhsNumber: '1234567890', priority: 'ROUTINE', triageServiceId: s.triage }),
      'a triage service id that is not an e-RS id': (s) => ({
        patientNhsNumber: s.patient,
        priority: 'ROUTINE',
        triageServiceId: 'triage',
      }),
    },
    // Only e-RS knows which services triage: a bookable clinic is refused.
    unprocessable: {
      input: (s) => ({ patientNhsNumber: s.patient, priority: 'ROUTINE', specialty: 'CARDIOLOGY', triageServiceId: CARDIOLOGY_BOOKABLE }),
      ersCode: 'INAPPROPRIATE_VALUE',
      code: 'UNPROCESSABLE',
    },
    vary: (input) => ({ ...input, priority: 'URGENT' }),
  },
  {
    name: 'changeShortlist',
    endpoint: 'A031',
    document: `mutation($input: ChangeShortlistInput!) { changeShortlist(input: $input) { referral { ubrn version state { state } shortlistEntries { serviceId } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => ({ ...(await newReferral(h)), triage: triageService(h) }),
    input: (s) => ({
      ubrn: s.ubrn,
      version: s.version,
      priority: 'ROUTINE',
      specialty: 'CARDIOLOGY',
      shortlist: [s.triage, CARDIOLOGY_BOOKABLE],
    }),
    expectPayload: (p, s) =>
      expect(p.changeShortlist.referral).toMatchObject({
        state: { state: 'NOT_BOOKED' },
        shortlistEntries: [{ serviceId: s.triage }, { serviceId: CARDIOLOGY_BOOKABLE }],
      }),
    followUp: async (h, p, s) => {
      const read = await ok(
        h,
        `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { version shortlistEntries { serviceId } } }`,
        { ubrn: s.ubrn },
        USERS.referrer,
      );
      expect(read.referral).toEqual({
        version: p.changeShortlist.referral.version,
        shortlistEntries: [{ serviceId: s.triage }, { serviceId: CARDIOLOGY_BOOKABLE }],
      });
    },
    invalid: {
      'a service listed twice': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        priority: 'ROUTINE',
        shortlist: [CARDIOLOGY_BOOKABLE, CARDIOLOGY_BOOKABLE],
      }),
      'a specialty that is not a code': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        priority: 'ROUTINE',
        specialty: 'heart stuff',
        shortlist: [CARDIOLOGY_BOOKABLE],
      }),
    },
    // The server cannot know a service's specialty: e-RS refuses one outside the search criteria.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, priority: 'ROUTINE', specialty: 'CARDIOLOGY', shortlist: [DERMATOLOGY_BOOKABLE] }),
      ersCode: 'SHORTLISTED_SERVICE_NOT_IN_RESULTS',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'changeShortlistAndSendForTriage',
    endpoint: 'A032',
    document: `mutation($input: ChangeShortlistAndSendForTriageInput!) { changeShortlistAndSendForTriage(input: $input) { appointment { status } referral { ubrn version state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => ({ ...(await newReferral(h)), triage: triageService(h) }),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, priority: 'ROUTINE', specialty: 'CARDIOLOGY', triageServiceId: s.triage }),
    expectPayload: (p) =>
      expect(p.changeShortlistAndSendForTriage).toMatchObject({
        appointment: { status: 'PROPOSED' },
        referral: { state: { state: 'AWAITING_TRIAGE' } },
      }),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('AWAITING_TRIAGE');
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(s.ubrn);
    },
    invalid: {
      'a triage service id that is not an e-RS id': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        priority: 'ROUTINE',
        triageServiceId: 'triage',
      }),
      'a clinic type that is not a code': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        priority: 'ROUTINE',
        clinicType: 'any clinic',
        triageServiceId: s.triage,
      }),
    },
    // Only e-RS knows which services triage: a bookable clinic is refused.
    unprocessable: {
      input: (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        triageServiceId: CARDIOLOGY_BOOKABLE,
      }),
      ersCode: 'INAPPROPRIATE_VALUE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'sendReferralForTriage',
    endpoint: 'A016',
    document: `mutation($input: SendReferralForTriageInput!) { sendReferralForTriage(input: $input) { appointment { status reviewReason { code } } referral { ubrn version state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => newTriageableReferral(h),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, comment: 'Chest pain on exertion.' }),
    expectPayload: (p) =>
      expect(p.sendReferralForTriage).toMatchObject({
        appointment: { status: 'PROPOSED', reviewReason: { code: 'TRIAGE' } },
        referral: { state: { state: 'AWAITING_TRIAGE' } },
      }),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('AWAITING_TRIAGE');
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(s.ubrn);
    },
    invalid: {
      'a service id that is not an e-RS id': (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: 'triage' }),
      'a comment over 2000 characters': (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: s.serviceId, comment: LONG_COMMENT }),
    },
    // The bookable clinic is on the shortlist, but only e-RS knows it does not triage.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, serviceId: CARDIOLOGY_BOOKABLE }),
      ersCode: 'INAPPROPRIATE_VALUE',
      code: 'UNPROCESSABLE',
    },
  },
  {
    name: 'cancelAppointment',
    endpoint: 'A034',
    document: `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { appointment { status cancellationReason { code } } referral { ubrn version state { state } } } }`,
    actor: USERS.referrer,
    refusedActor: USERS.providerClinician,
    kind: 'referral',
    fresh: async (h) => newBookedReferral(h),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'PATIENT_ILL' }),
    expectPayload: (p) =>
      expect(p.cancelAppointment).toMatchObject({
        appointment: { status: 'CANCELLED', cancellationReason: { code: 'PATIENT_ILL' } },
        referral: { state: { state: 'APPT_CANCELLED_BY_PATIENT' } },
      }),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state).toEqual({
        state: 'APPT_CANCELLED_BY_PATIENT',
        reason: { code: 'PATIENT_ILL' },
      });
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).not.toContain(s.ubrn);
    },
    invalid: {
      // A real APPOINTMENT-CANCELLATION-REASON, but one only providers give: not among a referrer's reasons.
      'a provider cancellation reason': (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'CLINIC_CANCELLED' }),
      'a comment over 2000 characters': (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'PATIENT_ILL', comment: LONG_COMMENT }),
    },
    // Which reasons need a comment is e-RS reference data (commentIsMandatory): e-RS refuses this one without.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, reason: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER' }),
      ersCode: 'MISSING_VALUE',
      code: 'UNPROCESSABLE',
    },
    vary: (input) => ({ ...input, reason: 'PATIENT_HOLIDAY' }),
  },
  {
    name: 'cancelAppointmentActionLater',
    endpoint: 'A022',
    document: `mutation($input: CancelAppointmentActionLaterInput!) { cancelAppointmentActionLater(input: $input) { referral { ubrn version state { state reason { code } } } } }`,
    actor: USERS.providerClinician,
    refusedActor: USERS.referrer,
    kind: 'referral',
    fresh: async (h) => newBookedReferral(h),
    input: (s) => ({ ubrn: s.ubrn, version: s.version, comment: 'Needs a longer slot: please rebook.' }),
    expectPayload: (p) =>
      expect(p.cancelAppointmentActionLater.referral.state).toEqual({
        state: 'TRIAGED_PROVIDER_TO_ACTION',
        reason: { code: 'CANCEL_APPOINTMENT_ACTION_LATER' },
      }),
    followUp: async (h, _p, s) => {
      expect((await readReferral(h, s.ubrn, USERS.referrer)).state.state).toBe('TRIAGED_PROVIDER_TO_ACTION');
      expect(await worklistUbrns(h, 'REFERRALS_FOR_REVIEW', USERS.providerClinician)).not.toContain(s.ubrn);
    },
    invalid: {
      'a blank comment': (s) => ({ ubrn: s.ubrn, version: s.version, comment: ' ' }),
      'an attachment that is not a Binary/… reference': (s) => ({
        ubrn: s.ubrn,
        version: s.version,
        comment: 'Rebook.',
        attachments: [{ url: 'file:///etc/passwd' }],
      }),
    },
    // Directly bookable: only e-RS knows the PAS flag is not allowed for this service.
    unprocessable: {
      input: (s) => ({ ubrn: s.ubrn, version: s.version, comment: 'Rebook.', appointmentCancelledInPas: true }),
      ersCode: 'FIELD_NOT_PERMITTED',
      code: 'UNPROCESSABLE',
    },
  },
];

// ---- the cases ------------------------------------------------------------------------------

let keys = 0;
const newKey = (name: string) => `matrix-${name}-${++keys}`;

/** The input with another meaning (for "same key, different input"): another version by default. */
function varied(row: MutationRow, input: Input): Input {
  if (row.vary) return row.vary(input);
  return { ...input, version: String(Number(input.version) + 100) };
}

describe('mutation matrix over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const run = (row: MutationRow, input: Input, options: { user?: string; headers?: Record<string, string> } = {}) =>
    h.query(row.document, { input }, { user: options.user ?? row.actor, headers: options.headers });

  describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    it('acts over e-RS; a separate query shows the new state', async () => {
      const s = await row.fresh(h);
      const result = await run(row, row.input(s));
      expect(result.errors).toBeUndefined();
      row.expectPayload(result.data!, s);
      await row.followUp(h, result.data!, s);
    });

    it(`refuses a role that may not use ${row.endpoint} with FORBIDDEN and no e-RS call`, async () => {
      const s = await row.fresh(h);
      h.simulator.resetCalls();
      const result = await run(row, row.input(s), { user: row.refusedActor });
      expect(result.data).toEqual({ [row.name]: null });
      expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: row.endpoint });
      expect(h.ersCalls()).toHaveLength(0);
    });

    if (row.stale !== false) {
      it('refuses a stale version with CONFLICT and the current version, and changes nothing', async () => {
        const s = await row.fresh(h);
        const before = await snapshot(h, row, s.ubrn);
        const result = await run(row, row.input({ ...s, version: String(Number(s.version) - 1) }));
        expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: before.version });
        expect(await snapshot(h, row, s.ubrn)).toEqual(before);
      });
    }

    it.each(Object.entries(row.invalid))('refuses %s with BAD_USER_INPUT and no e-RS call', async (_what, invalid) => {
      const s = await row.fresh(h);
      h.simulator.resetCalls();
      const result = await run(row, invalid(s));
      expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it(`maps the e-RS business rule ${row.unprocessable.ersCode} (422) to ${row.unprocessable.code}`, async () => {
      const s = await (row.unprocessable.fresh ?? row.fresh)(h);
      const result = await run(row, row.unprocessable.input(s));
      expect(result.data).toEqual({ [row.name]: null });
      expect(result.errors![0].extensions).toEqual(
        expect.objectContaining({
          code: row.unprocessable.code,
          ersCode: row.unprocessable.ersCode,
          httpStatus: 422,
          endpoint: row.endpoint,
        }),
      );
    });

    it('replays the same idempotencyKey without calling e-RS again; another input with the key is BAD_USER_INPUT', async () => {
      const s = await row.fresh(h);
      const input = { ...row.input(s), idempotencyKey: newKey(row.name) };
      const first = await run(row, input);
      expect(first.errors).toBeUndefined();

      h.simulator.resetCalls();
      const replay = await run(row, input);
      expect(replay.errors).toBeUndefined();
      expect(replay.data).toEqual(first.data);
      expect(h.ersCalls()).toHaveLength(0);

      const other = await run(row, varied(row, input));
      expect(other.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('replays the same Idempotency-Key header without calling e-RS again', async () => {
      const s = await row.fresh(h);
      const headers = { 'Idempotency-Key': newKey(row.name) };
      const first = await run(row, row.input(s), { headers });
      expect(first.errors).toBeUndefined();

      h.simulator.resetCalls();
      const replay = await run(row, row.input(s), { headers });
      expect(replay.data).toEqual(first.data);
      expect(h.ersCalls()).toHaveLength(0);
    });
  });
});
