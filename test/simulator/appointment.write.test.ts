import { startSimulator, type RunningSimulator } from '../../simulator';
import { freeSlots } from '../../simulator/data/slots';
import type { Referral } from '../../simulator/data/world';
import { asUser } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';
import { stateOf } from './helpers/write';

describe('A016 book or defer appointment', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  const used = new Set<string>();
  /** An unused NOT_BOOKED referral whose shortlist holds a service matching the filter. */
  const fresh = (serviceFilter: (serviceId: string) => boolean): { referral: Referral; serviceId: string } => {
    for (const referral of sim.world.referrals.filter((r) => r.state === 'NOT_BOOKED' && !used.has(r.ubrn))) {
      const serviceId = referral.shortlist.find(serviceFilter);
      if (serviceId) {
        used.add(referral.ubrn);
        return { referral, serviceId };
      }
    }
    throw new Error('no suitable referral');
  };
  const service = (id: string) => sim.world.services.find((s) => s.id === id)!;
  const appointment = (referral: Referral, serviceId: string, extra: Json, version = referral.versionId): Json => ({
    id: 'appointment',
    meta: {
      profile: [
        'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1',
        'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
      ],
    },
    language: 'en',
    resourceType: 'Appointment',
    description: 'e-Referral Appointment',
    incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${version}` }],
    participant: [
      { actor: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } }, status: 'accepted' },
      { actor: { identifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: referral.patientNhsNumber } }, status: 'accepted' },
    ],
    ...extra,
  });
  const reason = (code: string): Json => ({
    reason: [{ coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code }] }],
  });
  const book = async (body: unknown, role: 'REFERRING_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN' = 'REFERRING_CLINICIAN') =>
    http.post('/STU3/Appointment', body, await asUser(sim, role));
  const dbsWithFreeSlot = (id: string): boolean =>
    service(id).bookableType === 'DIRECTLY_BOOKABLE' &&
    freeSlots(sim.world.slotSchedule, { serviceId: id, priority: 'URGENT', after: new Date(sim.now()).toISOString() }).some(
      (s) => !s.clinicianUserId && !s.urgentOnly,
    );

  it('books a free slot: 201 Appointment, slot busy, referral BOOKED in A005, appointment in A038', async () => {
    const { referral, serviceId } = fresh(dbsWithFreeSlot);
    const slot = freeSlots(sim.world.slotSchedule, {
      serviceId,
      priority: referral.priority,
      after: new Date(sim.now()).toISOString(),
    }).find((s) => !s.clinicianUserId)!;
    const version = referral.versionId;
    const response = await book(
      appointment(referral, serviceId, { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }], start: slot.start, end: slot.end }),
    );
    expect(response.status).toBe(201);
    expect(response.data).toMatchObject({
      resourceType: 'Appointment',
      status: 'booked',
      start: slot.start,
      slot: [{ reference: `Slot/${slot.id}` }],
    });
    expect(response.data.incomingReferral[0].reference).toBe(`ReferralRequest/${referral.ubrn}/_history/${version + 1}`);
    expect(slot.booked).toBe(true);
    const read = await http.get(`/STU3/ReferralRequest/${referral.ubrn}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    expect(read.headers.etag).toBe(`W/"${version + 1}"`);
    expect(stateOf(read.data).state).toBe('BOOKED');
    expect(read.data.contained.find((c: Json) => c.resourceType === 'Appointment').id).toBe('appointment');
    const a038 = await http.get(`/STU3/Appointment/${response.data.id}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    expect(a038.status).toBe(200);
    // The same slot cannot be booked twice.
    const { referral: second } = fresh((id) => id === serviceId);
    const again = await book(appointment(second, serviceId, { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }] }));
    expect([again.status, errorCode(again.data)]).toEqual([422, 'SLOT_NOT_AVAILABLE']);
  });

  it('sends a referral to a triage service (AWAITING_TRIAGE) and defers to a provider (DEFERRED_TO_PROVIDER)', async () => {
    const triage = sim.world.services.find((s) => s.requestFlows.includes('REVIEW'))!;
    const { referral } = fresh(() => true);
    referral.shortlist.push(triage.id);
    const sent = await book(appointment(referral, triage.id, { status: 'proposed', ...reason('TRIAGE') }));
    expect(sent.status).toBe(201);
    expect(referral.state).toBe('AWAITING_TRIAGE');

    const { referral: other, serviceId } = fresh(dbsWithFreeSlot);
    const refused = await book(appointment(other, serviceId, { status: 'proposed', ...reason('NO_SLOTS_AT_SERVICE') }));
    expect([refused.status, errorCode(refused.data)]).toEqual([422, 'SLOTS_CURRENTLY_AVAILABLE']);
    const deferred = await book(
      appointment(other, serviceId, {
        status: 'proposed',
        comment: 'Patient needs an afternoon slot',
        ...reason('BOOKING_ATTEMPT_PROBLEM'),
      }),
    );
    expect(deferred.status).toBe(201);
    const read = await http.get(`/STU3/ReferralRequest/${other.ubrn}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
    expect(stateOf(read.data)).toEqual({
      state: 'DEFERRED_TO_PROVIDER',
      reason: 'BOOKING_ATTEMPT_PROBLEM',
      comments: 'Patient needs an afternoon slot',
    });
  });

  it('answers 409 for a stale referral version, 422 in a state A029 does not allow, 422 for malformed bodies, 403 for providers', async () => {
    const { referral, serviceId } = fresh(dbsWithFreeSlot);
    const slot = freeSlots(sim.world.slotSchedule, {
      serviceId,
      priority: referral.priority,
      after: new Date(sim.now()).toISOString(),
    }).find((s) => !s.clinicianUserId)!;
    const body = appointment(referral, serviceId, { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }] }, referral.versionId - 1);
    const stale = await book(body);
    expect([stale.status, errorCode(stale.data)]).toEqual([409, 'CONFLICT']);
    const booked = sim.world.referrals.find((r) => r.state === 'BOOKED')!;
    const wrongState = await book(appointment(booked, booked.shortlist[0], { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }] }));
    expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    const noSlot = await book(appointment(referral, serviceId, { status: 'booked' }));
    expect([noSlot.status, errorCode(noSlot.data)]).toEqual([422, 'MISSING_VALUE']);
    const badStatus = await book(appointment(referral, serviceId, { status: 'arrived' }));
    expect(errorCode(badStatus.data)).toBe('INVALID_CODE');
    const noReferral = await book({ ...appointment(referral, serviceId, { status: 'booked' }), incomingReferral: undefined });
    expect(errorCode(noReferral.data)).toBe('MISSING_VALUE');
    const notShortlisted = sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE' && !referral.shortlist.includes(s.id))!;
    expect(
      errorCode(
        (await book(appointment(referral, notShortlisted.id, { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }] }))).data,
      ),
    ).toBe('INAPPROPRIATE_VALUE');
    expect(
      (
        await book(
          appointment(referral, serviceId, { status: 'booked', slot: [{ reference: `Slot/${slot.id}` }] }),
          'SERVICE_PROVIDER_CLINICIAN',
        )
      ).status,
    ).toBe(403);
    expect([referral.state, slot.booked]).toEqual(['NOT_BOOKED', false]);
  });
});
