import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * Mutations answer with the resource e-RS returned from the write where the endpoint returns one,
 * instead of re-reading it (issue 11, "Fewer calls"; the table per endpoint is in
 * resolvers/mutation.support.ts). Each payload is checked against a read made afterwards: the
 * same answer a re-read would have given.
 */
const REFERRAL_FIELDS =
  'ubrn version status state { state reason { code } comment } priority specialty { code } shortlistEntries { serviceId serviceName } attachments { title } patientNhsNumber';
const READ = `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ${REFERRAL_FIELDS} } }`;
const ADVICE_FIELDS = 'ubrn version conversationStatus serviceId serviceName priority specialty { code }';

describe('mutation payloads from the write’s own answer', () => {
  let h: Harness;
  beforeAll(async () => {
    // No reads shared across requests: each request's own calls are counted.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());

  /** The mutation's e-RS calls as "METHOD path". */
  async function run(query: string, variables: Record<string, unknown>, user: string = USERS.referrer) {
    h.simulator.resetCalls();
    const result = await h.query(query, variables, { user });
    expect(result.errors).toBeUndefined();
    return { data: result.data!, calls: h.ersCalls().map((c) => `${c.method} ${c.path}`) };
  }

  async function readReferral(ubrn: string, user: string = USERS.referrer) {
    const read = await h.query(READ, { ubrn }, { user });
    expect(read.errors).toBeUndefined();
    return read.data!.referral;
  }

  const bookableService = () =>
    h.simulator.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE' && s.requestFlows.includes('BOOKABLE'))!;

  async function createReferral() {
    const service = bookableService();
    const { data, calls } = await run(
      `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ${REFERRAL_FIELDS} } } }`,
      {
        input: {
          patientNhsNumber: h.simulator.world.patients[4].nhsNumber,
          priority: 'ROUTINE',
          specialty: service.specialty,
          shortlist: [service.id],
          referralLetter: 'NOT_INTENDING_TO_ADD',
        },
      },
    );
    return { referral: data.createReferral.referral, calls, service };
  }

  it('A011 createReferral: 1 call (was 2: A011 + A005), the payload a read gives', async () => {
    const { referral, calls } = await createReferral();
    expect(calls).toEqual(['POST /STU3/ReferralRequest/$ers.createReferral']);
    expect(referral).toEqual(await readReferral(referral.ubrn));
  });

  it('A013 acceptReferral: 1 call (was 2: A013 + A005), the payload a read gives', async () => {
    const worklist = await h.query(
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 1) { edges { node { ubrn referral { version } } } } }',
      undefined,
      { user: USERS.providerClinician },
    );
    const { ubrn, referral } = worklist.data!.referralWorklist.edges[0].node;
    const { data, calls } = await run(
      `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ${REFERRAL_FIELDS} } } }`,
      { input: { ubrn, version: referral.version } },
      USERS.providerClinician,
    );
    expect(calls).toEqual([`POST /STU3/ReferralRequest/${ubrn}/$ers.acceptReferral`]);
    expect(Number(data.acceptReferral.referral.version)).toBeGreaterThan(Number(referral.version));
    expect(data.acceptReferral.referral).toEqual(await readReferral(ubrn, USERS.providerClinician));
  });

  it('A036 cancelReferral (a Parameters answer): 1 call (was 2: A036 + A005), the payload a read gives', async () => {
    const { referral } = await createReferral();
    const { data, calls } = await run(
      `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { ${REFERRAL_FIELDS} } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          reason: 'TREATMENT_NO_LONGER_REQUIRED',
          comment: 'Patient prefers to wait.',
        },
      },
    );
    expect(calls).toEqual([`POST /STU3/ReferralRequest/${referral.ubrn}/$ers.cancelReferral`]);
    expect(data.cancelReferral.referral.state.state).toBe('CANCELLED_REFERRAL');
    expect(data.cancelReferral.referral).toEqual(await readReferral(referral.ubrn));
  });

  it('A044 createAdviceAndGuidance (a Parameters answer): 1 call (was 2: A044 + A024), the payload a read gives', async () => {
    const service = h.simulator.world.services.find((s) => s.requestFlows.includes('ADVICE_AND_GUIDANCE'))!;
    const { data, calls } = await run(
      `mutation($input: CreateAdviceAndGuidanceInput!) { createAdviceAndGuidance(input: $input) { adviceAndGuidance { ${ADVICE_FIELDS} } } }`,
      {
        input: {
          patientNhsNumber: h.simulator.world.patients[5].nhsNumber,
          serviceId: service.id,
          priority: 'ROUTINE',
          specialty: service.specialty,
          request: 'Is a referral needed?',
        },
      },
    );
    expect(calls).toEqual(['POST /STU3/CommunicationRequest/$ers.createAdviceAndGuidance']);
    const created = data.createAdviceAndGuidance.adviceAndGuidance;
    const read = await h.query(`query($ubrn: UBRN!) { adviceAndGuidance(ubrn: $ubrn) { ${ADVICE_FIELDS} } }`, { ubrn: created.ubrn });
    expect(read.errors).toBeUndefined();
    expect(created).toEqual(read.data!.adviceAndGuidance);
  });

  it('A016 deferAppointment still re-reads the referral: e-RS answers with the appointment only', async () => {
    const { referral, service } = await createReferral();
    const { data, calls } = await run(
      `mutation($input: DeferAppointmentInput!) { deferAppointment(input: $input) { appointment { status } referral { ${REFERRAL_FIELDS} } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          serviceId: service.id,
          reason: 'BOOKING_ATTEMPT_PROBLEM',
          comment: 'Booking timed out twice.',
        },
      },
    );
    // A005 (the version the user saw), A016, A005 (the referral after it).
    expect(calls).toEqual([
      `GET /STU3/ReferralRequest/${referral.ubrn}`,
      'POST /STU3/Appointment',
      `GET /STU3/ReferralRequest/${referral.ubrn}`,
    ]);
    expect(data.deferAppointment.referral).toEqual(await readReferral(referral.ubrn));
  });
});
