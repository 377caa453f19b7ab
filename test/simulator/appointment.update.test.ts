import axios from 'axios';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { freeSlots, type Slot } from '../../simulator/data/slots';
import type { Referral } from '../../simulator/data/world';
import { asUser, OTHER_PRACTICE, OUTSIDERS } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';
import { ifMatch, stateOf } from './helpers/write';

type Role = 'REFERRING_CLINICIAN' | 'REFERRING_CLINICIAN_ADMIN' | 'SERVICE_PROVIDER_CLINICIAN';

describe('A034 update appointment (PUT /STU3/Appointment/{id})', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  const used = new Set<string>();
  const service = (id: string) => sim.world.services.find((s) => s.id === id)!;
  /** An unused BOOKED referral whose appointment is at a service of the bookable type. */
  const booked = (bookableType: 'DIRECTLY_BOOKABLE' | 'INDIRECTLY_BOOKABLE' = 'DIRECTLY_BOOKABLE'): Referral => {
    const referral = sim.world.referrals.find(
      (r) =>
        r.state === 'BOOKED' &&
        !used.has(r.ubrn) &&
        r.appointment?.status === 'booked' &&
        service(r.appointment.serviceId).bookableType === bookableType,
    );
    if (!referral) throw new Error(`no unused ${bookableType} booking`);
    used.add(referral.ubrn);
    return referral;
  };
  /** An eRS-Appointment body for the referral's current version at the service. */
  const appointmentBody = (referral: Referral, serviceId: string, fields: Json): Json => ({
    meta: {
      profile: [
        'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1',
        'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
      ],
    },
    language: 'en',
    resourceType: 'Appointment',
    description: 'e-Referral Appointment',
    incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` }],
    participant: [
      { actor: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } }, status: 'accepted' },
      { actor: { identifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: referral.patientNhsNumber } }, status: 'accepted' },
    ],
    ...fields,
  });
  /** The A034 body cancelling the referral's current appointment with the reason. */
  const cancellation = (referral: Referral, code: string, extra: Json = {}): Json =>
    appointmentBody(referral, referral.appointment!.serviceId, {
      id: referral.appointment!.id,
      status: 'cancelled',
      reason: [{ coding: [{ system: `${sim.baseUrl}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`, code }] }],
      ...extra,
    });
  const put = (id: string, body: unknown, headers: Record<string, string>) =>
    axios.put(`${sim.baseUrl}/STU3/Appointment/${id}`, JSON.stringify(body), {
      headers: { 'Content-Type': 'application/fhir+json', ...headers },
      validateStatus: () => true,
    });
  const headersFor = async (version: number, role: Role = 'REFERRING_CLINICIAN') => ({ ...(await asUser(sim, role)), ...ifMatch(version) });
  const tasks = async (referral: Referral): Promise<string[]> => {
    const response = await http.get(
      `/STU3/Task?focus=ReferralRequest/${referral.ubrn}/_history/${referral.versionId}&intent=proposal&status=ready`,
      await asUser(sim, 'REFERRING_CLINICIAN'),
    );
    return response.data.entry.map((e: Json) => e.resource.code.coding[0].code);
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  /** A NOT_BOOKED referral booked through A016 into a free slot, so the slot is real. */
  const bookedThroughA016 = async (): Promise<{ referral: Referral; slot: Slot }> => {
    for (const referral of sim.world.referrals.filter((r) => r.state === 'NOT_BOOKED' && !used.has(r.ubrn))) {
      for (const serviceId of referral.shortlist.filter((id) => service(id).bookableType === 'DIRECTLY_BOOKABLE')) {
        const slot = freeSlots(sim.world.slotSchedule, {
          serviceId,
          priority: referral.priority,
          after: new Date(sim.now()).toISOString(),
        }).find((s) => !s.clinicianUserId);
        if (!slot) continue;
        used.add(referral.ubrn);
        const body = appointmentBody(referral, serviceId, {
          id: 'appointment',
          status: 'booked',
          slot: [{ reference: `Slot/${slot.id}` }],
        });
        const response = await http.post('/STU3/Appointment', body, await asUser(sim, 'REFERRING_CLINICIAN'));
        expect(response.status).toBe(201);
        return { referral, slot };
      }
    }
    throw new Error('no referral to book');
  };

  it('cancels the current appointment: new appointment version (A038 and ETag), slot freed, referral APPT_CANCELLED_BY_PATIENT', async () => {
    const { referral, slot } = await bookedThroughA016();
    const { id } = referral.appointment!;
    expect(slot.booked).toBe(true);
    const before = await http.get(`/STU3/Appointment/${id}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    const appointmentVersion = Number(/^W\/"(\d+)"$/.exec(before.headers.etag)![1]);
    const referralVersion = referral.versionId;
    expect(await tasks(referral)).toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');

    const response = await put(
      id,
      cancellation(referral, 'PATIENT_ILL', { comment: 'Patient has flu' }),
      await headersFor(appointmentVersion),
    );
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`W/"${appointmentVersion + 1}"`);
    expect(response.data).toMatchObject({
      id,
      resourceType: 'Appointment',
      status: 'cancelled',
      comment: 'Patient has flu',
      meta: { versionId: String(appointmentVersion + 1) },
    });
    expect(response.data.reason[0].coding[0]).toMatchObject({
      system: `${sim.baseUrl}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`,
      code: 'PATIENT_ILL',
    });
    expect(response.data.incomingReferral[0].reference).toBe(`ReferralRequest/${referral.ubrn}/_history/${referralVersion + 1}`);

    const a038 = await http.get(`/STU3/Appointment/${id}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
    expect([a038.headers.etag, a038.data.status]).toEqual([`W/"${appointmentVersion + 1}"`, 'cancelled']);
    const previous = await http.get(`/STU3/Appointment/${id}/_history/${appointmentVersion}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    expect(previous.data.status).toBe('booked');
    const a005 = await http.get(`/STU3/ReferralRequest/${referral.ubrn}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    expect(a005.headers.etag).toBe(`W/"${referralVersion + 1}"`);
    expect(stateOf(a005.data)).toEqual({ state: 'APPT_CANCELLED_BY_PATIENT', reason: 'PATIENT_ILL', comments: 'Patient has flu' });
    expect(slot.booked).toBe(false);
    expect(await tasks(referral)).toEqual(expect.arrayContaining(['CREATE_APPOINTMENT', 'CHANGE_SHORTLIST']));
    expect(await tasks(referral)).not.toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');

    // Cancelled once, the appointment cannot be cancelled again.
    const again = await put(id, cancellation(referral, 'PATIENT_ILL'), await headersFor(appointmentVersion + 1));
    expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
  });

  it('checks the reason: unknown (INVALID_VALUE), not a current CANCEL reason for referrers (INAPPROPRIATE_VALUE), a mandatory comment (MISSING_VALUE)', async () => {
    const referral = booked();
    const version = referral.appointment!.versionId;
    const headers = await headersFor(version, 'REFERRING_CLINICIAN_ADMIN');
    const code = async (reason: string, extra: Json = {}) => {
      const response = await put(referral.appointment!.id, cancellation(referral, reason, extra), headers);
      return [response.status, errorCode(response.data)];
    };
    expect(await code('NOT_A_REASON')).toEqual([422, 'INVALID_VALUE']);
    // A provider's reason (no usage), a rejection reason (usage REJECT), a patient reason retired in 2007.
    expect(await code('CLINIC_CANCELLED')).toEqual([422, 'INAPPROPRIATE_VALUE']);
    expect(await code('SERVICE_INAPPROPRIATE', { comment: 'x' })).toEqual([422, 'INAPPROPRIATE_VALUE']);
    expect(await code('PATIENT_APPOINTMENT_CLASH')).toEqual([422, 'INAPPROPRIATE_VALUE']);
    expect(await code('PATIENT_OTHER_ENGAGEMENT')).toEqual([422, 'MISSING_VALUE']);
    const wrongSystem = cancellation(referral, 'PATIENT_ILL');
    wrongSystem.reason[0].coding[0].system = `${sim.baseUrl}/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON`;
    expect(errorCode((await put(referral.appointment!.id, wrongSystem, headers)).data)).toBe('INVALID_VALUE');
    expect(referral.appointment!.status).toBe('booked');
    const ok = await put(
      referral.appointment!.id,
      cancellation(referral, 'PATIENT_OTHER_ENGAGEMENT', { comment: 'Has a hospital appointment elsewhere that day' }),
      headers,
    );
    expect(ok.status).toBe(200);
    expect(referral.state).toBe('APPT_CANCELLED_BY_PATIENT');
  });

  it('answers 412 without If-Match, 409 for a stale appointment or referral version, 400 for a malformed one', async () => {
    const referral = booked();
    const id = referral.appointment!.id;
    const version = referral.appointment!.versionId;
    const missing = await put(id, cancellation(referral, 'PATIENT_ILL'), await asUser(sim, 'REFERRING_CLINICIAN'));
    expect([missing.status, errorCode(missing.data)]).toEqual([412, 'MISSING_HEADER']);
    const stale = await put(id, cancellation(referral, 'PATIENT_ILL'), await headersFor(version + 1));
    expect([stale.status, errorCode(stale.data)]).toEqual([409, 'CONFLICT']);
    const staleReferral = cancellation(referral, 'PATIENT_ILL', {
      incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId - 1}` }],
    });
    expect((await put(id, staleReferral, await headersFor(version))).status).toBe(409);
    const malformed = await put(id, cancellation(referral, 'PATIENT_ILL'), {
      ...(await asUser(sim, 'REFERRING_CLINICIAN')),
      'If-Match': String(version),
    });
    expect(malformed.status).toBe(400);
    expect(referral.appointment!.status).toBe('booked');
  });

  it('refuses other updates and malformed bodies (422), unknown appointments (404), indirectly bookable bookings, outsiders and providers', async () => {
    const referral = booked();
    const id = referral.appointment!.id;
    const headers = await headersFor(referral.appointment!.versionId);
    const code = async (body: Json, path = id) => {
      const response = await put(path, body, headers);
      return [response.status, errorCode(response.data)];
    };
    expect(await code(cancellation(referral, 'PATIENT_ILL', { status: 'booked' }))).toEqual([422, 'INVALID_VALUE']);
    expect(await code(cancellation(referral, 'PATIENT_ILL', { id: '1' }))).toEqual([422, 'INVALID_VALUE']);
    expect(await code(cancellation(referral, 'PATIENT_ILL', { colour: 'red' }))).toEqual([422, 'UNEXPECTED_FIELD']);
    expect(await code(cancellation(referral, 'PATIENT_ILL', { reason: undefined }))).toEqual([422, 'MISSING_VALUE']);
    expect(await code(cancellation(referral, 'PATIENT_ILL', { incomingReferral: undefined }))).toEqual([422, 'MISSING_VALUE']);
    const otherReferral = sim.world.referrals.find((r) => r.ubrn !== referral.ubrn)!;
    expect(
      await code(
        cancellation(referral, 'PATIENT_ILL', {
          incomingReferral: [{ reference: `ReferralRequest/${otherReferral.ubrn}/_history/${referral.versionId}` }],
        }),
      ),
    ).toEqual([422, 'INAPPROPRIATE_VALUE']);
    expect(await code({ ...cancellation(referral, 'PATIENT_ILL'), id: '999999' }, '999999')).toEqual([404, 'REC_NOT_FOUND']);

    const ibs = booked('INDIRECTLY_BOOKABLE');
    const wrongState = await put(ibs.appointment!.id, cancellation(ibs, 'PATIENT_ILL'), await headersFor(ibs.appointment!.versionId));
    expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    const outsider = await put(id, cancellation(referral, 'PATIENT_ILL'), {
      ...(await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE)),
      ...ifMatch(referral.appointment!.versionId),
    });
    expect([outsider.status, errorCode(outsider.data)]).toEqual([422, 'NO_RELATIONSHIP']);
    expect(
      (
        await put(
          id,
          cancellation(referral, 'PATIENT_ILL'),
          await headersFor(referral.appointment!.versionId, 'SERVICE_PROVIDER_CLINICIAN'),
        )
      ).status,
    ).toBe(403);
    expect([referral.state, ibs.state]).toEqual(['BOOKED', 'BOOKED']);
  });
});
