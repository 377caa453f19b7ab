import { findReferralByState } from '../../simulator';
import { freeSlots } from '../../simulator/data/slots';
import { Harness, startHarness, USERS } from '../helpers/harness';

const CREATE = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { referral { ubrn version state { state } shortlistEntries { serviceId } availableActions } } }`;
const BOOK = `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { appointment { id status start } referral { ubrn version state { state } bookedService { id } availableActions } } }`;
const ACCEPT = `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ubrn version state { state } } } }`;

describe('referral mutations over the simulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  /** A patient and a directly bookable cardiology service found with serviceSearch, as a referrer would. */
  async function searchBookable() {
    const patient = h.simulator.world.patients[3].nhsNumber;
    const search = await h.query(
      `query($nhs: String!) { serviceSearch(input: { patientNhsNumber: $nhs, priority: ROUTINE, specialty: "CARDIOLOGY" }) { serviceId directlyBookable } }`,
      { nhs: patient },
    );
    expect(search.errors).toBeUndefined();
    // A directly bookable service with free slots: one per specialty is fully booked (referrers defer to it).
    const after = new Date(h.simulator.now()).toISOString();
    const service = search.data!.serviceSearch.find(
      (s: { serviceId: string; directlyBookable: boolean }) =>
        s.directlyBookable && freeSlots(h.simulator.world.slotSchedule, { serviceId: s.serviceId, priority: 'ROUTINE', after }).length > 1,
    );
    expect(service).toBeDefined();
    return { patient, serviceId: service.serviceId as string };
  }

  it('journey: search -> create referral -> upload and attach a letter -> slots -> book -> provider sees it for review -> accepts', async () => {
    const { patient, serviceId } = await searchBookable();
    const created = await h.query(CREATE, {
      input: {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [serviceId],
        referralLetter: 'NEED_TO_ADD_LATER',
      },
    });
    expect(created.errors).toBeUndefined();
    const referral = created.data!.createReferral.referral;
    expect(referral.state.state).toBe('NOT_BOOKED');
    expect(referral.shortlistEntries.map((e: { serviceId: string }) => e.serviceId)).toEqual([serviceId]);
    expect(referral.availableActions).toContain('CREATE_APPOINTMENT');

    const form = new FormData();
    form.append('referralId', referral.ubrn);
    form.append('file', new Blob(['Dear colleague, exertional chest pain for 3 weeks.']), 'referral-letter.txt');
    const upload = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { url: string } };
    const attached = await h.query(
      `mutation($input: AttachReferralLettersInput!) { attachReferralLetters(input: $input) { referral { version attachments { title } } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, letters: [{ url: attachment.url, description: 'Referral letter' }] } },
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.attachReferralLetters.referral.attachments).toEqual([{ title: 'referral-letter.txt' }]);

    const slots = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { version slots(serviceId: "${serviceId}", first: 3) { edges { node { id start } } } } }`,
    );
    expect(slots.errors).toBeUndefined();
    const slot = slots.data!.referral.slots.edges[0].node;

    const booked = await h.query(BOOK, {
      input: { ubrn: referral.ubrn, version: slots.data!.referral.version, serviceId, slotId: slot.id },
    });
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookAppointment.referral.state.state).toBe('BOOKED');
    expect(booked.data!.bookAppointment.referral.bookedService.id).toBe(serviceId);
    expect(booked.data!.bookAppointment.appointment).toMatchObject({ status: 'BOOKED', start: slot.start });

    // The provider finds it on the worklist (one call for the whole list), then opens it.
    const worklist = await h.query('{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { ubrn } } } }', undefined, {
      user: USERS.providerClinician,
    });
    expect(worklist.data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).toContain(referral.ubrn);
    const opened = await h.query(
      'query ($u: UBRN!) { referral(ubrn: $u) { version attachments { title } } }',
      { u: referral.ubrn },
      { user: USERS.providerClinician },
    );
    const item = { node: { referral: opened.data!.referral } };
    // The provider reviewing it sees the referrer's letter.
    expect(item.node.referral.attachments).toEqual([{ title: 'referral-letter.txt' }]);

    const accepted = await h.query(
      ACCEPT,
      { input: { ubrn: referral.ubrn, version: item.node.referral.version } },
      { user: USERS.providerClinician },
    );
    expect(accepted.errors).toBeUndefined();
    expect(Number(accepted.data!.acceptReferral.referral.version)).toBeGreaterThan(Number(item.node.referral.version));
    const after = await h.query('{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { ubrn } } } }', undefined, {
      user: USERS.providerClinician,
    });
    expect(after.data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).not.toContain(referral.ubrn);
  });

  it('uploads and attaches a referral letter: the referral leaves Letters Outstanding', async () => {
    const { patient, serviceId } = await searchBookable();
    const created = await h.query(CREATE, {
      input: {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [serviceId],
        referralLetter: 'NEED_TO_ADD_LATER',
      },
    });
    const referral = created.data!.createReferral.referral;
    const outstanding = async () =>
      (
        await h.query('{ referralWorklist(type: LETTERS_OUTSTANDING, first: 500) { edges { node { ubrn } } } }')
      ).data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn);
    expect(await outstanding()).toContain(referral.ubrn);

    const form = new FormData();
    form.append('referralId', referral.ubrn);
    form.append('file', new Blob(['Dear colleague, please see this patient.']), 'referral-letter.txt');
    const upload = await fetch(h.graphqlUrl.replace('/graphql', '/attachments'), {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { url: string } };

    const attached = await h.query(
      `mutation($input: AttachReferralLettersInput!) { attachReferralLetters(input: $input) { referral { version attachments { title availability } } } }`,
      { input: { ubrn: referral.ubrn, version: referral.version, letters: [{ url: attachment.url, description: 'Referral letter' }] } },
    );
    expect(attached.errors).toBeUndefined();
    expect(attached.data!.attachReferralLetters.referral.attachments.map((a: { title: string }) => a.title)).toContain(
      'referral-letter.txt',
    );
    expect(await outstanding()).not.toContain(referral.ubrn);
  });

  it('gives CONFLICT with the current version for a stale version, and changes nothing', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) => r.state === 'BOOKED' && !(r as { acceptedAt?: string }).acceptedAt && r.versions.length > 1,
    )!;
    const stale = String(referral.versions[0].versionId);
    const result = await h.query(ACCEPT, { input: { ubrn: referral.ubrn, version: stale } }, { user: USERS.providerClinician });
    expect(result.errors![0].extensions).toMatchObject({
      code: 'CONFLICT',
      currentVersion: String(referral.versionId ?? referral.versions[referral.versions.length - 1].versionId),
    });
  });

  it('replays an idempotent mutation without calling e-RS again; a different input with the key is refused', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) => r.state === 'BOOKED' && !(r as { acceptedAt?: string }).acceptedAt && r.ubrn !== undefined,
    )!;
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const input = { ubrn: referral.ubrn, version, idempotencyKey: 'accept-once-1' };
    const first = await h.query(ACCEPT, { input }, { user: USERS.providerClinician });
    expect(first.errors).toBeUndefined();
    const writes = () => h.ersCalls().filter((c) => c.method === 'POST').length;
    expect(writes()).toBe(1);

    const replay = await h.query(ACCEPT, { input }, { user: USERS.providerClinician });
    expect(replay.errors).toBeUndefined();
    expect(replay.data).toEqual(first.data);
    expect(writes()).toBe(1);

    const other = await h.query(ACCEPT, { input: { ...input, version: '1' } }, { user: USERS.providerClinician });
    expect(other.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(writes()).toBe(1);

    // The Idempotency-Key header works the same way.
    const byHeader = await h.query(
      ACCEPT,
      { input: { ubrn: referral.ubrn, version } },
      { user: USERS.providerClinician, headers: { 'Idempotency-Key': 'accept-once-1' } },
    );
    expect(byHeader.data).toEqual(first.data);
    expect(writes()).toBe(1);
  });

  it('answers an exact replay whole, linked fields included, with no e-RS call; another selection re-reads but never re-writes', async () => {
    const { patient, serviceId } = await searchBookable();
    const created = await h.query(CREATE, {
      input: {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [serviceId],
        referralLetter: 'NOT_INTENDING_TO_ADD',
      },
    });
    const referral = created.data!.createReferral.referral;
    const slots = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { slots(serviceId: "${serviceId}", first: 1) { edges { node { id } } } } }`,
    );
    const input = {
      ubrn: referral.ubrn,
      version: referral.version,
      serviceId,
      slotId: slots.data!.referral.slots.edges[0].node.id,
      idempotencyKey: 'book-whole-replay',
    };

    const first = await h.query(BOOK, { input });
    expect(first.errors).toBeUndefined();
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    // BOOK selects availableActions (A029) and bookedService (A033): a replay reads neither.
    h.simulator.resetCalls();
    const replay = await h.query(BOOK, { input });
    expect(replay.data).toEqual(first.data);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(h.ersCalls()).toHaveLength(0);

    // Another user with the same key and input is not answered from the first user's response.
    const stranger = await h.query(
      BOOK,
      { input },
      {
        user: USERS.twoOrganisations,
        headers: { 'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN', 'NHSD-End-User-Organisation-ODS': 'A99001' },
      },
    );
    expect(stranger.headers.get('idempotent-replayed')).toBeNull();

    h.simulator.resetCalls();
    const otherSelection = await h.query(
      `mutation($input: BookAppointmentInput!) { bookAppointment(input: $input) { referral { ubrn state { state } } } }`,
      { input },
    );
    expect(otherSelection.errors).toBeUndefined();
    expect(otherSelection.data!.bookAppointment.referral.state.state).toBe('BOOKED');
    expect(h.ersCalls().filter((c) => c.method !== 'GET')).toHaveLength(0);
  });

  it('never double-books: two concurrent retries with one key make one A016 call; without a key the second is a CONFLICT', async () => {
    const { patient, serviceId } = await searchBookable();
    const created = await h.query(CREATE, {
      input: {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [serviceId],
        referralLetter: 'NOT_INTENDING_TO_ADD',
      },
    });
    const referral = created.data!.createReferral.referral;
    const slots = await h.query(
      `{ referral(ubrn: "${referral.ubrn}") { slots(serviceId: "${serviceId}", first: 2) { edges { node { id } } } } }`,
    );
    const [first, second] = slots.data!.referral.slots.edges.map((e: { node: { id: string } }) => e.node.id);
    const bookings = () => h.ersCalls().filter((c) => c.method === 'POST' && c.path === '/STU3/Appointment').length;

    // A browser that sends the same booking twice at once (a double click, a retry on a slow network).
    h.simulator.resetCalls();
    const input = { ubrn: referral.ubrn, version: referral.version, serviceId, slotId: first };
    const headers = { 'Idempotency-Key': 'double-click-1' };
    const [a, b] = await Promise.all([h.query(BOOK, { input }, { headers }), h.query(BOOK, { input }, { headers })]);
    expect(a.errors).toBeUndefined();
    expect(b.data).toEqual(a.data);
    expect(bookings()).toBe(1);

    // Without a key, a second booking at the same referral version (another slot) is a stale version: CONFLICT, no booking call.
    const again = await h.query(BOOK, { input: { ...input, slotId: second } });
    expect(again.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: a.data!.bookAppointment.referral.version });
    expect(bookings()).toBe(1);
  });

  it('never retries a write: a failing or rate-limiting e-RS gives a precise error, and the same key may try again', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'BOOKED' && r.acceptedAt === undefined)!;
    const version = String(referral.versionId);
    const input = { ubrn: referral.ubrn, version, idempotencyKey: 'accept-after-outage' };
    const writes = () => h.ersCalls().filter((c) => c.method === 'POST').length;

    h.simulator.setFaults([{ method: 'POST', path: /\$ers\.acceptReferral$/, kind: 'status', status: 503, times: 1 }]);
    const outage = await h.query(ACCEPT, { input }, { user: USERS.providerClinician });
    expect(outage.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', endpoint: 'A013', httpStatus: 503 });
    expect(writes()).toBe(1);

    h.simulator.setFaults([{ method: 'POST', path: /\$ers\.acceptReferral$/, kind: 'rate-limit', retryAfterSeconds: 2, times: 1 }]);
    const limited = await h.query(ACCEPT, { input }, { user: USERS.providerClinician });
    expect(limited.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED', endpoint: 'A013', retryAfterSeconds: 2 });
    expect(writes()).toBe(2);
    expect(String(referral.versionId)).toBe(version);

    // Neither failure was a business answer, so the key is free: the retry acts, once.
    h.simulator.setFaults([]);
    const retried = await h.query(ACCEPT, { input }, { user: USERS.providerClinician });
    expect(retried.errors).toBeUndefined();
    expect(writes()).toBe(3);
    expect(referral.acceptedAt).toBeDefined();
  });

  it('refuses a role that may not act, and an application-free CIS2 gate, before any e-RS call', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const result = await h.query(ACCEPT, { input: { ubrn: referral.ubrn, version: '1' } }, { user: USERS.referrer });
    expect(result.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A013' });
    expect(h.ersCalls()).toHaveLength(0);
  });

  it.each([
    ['a malformed UBRN', ACCEPT, { ubrn: '123', version: '1' }, USERS.providerClinician],
    ['a non-numeric version', ACCEPT, { ubrn: '000050000001', version: 'latest' }, USERS.providerClinician],
    [
      'an invalid NHS number',
      CREATE,
      { patientNhsNumber: '1234567890', priority: 'ROUTINE', specialty: 'CARDIOLOGY', shortlist: ['30001'] },
      USERS.referrer,
    ],
    [
      'an empty shortlist',
      CREATE,
      { patientNhsNumber: '9990000018', priority: 'ROUTINE', specialty: 'CARDIOLOGY', shortlist: [] },
      USERS.referrer,
    ],
  ])('refuses %s with BAD_USER_INPUT and zero e-RS calls', async (_name, mutation, input, user) => {
    const result = await h.query(mutation, { input }, { user });
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('keeps the rest of the answer when one mutation fails: that field is null, with its typed error', async () => {
    const cancelled = findReferralByState(h.simulator.world, 'CANCELLED_REFERRAL');
    const unaccepted = h.simulator.world.referrals.filter((r) => r.state === 'BOOKED' && !(r as { acceptedAt?: string }).acceptedAt);
    // The last one, at the first one's provider (the idempotency test below takes the first).
    const booked = unaccepted.filter((r) => r.providerOdsCode === unaccepted[0].providerOdsCode).pop()!;
    const current = (r: typeof booked) => String(r.versions[r.versions.length - 1].versionId);
    const result = await h.query(
      `mutation ($refused: AcceptReferralInput!, $accepted: AcceptReferralInput!) {
        refused: acceptReferral(input: $refused) { referral { ubrn } }
        accepted: acceptReferral(input: $accepted) { referral { ubrn } }
      }`,
      {
        refused: { ubrn: cancelled.ubrn, version: current(cancelled) },
        accepted: { ubrn: booked.ubrn, version: current(booked) },
      },
      { user: USERS.providerClinician },
    );
    expect(result.data).toEqual({ refused: null, accepted: { referral: { ubrn: booked.ubrn } } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].path).toEqual(['refused']);
    expect(result.errors![0].extensions).toMatchObject({ code: 'UNPROCESSABLE', httpStatus: 422 });
  });

  it('maps an e-RS business-rule refusal (422) to a typed error with the e-RS code', async () => {
    const referral = findReferralByState(h.simulator.world, 'CANCELLED_REFERRAL');
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const result = await h.query(ACCEPT, { input: { ubrn: referral.ubrn, version } }, { user: USERS.providerClinician });
    expect(result.data).toEqual({ acceptReferral: null });
    expect(result.errors![0].extensions).toMatchObject({
      code: 'UNPROCESSABLE',
      httpStatus: 422,
      ersCode: expect.any(String),
      endpoint: 'A013',
    });
  });

  it('records a triage outcome; the referrer then sees the triage response in their worklist', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'AWAITING_TRIAGE')!;
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const result = await h.query(
      `mutation($input: RecordTriageOutcomeInput!) { recordTriageOutcome(input: $input) { referral { state { state } availableActions } } }`,
      { input: { ubrn: referral.ubrn, version, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: 'Please arrange an ECG first.' } },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordTriageOutcome.referral.state.state).toBe('TRIAGE_RESPONSE');
    const worklist = await h.query('{ referralWorklist(type: REJECTED_TRIAGE_RESPONSE, first: 500) { edges { node { ubrn } } } }');
    expect(worklist.data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).toContain(referral.ubrn);
  });

  it('rejects a booked referral back to the referrer, with a reason from reference data', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) =>
        r.state === 'BOOKED' &&
        !(r as { acceptedAt?: string }).acceptedAt &&
        r.appointment?.serviceId &&
        h.simulator.world.services.find((s) => s.id === r.appointment!.serviceId)?.bookableType === 'DIRECTLY_BOOKABLE',
    )!;
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const result = await h.query(
      `mutation($input: RejectReferralInput!) { rejectReferral(input: $input) { referral { state { state reason { code } } } } }`,
      { input: { ubrn: referral.ubrn, version, reason: 'FURTHER_INFORMATION_REQUIRED', comment: 'Please include recent blood results.' } },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.rejectReferral.referral.state.state).toBe('REJECTED');
    const worklist = await h.query('{ referralWorklist(type: REJECTED_TRIAGE_RESPONSE, first: 500) { edges { node { ubrn } } } }');
    expect(worklist.data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).toContain(referral.ubrn);
  });

  it('cancels a referral as the referrer; e-RS refuses a provider-only reason with a typed error', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'NOT_BOOKED')!;
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const CANCEL = `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { state { state } status } } }`;
    const refused = await h.query(CANCEL, {
      input: { ubrn: referral.ubrn, version, reason: 'BOOKED_OUTSIDE_CAB', comment: 'Seen privately.' },
    });
    expect(refused.errors![0].extensions).toMatchObject({ code: 'UNPROCESSABLE', httpStatus: 422, endpoint: 'A036' });

    const cancelled = await h.query(CANCEL, {
      input: { ubrn: referral.ubrn, version, reason: 'TREATMENT_NO_LONGER_REQUIRED', comment: 'Patient prefers to wait.' },
    });
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelReferral.referral).toMatchObject({ state: { state: 'CANCELLED_REFERRAL' }, status: 'CANCELLED' });
  });

  it('defers booking to the service: the provider sees it in Appointment Slot Issues', async () => {
    const { patient, serviceId } = await searchBookable();
    const created = await h.query(CREATE, {
      input: {
        patientNhsNumber: patient,
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        shortlist: [serviceId],
        referralLetter: 'NOT_INTENDING_TO_ADD',
      },
    });
    const referral = created.data!.createReferral.referral;
    const deferred = await h.query(
      `mutation($input: DeferAppointmentInput!) { deferAppointment(input: $input) { appointment { status } referral { state { state } } } }`,
      {
        input: {
          ubrn: referral.ubrn,
          version: referral.version,
          serviceId,
          reason: 'BOOKING_ATTEMPT_PROBLEM',
          comment: 'Booking timed out twice.',
        },
      },
    );
    expect(deferred.errors).toBeUndefined();
    expect(deferred.data!.deferAppointment.referral.state.state).toBe('DEFERRED_TO_PROVIDER');
    const worklist = await h.query(
      '{ referralWorklist(type: APPOINTMENT_SLOT_ISSUES, first: 500) { edges { node { ubrn } } } }',
      undefined,
      { user: USERS.providerClinician },
    );
    expect(worklist.data!.referralWorklist.edges.map((e: { node: { ubrn: string } }) => e.node.ubrn)).toContain(referral.ubrn);
  });
  it('refuses a mutation sent with an operationName its document does not define (400, no e-RS call); the next one runs', async () => {
    // GraphiQL sends the previous tab's operationName for a moment after its editor's text changed.
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: JSON.stringify({
        query: CREATE.replace('mutation(', 'mutation Refer('),
        variables: { input: { patientNhsNumber: h.simulator.world.patients[3].nhsNumber, priority: 'ROUTINE', specialty: 'CARDIOLOGY' } },
        operationName: 'Typed',
      }),
    });
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(response.status).toBe(400);
    expect(body.errors.map((error) => [error.message, error.extensions.code])).toEqual([
      ['Unknown operation named "Typed".', 'OPERATION_RESOLUTION_FAILURE'],
    ]);
    expect(h.ersCalls()).toEqual([]);
    const me = await h.query('{ me { userId } }');
    expect(me.errors).toBeUndefined();
  });
});
