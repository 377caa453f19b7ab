import { freeSlots } from '../../simulator/data/slots';
import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * The referrer's shortlist actions (A021, A031, A032, A016 send-for-triage), appointment
 * cancellation by referrer (A034) and provider (A022), and the patient letter (A019), over the
 * simulator with real tokens, each followed by a query that shows what changed.
 */
const REFERRAL = 'ubrn version state { state reason { code } comment } priority shortlistEntries { serviceId } availableActions';
const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ${REFERRAL} } } }`;
const BOOK = `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id slotId } referral { ${REFERRAL} } } }`;

type Node<T> = { node: T };
/** The e-RS calls the simulator saw, as "METHOD path" with UBRNs and ids generalised. */
const shape = (calls: Array<{ method: string; path: string }>) =>
  calls.map((c) => `${c.method} ${c.path.replace(/\/\d{5,12}(?=\/|$)/g, '/{id}')}`);
const ubrns = (edges: Array<Node<{ ubrn: string }>>) => edges.map((e) => e.node.ubrn);

describe('shortlist, triage and cancellation mutations over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const patient = (index: number) => h.simulator.world.patients[index].nhsNumber;

  /** Services found with serviceSearch, as a referrer would: directly bookable ones, or triage services (request flow TRIAGE_REQUEST). */
  async function search(kind: 'bookable' | 'triage', specialty = 'CARDIOLOGY'): Promise<string[]> {
    const result = await h.query(
      `query($nhs: String!, $specialty: String!) { serviceSearch(input: { patientNhsNumber: $nhs, priority: ROUTINE, specialty: $specialty }) { serviceId directlyBookable requestFlowTypes { code } } }`,
      { nhs: patient(5), specialty },
    );
    expect(result.errors).toBeUndefined();
    const services = result.data!.serviceSearch as Array<{
      serviceId: string;
      directlyBookable: boolean;
      requestFlowTypes: Array<{ code: string }>;
    }>;
    const wanted = services.filter((s) =>
      kind === 'triage' ? s.requestFlowTypes.some((f) => f.code === 'TRIAGE_REQUEST') : s.directlyBookable,
    );
    expect(wanted.length).toBeGreaterThan(0);
    return wanted.map((s) => s.serviceId);
  }

  async function createReferral(shortlist: string[], nhs = patient(5)) {
    const result = await h.query(CREATE, {
      input: { patientNhsNumber: nhs, priority: 'ROUTINE', specialty: 'CARDIOLOGY', shortlist, referralLetter: 'NOT_INTENDING_TO_ADD' },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.createReferral.referral as { ubrn: string; version: string };
  }

  /** A new referral booked into the first free slot of a directly bookable service (one per specialty is fully booked). */
  async function bookedReferral() {
    const after = new Date(h.simulator.now()).toISOString();
    const hasFreeSlot = (id: string) => freeSlots(h.simulator.world.slotSchedule, { serviceId: id, priority: 'ROUTINE', after }).length > 0;
    const serviceId = (await search('bookable')).find(hasFreeSlot)!;
    const referral = await createReferral([serviceId]);
    const slots = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { slots(serviceId: "${serviceId}", first: 1) { edges { node { id } } } } }`,
    );
    const slotId = slots.data!.referral.slots.edges[0].node.id as string;
    const booked = await h.query(BOOK, { input: { ubrn: referral.ubrn, version: referral.version, serviceId, slotId } });
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookAppointment.referral.state.state).toBe('BOOKED');
    return { serviceId, slotId, referral: booked.data!.bookAppointment.referral as { ubrn: string; version: string } };
  }

  async function worklist(type: string, user: string): Promise<string[]> {
    const result = await h.query(`{ referralWorklist(type: ${type}, first: 500) { edges { node { ubrn } } } }`, undefined, { user });
    expect(result.errors).toBeUndefined();
    return ubrns(result.data!.referralWorklist.edges);
  }

  async function upload(referralId: string, user: string, text: string): Promise<string> {
    const form = new FormData();
    form.append('referralId', referralId);
    form.append('file', new Blob([text]), 'triage-advice.txt');
    const response = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(user)}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { attachment: { url: string } }).attachment.url;
  }

  it('journey: create and send for triage -> provider records an outcome with a file -> referrer sees the triage response', async () => {
    const [triageServiceId] = await search('triage');
    h.simulator.resetCalls();
    const created = await h.query(
      `mutation($input: CreateReferralAndSendForTriageInput!) { createReferralAndSendForTriage(input: $input) { referral { ${REFERRAL} appointment { status reviewReason { code } } } } }`,
      { input: { patientNhsNumber: patient(6), priority: 'ROUTINE', specialty: 'CARDIOLOGY', triageServiceId } },
    );
    expect(created.errors).toBeUndefined();
    const referral = created.data!.createReferralAndSendForTriage.referral;
    expect(referral.state.state).toBe('AWAITING_TRIAGE');
    expect(referral.shortlistEntries).toEqual([{ serviceId: triageServiceId }]);
    // One write, then only reads for the payload (referral, its actions, its appointment).
    expect(shape(h.ersCalls()).filter((c) => !c.startsWith('GET '))).toEqual([
      'POST /STU3/ReferralRequest/$ers.createReferralAndSendForTriage',
    ]);

    expect(await worklist('REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(referral.ubrn);
    const advice = await upload(referral.ubrn, USERS.providerClinician, 'Please arrange an ECG, then refer to a rapid access clinic.');
    const outcome = await h.query(
      `mutation($input: RecordTriageOutcomeInput!) { recordTriageOutcome(input: $input) { referral { version state { state comment } attachments { title } } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
          comment: 'ECG first, please.',
          attachments: [{ url: advice, description: 'Triage advice' }],
        },
      },
      { user: USERS.providerClinician },
    );
    expect(outcome.errors).toBeUndefined();
    expect(outcome.data!.recordTriageOutcome.referral.state).toEqual({ state: 'TRIAGE_RESPONSE', comment: 'ECG first, please.' });
    expect(outcome.data!.recordTriageOutcome.referral.attachments.map((a: { title: string }) => a.title)).toContain('triage-advice.txt');

    expect(await worklist('REJECTED_TRIAGE_RESPONSE', USERS.referrer)).toContain(referral.ubrn);
    const seen = await h.query(`{ referral(ubrn: "${referral.ubrn}") { state { state reason { code } comment } availableActions } }`);
    expect(seen.data!.referral.state).toEqual({
      state: 'TRIAGE_RESPONSE',
      reason: { code: 'RETURN_TO_REFERRER_WITH_ADVICE' },
      comment: 'ECG first, please.',
    });
    expect(seen.data!.referral.availableActions).toContain('CHANGE_SHORTLIST');
  });

  it('sends a referral to a shortlisted triage service with A016 (the route e-RS keeps)', async () => {
    const [triageServiceId] = await search('triage');
    const referral = await createReferral([triageServiceId]);
    const sent = await h.query(
      `mutation($input: SendReferralForTriageInput!) { sendReferralForTriage(input: $input) { appointment { status reviewReason { code } } referral { ${REFERRAL} } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, serviceId: triageServiceId, comment: 'Chest pain on exertion.' } },
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.sendReferralForTriage.appointment).toEqual({ status: 'PROPOSED', reviewReason: { code: 'TRIAGE' } });
    expect(sent.data!.sendReferralForTriage.referral.state.state).toBe('AWAITING_TRIAGE');
    expect(await worklist('REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(referral.ubrn);
  });

  it('changes the shortlist of an unbooked referral; the new services and criteria are read back', async () => {
    const services = await search('bookable');
    const referral = await createReferral([services[0]]);
    const replacement = services.slice(0, 3).reverse();
    const changed = await h.query(
      `mutation($input: ChangeShortlistInput!) { changeShortlist(input: $input) { referral { ${REFERRAL} } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          priority: 'URGENT',
          specialty: 'CARDIOLOGY',
          shortlist: replacement,
          firstReminderLetterFollowUpDays: 7,
        },
      },
    );
    expect(changed.errors).toBeUndefined();
    const after = changed.data!.changeShortlist.referral;
    expect(Number(after.version)).toBeGreaterThan(Number(referral.version));
    expect(after.shortlistEntries.map((e: { serviceId: string }) => e.serviceId)).toEqual(replacement);
    expect(after.priority).toBe('URGENT');
    expect(after.state.state).toBe('NOT_BOOKED');

    const read = await h.query(`{ referral(ubrn: "${referral.ubrn}") { version shortlistEntries { serviceId } } }`);
    expect(read.data!.referral).toEqual({ version: after.version, shortlistEntries: replacement.map((serviceId) => ({ serviceId })) });
  });

  it('changes the shortlist to a triage service and sends the referral to it (A032)', async () => {
    const [bookable] = await search('bookable');
    const [triageServiceId] = await search('triage');
    const referral = await createReferral([bookable]);
    const sent = await h.query(
      `mutation($input: ChangeShortlistAndSendForTriageInput!) { changeShortlistAndSendForTriage(input: $input) { appointment { id status reviewReason { code } } referral { ${REFERRAL} appointmentId } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, priority: 'ROUTINE', specialty: 'CARDIOLOGY', triageServiceId } },
    );
    expect(sent.errors).toBeUndefined();
    const payload = sent.data!.changeShortlistAndSendForTriage;
    expect(payload.referral.state.state).toBe('AWAITING_TRIAGE');
    expect(payload.referral.shortlistEntries).toEqual([{ serviceId: triageServiceId }]);
    expect(payload.appointment).toMatchObject({ id: payload.referral.appointmentId, status: 'PROPOSED', reviewReason: { code: 'TRIAGE' } });
  });

  it('cancels a direct booking as the referrer (A034): the slot is free again and the referral can be rebooked', async () => {
    const { referral, serviceId, slotId } = await bookedReferral();
    h.simulator.resetCalls();
    const cancelled = await h.query(
      `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { appointment { status cancellationReason { code } comment } referral { ${REFERRAL} } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          reason: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER',
          comment: 'Closer to home.',
        },
      },
    );
    expect(cancelled.errors).toBeUndefined();
    const payload = cancelled.data!.cancelAppointment;
    expect(payload.appointment).toEqual({
      status: 'CANCELLED',
      cancellationReason: { code: 'PATIENT_APPOINTMENT_CANCELLATION_OTHER' },
      comment: 'Closer to home.',
    });
    expect(payload.referral.state.state).toBe('APPT_CANCELLED_BY_PATIENT');
    expect(payload.referral.availableActions).toContain('CREATE_APPOINTMENT');
    // A005 for the version check, A038 for the appointment's own version, then the PUT.
    expect(shape(h.ersCalls()).slice(0, 3)).toEqual([
      'GET /STU3/ReferralRequest/{id}',
      'GET /STU3/Appointment/{id}',
      'PUT /STU3/Appointment/{id}',
    ]);

    const slots = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { version slots(serviceId: "${serviceId}", first: 100) { edges { node { id } } } } }`,
    );
    expect(slots.errors).toBeUndefined();
    expect(slots.data!.referral.slots.edges.map((e: Node<{ id: string }>) => e.node.id)).toContain(slotId);
    const rebooked = await h.query(BOOK, { input: { ubrn: referral.ubrn, version: slots.data!.referral.version, serviceId, slotId } });
    expect(rebooked.errors).toBeUndefined();
    expect(rebooked.data!.bookAppointment.referral.state.state).toBe('BOOKED');
  });

  it('cancels a booking after a letter was attached (the appointment names an older referral version)', async () => {
    const { referral } = await bookedReferral();
    const url = await upload(referral.ubrn, USERS.referrer, 'late letter');
    const attached = await h.query(
      `mutation($input: AttachReferralLettersInput!) { attachReferralLetters(input: $input) { referral { version } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, letters: [{ url }] } },
    );
    expect(attached.errors).toBeUndefined();
    const version = attached.data!.attachReferralLetters.referral.version;
    const cancelled = await h.query(
      `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { referral { state { state } } } }`,
      {
        input: { ubrn: referral.ubrn, version, reason: 'PATIENT_ILL' },
      },
    );
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelAppointment.referral.state.state).toBe('APPT_CANCELLED_BY_PATIENT');
  });

  it('refuses a provider reason in the schema, and a reason that needs a comment with the e-RS code; the booking is kept', async () => {
    const { referral } = await bookedReferral();
    const CANCEL = `mutation($input: CancelAppointmentInput!) { cancelAppointment(input: $input) { referral { ubrn } } }`;
    h.simulator.resetCalls();
    const providerReason = await h.query(CANCEL, { input: { ubrn: referral.ubrn, version: referral.version, reason: 'CLINIC_CANCELLED' } });
    expect(providerReason.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.ersCalls()).toHaveLength(0);

    const refused = await h.query(CANCEL, {
      input: { ubrn: referral.ubrn, version: referral.version, reason: 'PATIENT_OTHER_ENGAGEMENT' },
    });
    expect(refused.errors![0].extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      httpStatus: 422,
      endpoint: 'A034',
      ersCode: 'MISSING_VALUE',
    });
    const read = await h.query(`{ referral(ubrn: "${referral.ubrn}") { version state { state } } }`);
    expect(read.data!.referral).toEqual({ version: referral.version, state: { state: 'BOOKED' } });
  });

  it('cancels an appointment and tasks the admin team as the provider (A022): priority raised, off the review worklist', async () => {
    const { referral } = await bookedReferral();
    expect(await worklist('REFERRALS_FOR_REVIEW', USERS.providerClinician)).toContain(referral.ubrn);
    const result = await h.query(
      `mutation($input: CancelAppointmentActionLaterInput!) { cancelAppointmentActionLater(input: $input) { referral { ${REFERRAL} appointment { status reviewOutcome { code } } } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, comment: 'Needs a longer slot: please rebook.', priority: 'URGENT' } },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    const after = result.data!.cancelAppointmentActionLater.referral;
    expect(after.state).toEqual({
      state: 'TRIAGED_PROVIDER_TO_ACTION',
      reason: { code: 'CANCEL_APPOINTMENT_ACTION_LATER' },
      comment: 'Needs a longer slot: please rebook.',
    });
    expect(after.priority).toBe('URGENT');
    // e-RS answers with a new proposed appointment carrying the outcome for the admin team.
    expect(after.appointment).toEqual({ status: 'PROPOSED', reviewOutcome: { code: 'CANCEL_APPOINTMENT_ACTION_LATER' } });
    expect(await worklist('REFERRALS_FOR_REVIEW', USERS.providerClinician)).not.toContain(referral.ubrn);
  });

  it('gives the referrer a patient letter link that downloads the PDF; a provider is refused before any e-RS call', async () => {
    const [serviceId] = await search('bookable');
    const referral = await createReferral([serviceId]);
    const linked = await h.query(`{ referral(ubrn: "${referral.ubrn}") { patientLetterUrl } }`);
    expect(linked.errors).toBeUndefined();
    const response = await fetch(linked.data!.referral.patientLetterUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    h.simulator.resetCalls();
    const refused = await h.query(`{ referral(ubrn: "${referral.ubrn}") { ubrn patientLetterUrl } }`, undefined, {
      user: USERS.providerClinician,
    });
    expect(refused.errors![0]).toMatchObject({ path: ['referral', 'patientLetterUrl'], extensions: { code: 'FORBIDDEN' } });
    expect(shape(h.ersCalls())).toEqual(['GET /STU3/ReferralRequest/{id}']);
  });
});
