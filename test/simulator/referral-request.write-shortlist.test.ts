import { startSimulator, type RunningSimulator } from '../../simulator';
import { freeSlots } from '../../simulator/data/slots';
import type { Referral } from '../../simulator/data/world';
import { asUser, OTHER_PRACTICE, OUTSIDERS } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';
import {
  coding,
  documentReference,
  ifMatch,
  parameters,
  PRIORITY,
  shortlist,
  unusedReferrals,
  worklistRequest,
  stateOf,
  uploadFile,
} from './helpers/write';

type Role = 'REFERRING_CLINICIAN' | 'REFERRING_CLINICIAN_ADMIN' | 'SERVICE_PROVIDER_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN_ADMIN';
const LETTER_INTENTION = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralLetterIntention-1';

describe('shortlist, triage and provider write endpoints (A019, A021, A022, A031, A032)', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  const fresh = unusedReferrals(() => sim);
  const service = (id: string) => sim.world.services.find((s) => s.id === id)!;
  const triageService = (specialty = 'CARDIOLOGY') =>
    sim.world.services.find((s) => s.requestFlows.includes('REVIEW') && s.specialty === specialty)!;
  const bookable = (specialty: string) =>
    sim.world.services.filter((s) => s.specialty === specialty && s.bookableType === 'DIRECTLY_BOOKABLE');
  const read = async (ubrn: string, role: Role = 'REFERRING_CLINICIAN') =>
    http.get(`/STU3/ReferralRequest/${ubrn}`, await asUser(sim, role));
  const contained = (referral: Json, type: string): Json[] => referral.contained.filter((c: Json) => c.resourceType === type);
  const worklist = async (code: string, role: Role): Promise<string[]> => {
    const response = await http.post('/STU3/ReferralRequest/$ers.fetchworklist', worklistRequest(code), await asUser(sim, role));
    return response.data.entry.map((e: Json) => e.item.reference.replace('ReferralRequest/', ''));
  };
  const tasks = async (referral: Referral, role: Role): Promise<string[]> => {
    const response = await http.get(
      `/STU3/Task?focus=ReferralRequest/${referral.ubrn}/_history/${referral.versionId}&intent=proposal&status=ready`,
      await asUser(sim, role),
    );
    return response.data.entry.map((e: Json) => e.resource.code.coding[0].code);
  };
  const withIfMatch = async (role: Role, version: number) => ({ ...(await asUser(sim, role)), ...ifMatch(version) });
  const shortlistParameters = (
    serviceIds: string[],
    {
      priority = 'ROUTINE',
      specialty,
      intention = 'NEED_TO_ADD_LATER',
      days = 0,
    }: { priority?: string; specialty?: string; intention?: string; days?: number } = {},
  ): Json[] => [
    { name: 'intentionToAddReferralLetter', valueCoding: coding(LETTER_INTENTION, intention) },
    { name: 'firstReminderLetterFollowUpDays', valueUnsignedInt: days },
    { name: 'shortlist', resource: shortlist(serviceIds, priority, specialty) },
  ];

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('A021 createReferralAndSendForTriage', () => {
    const url = '/STU3/ReferralRequest/$ers.createReferralAndSendForTriage';
    const body = (serviceIds = [triageService().id], options: Parameters<typeof shortlistParameters>[1] = {}, extra: Json[] = []): Json =>
      parameters('eRS-CreateReferralAndSendForTriage-Parameters-1', [
        { name: 'patient', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: sim.world.patients[1].nhsNumber } },
        ...shortlistParameters(serviceIds, options),
        ...extra,
      ]);

    it('creates a referral straight into AWAITING_TRIAGE with a proposed TRIAGE appointment, on the provider review worklist', async () => {
      const triage = triageService();
      const response = await http.post(
        url,
        body([triage.id], { priority: 'URGENT', specialty: 'CARDIOLOGY' }),
        await asUser(sim, 'REFERRING_CLINICIAN'),
      );
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('W/"1"');
      expect(stateOf(response.data)).toEqual({ state: 'AWAITING_TRIAGE', reason: 'TRIAGE', comments: undefined });
      const [appointment] = contained(response.data, 'Appointment');
      expect(appointment).toMatchObject({
        id: 'appointment',
        status: 'proposed',
        incomingReferral: [{ reference: `ReferralRequest/${response.data.id}/_history/1` }],
      });
      expect(appointment.reason[0].coding[0]).toEqual({ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code: 'TRIAGE' });
      expect(appointment.participant[0].actor.identifier.value).toBe(triage.id);

      const created = sim.world.referrals.find((r) => r.ubrn === response.data.id)!;
      fresh.reserve(created.ubrn);
      expect([created.priority, created.shortlist]).toEqual(['URGENT', [triage.id]]);
      const a005 = await read(created.ubrn, 'SERVICE_PROVIDER_CLINICIAN');
      expect(stateOf(a005.data).state).toBe('AWAITING_TRIAGE');
      const reference = a005.data.extension.find((e: Json) => e.url.endsWith('Extension-eRS-Appointment-Reference-1')).valueReference
        .reference;
      const a038 = await http.get(`/STU3/${reference}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect([a038.status, a038.data.status]).toEqual([200, 'proposed']);
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).toContain(created.ubrn);
      expect(await tasks(created, 'SERVICE_PROVIDER_CLINICIAN')).toContain('RECORD_REVIEW_OUTCOME');
      expect(await tasks(created, 'REFERRING_CLINICIAN')).not.toContain('CREATE_APPOINTMENT');
    });

    it('refuses shortlists that are not exactly one triage service, and the letter values triage does not allow (nothing created)', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      const before = sim.world.referrals.length;
      const post = async (b: Json) => {
        const response = await http.post(url, b, headers);
        return [response.status, errorCode(response.data)];
      };
      expect(await post(body([triageService().id, triageService('DERMATOLOGY').id]))).toEqual([422, 'TOO_MANY_ITEMS']);
      expect(await post(body([bookable('CARDIOLOGY')[0].id]))).toEqual([422, 'INAPPROPRIATE_VALUE']);
      expect(await post(body(undefined, { intention: 'NOT_INTENDING_TO_ADD' }))).toEqual([422, 'INAPPROPRIATE_VALUE']);
      expect(await post(body(undefined, { days: 7 }))).toEqual([422, 'INAPPROPRIATE_VALUE']);
      expect(await post(body(undefined, {}, [{ name: 'eReferralPathwayStart', valueInstant: '2025-01-01T00:00:00Z' }]))).toEqual([
        422,
        'UNEXPECTED_FIELD',
      ]);
      expect(
        await post({ ...body(), meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateReferral-Parameters-1'] } }),
      ).toEqual([422, 'INVALID_VALUE']);
      expect(await post(body(['99999']))).toEqual([422, 'REFERENCE_NOT_FOUND']);
      const rca = await http.post(url, body(), await asUser(sim, 'REFERRING_CLINICIAN_ADMIN'));
      expect([rca.status, errorCode(rca.data)]).toEqual([422, 'VALUE_IS_REQUIRED']);
      expect((await http.post(url, body(), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'))).status).toBe(403);
      expect(sim.world.referrals).toHaveLength(before);
    });
  });

  describe('A031 changeShortlist', () => {
    const change = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.changeShortlist`, body, headers);
    const body = (serviceIds: string[], options: Parameters<typeof shortlistParameters>[1] = {}): Json =>
      parameters(
        'eRS-ChangeShortlist-Parameters-1',
        shortlistParameters(serviceIds, { intention: 'NOT_INTENDING_TO_ADD', days: 14, ...options }),
      );

    it('replaces the shortlist, criteria, priority and specialty of an unbooked referral (new version, still NOT_BOOKED)', async () => {
      const referral = fresh('NOT_BOOKED', (r) => r.specialty !== 'DERMATOLOGY' && r.priority === 'ROUTINE');
      const version = referral.versionId;
      const services = [
        ...bookable('DERMATOLOGY')
          .slice(0, 2)
          .map((s) => s.id),
        triageService('DERMATOLOGY').id,
      ];
      const response = await change(
        referral.ubrn,
        body(services, { priority: 'TWO_WEEK_WAIT', specialty: 'DERMATOLOGY' }),
        await withIfMatch('REFERRING_CLINICIAN', version),
      );
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${version + 1}"`);
      expect(stateOf(response.data)).toEqual({ state: 'NOT_BOOKED', reason: undefined, comments: undefined });
      const a005 = await read(referral.ubrn);
      expect(a005.data.meta.versionId).toBe(String(version + 1));
      expect(a005.data.contained.find((c: Json) => c.id === 'shortlist').entry.map((e: Json) => e.item.identifier.value)).toEqual(services);
      expect(a005.data.specialty.coding[0].code).toBe('DERMATOLOGY');
      const priority = a005.data.extension.find((e: Json) => e.url.endsWith('Extension-eRS-ReferralPriority-1'));
      expect(priority.valueCodeableConcept.coding[0].code).toBe('TWO_WEEK_WAIT');
      const criteria = a005.data.contained.find((c: Json) => c.id === 'serviceSearchCriteria');
      expect(criteria.parameter.find((p: Json) => p.name === 'priority').valueCoding.code).toBe('TWO_WEEK_WAIT');
      expect(await tasks(referral, 'REFERRING_CLINICIAN')).toEqual(expect.arrayContaining(['CREATE_APPOINTMENT', 'CHANGE_SHORTLIST']));
    });

    it('moves a rejected referral back to NOT_BOOKED without its cancelled appointment: off REJECTED_TRIAGE_RESPONSE, onto AWAITING_BOOKING', async () => {
      const referral = fresh('REJECTED');
      expect(await worklist('REJECTED_TRIAGE_RESPONSE', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
      const response = await change(
        referral.ubrn,
        body([bookable(referral.specialty)[0].id]),
        await withIfMatch('REFERRING_CLINICIAN_ADMIN', referral.versionId),
      );
      expect(response.status).toBe(200);
      expect(stateOf(response.data)).toEqual({ state: 'NOT_BOOKED', reason: undefined, comments: undefined });
      expect(contained(response.data, 'Appointment')).toEqual([]);
      expect(await worklist('REJECTED_TRIAGE_RESPONSE', 'REFERRING_CLINICIAN')).not.toContain(referral.ubrn);
      expect(await worklist('AWAITING_BOOKING', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
    });

    it('answers 412 without If-Match, 409 for a stale one, 422 where A029 does not offer it, 404 / 422 for other UBRNs, 403 for providers', async () => {
      const referral = fresh('NOT_BOOKED');
      const ok = body([bookable(referral.specialty)[0].id]);
      const missing = await change(referral.ubrn, ok, await asUser(sim, 'REFERRING_CLINICIAN'));
      expect([missing.status, errorCode(missing.data)]).toEqual([412, 'MISSING_HEADER']);
      const stale = await change(referral.ubrn, ok, await withIfMatch('REFERRING_CLINICIAN', referral.versionId - 1));
      expect([stale.status, errorCode(stale.data)]).toEqual([409, 'CONFLICT']);
      const booked = fresh('BOOKED');
      const wrongState = await change(booked.ubrn, ok, await withIfMatch('REFERRING_CLINICIAN', booked.versionId));
      expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      const unknown = await change('999999999999', ok, await withIfMatch('REFERRING_CLINICIAN', 1));
      expect(unknown.status).toBe(404);
      const advice = sim.world.adviceAndGuidance[0];
      const wrongType = await change(advice.ubrn, ok, await withIfMatch('REFERRING_CLINICIAN', advice.versionId));
      expect([wrongType.status, errorCode(wrongType.data)]).toEqual([422, 'INVALID_REQUEST_TYPE']);
      const outsider = await change(referral.ubrn, ok, {
        ...(await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE)),
        ...ifMatch(referral.versionId),
      });
      expect([outsider.status, errorCode(outsider.data)]).toEqual([422, 'NO_RELATIONSHIP']);
      expect((await change(referral.ubrn, ok, await withIfMatch('SERVICE_PROVIDER_CLINICIAN', referral.versionId))).status).toBe(403);
      expect(referral.state).toBe('NOT_BOOKED');
    });

    it('refuses invalid shortlists with the page codes', async () => {
      const referral = fresh('NOT_BOOKED');
      const headers = await withIfMatch('REFERRING_CLINICIAN', referral.versionId);
      const post = async (b: Json) => {
        const response = await change(referral.ubrn, b, headers);
        return [response.status, errorCode(response.data)];
      };
      const referable = sim.world.services.filter((s) => s.requestFlows.includes('BOOKABLE') || s.requestFlows.includes('REVIEW'));
      expect(referable.length).toBeGreaterThan(20);
      expect(await post(body(referable.slice(0, 21).map((s) => s.id)))).toEqual([422, 'TOO_MANY_ITEMS']);
      const id = bookable('CARDIOLOGY')[0].id;
      expect(await post(body([id, id]))).toEqual([422, 'DUPLICATE_SERVICE']);
      expect(await post(body([id], { specialty: 'UROLOGY' }))).toEqual([422, 'SHORTLISTED_SERVICE_NOT_IN_RESULTS']);
      expect(await post(body([id], { intention: 'MAYBE' }))).toEqual([422, 'INVALID_CODE']);
      expect(await post(body([id], { priority: 'SOON' }))).toEqual([422, 'INVALID_CODE']);
      expect(await post(parameters('eRS-ChangeShortlist-Parameters-1', shortlistParameters([id]).slice(1)))).toEqual([
        422,
        'MISSING_VALUE',
      ]);
      expect(
        await post(parameters('eRS-ChangeShortlist-Parameters-1', [...shortlistParameters([id]), { name: 'patient', valueString: 'x' }])),
      ).toEqual([422, 'UNEXPECTED_FIELD']);
      expect(referral.versionId).toBe(referral.versions.length);
      expect(referral.versions).toHaveLength(Number((await read(referral.ubrn)).data.meta.versionId));
    });
  });

  describe('A032 changeShortlistAndSendForTriage', () => {
    const send = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.changeShortlistAndSendForTriage`, body, headers);
    const body = (serviceIds: string[], options: Parameters<typeof shortlistParameters>[1] = {}): Json =>
      parameters('eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1', shortlistParameters(serviceIds, options));

    it('answers Parameters with the referral (AWAITING_TRIAGE) and the created appointment, readable through A038 and on the review worklist', async () => {
      const referral = fresh('TRIAGE_RESPONSE');
      const version = referral.versionId;
      const previousAppointment = referral.appointment?.id;
      const triage = triageService('GASTROENTEROLOGY');
      const response = await send(
        referral.ubrn,
        body([triage.id], { intention: 'NOT_INTENDING_TO_ADD' }),
        await withIfMatch('REFERRING_CLINICIAN', version),
      );
      expect(response.status).toBe(200);
      expect(response.data.meta.profile).toEqual([
        'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlistAndSendForTriage-Response-Parameters-1',
      ]);
      expect(response.data.parameter.map((p: Json) => p.name)).toEqual(['updatedReferralRequest', 'createdAppointment']);
      const [updated, created] = response.data.parameter.map((p: Json) => p.resource);
      expect(updated.meta.versionId).toBe(String(version + 1));
      expect(stateOf(updated)).toEqual({ state: 'AWAITING_TRIAGE', reason: 'TRIAGE', comments: undefined });
      expect(created).toMatchObject({
        resourceType: 'Appointment',
        status: 'proposed',
        incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${version + 1}` }],
      });
      expect(created.id).toMatch(/^\d+$/);
      expect(created.id).not.toBe(previousAppointment);
      expect(created.participant[0].actor.identifier.value).toBe(triage.id);
      const a038 = await http.get(`/STU3/Appointment/${created.id}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect([a038.status, a038.headers.etag, a038.data.status]).toEqual([200, 'W/"1"', 'proposed']);
      expect((await read(referral.ubrn)).data.specialty.coding[0].code).toBe('GASTROENTEROLOGY');
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).toContain(referral.ubrn);
      expect(await worklist('REJECTED_TRIAGE_RESPONSE', 'REFERRING_CLINICIAN')).not.toContain(referral.ubrn);
    });

    it('refuses bookable or several services, reminder letters, a stale version and referrals A029 does not offer it for', async () => {
      const referral = fresh('NOT_BOOKED');
      const headers = await withIfMatch('REFERRING_CLINICIAN', referral.versionId);
      const post = async (b: Json, h = headers) => {
        const response = await send(referral.ubrn, b, h);
        return [response.status, errorCode(response.data)];
      };
      expect(await post(body([bookable('CARDIOLOGY')[0].id]))).toEqual([422, 'INAPPROPRIATE_VALUE']);
      expect(await post(body([triageService().id, triageService('UROLOGY').id]))).toEqual([422, 'TOO_MANY_ITEMS']);
      expect(await post(body([triageService().id], { days: 3 }))).toEqual([422, 'INAPPROPRIATE_VALUE']);
      expect(await post(body([triageService().id]), await withIfMatch('REFERRING_CLINICIAN', referral.versionId + 1))).toEqual([
        409,
        'CONFLICT',
      ]);
      const awaiting = fresh('AWAITING_TRIAGE');
      const wrongState = await send(
        awaiting.ubrn,
        body([triageService().id]),
        await withIfMatch('REFERRING_CLINICIAN', awaiting.versionId),
      );
      expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      expect(
        (await send(referral.ubrn, body([triageService().id]), await withIfMatch('SERVICE_PROVIDER_CLINICIAN', referral.versionId))).status,
      ).toBe(403);
      expect([referral.state, awaiting.state]).toEqual(['NOT_BOOKED', 'AWAITING_TRIAGE']);
    });
  });

  describe('A022 cancelAppointmentActionLater', () => {
    const actionLater = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.cancelAppointmentActionLater`, body, headers);
    /** The body with the given parameters; comments null leaves the mandatory comments out. */
    const body = (extra: Json[] = [], comments: string | null = 'Please contact patient to rebook'): Json =>
      parameters('eRS-cancelAppointmentActionLater-Parameters-1', [
        ...(comments === null ? [] : [{ name: 'comments', valueString: comments }]),
        ...extra,
      ]);
    const awaitingReview = (r: Referral) => r.acceptedAt === undefined && r.appointment?.status === 'booked';
    const directly = (r: Referral) =>
      awaitingReview(r) && service(r.appointment!.serviceId).bookableType === 'DIRECTLY_BOOKABLE' && r.appointment!.slotId !== undefined;
    const indirectly = (r: Referral) => awaitingReview(r) && service(r.appointment!.serviceId).bookableType === 'INDIRECTLY_BOOKABLE';

    it('cancels the appointment of a booked referral for the admin team: TRIAGED_PROVIDER_TO_ACTION, slot freed, new priority, attachment, off the review worklist', async () => {
      // Booked through A016 so that the slot is a real one of the schedule.
      const freeSlot = (id: string) =>
        service(id).bookableType === 'DIRECTLY_BOOKABLE'
          ? freeSlots(sim.world.slotSchedule, { serviceId: id, priority: 'ROUTINE', after: new Date(sim.now()).toISOString() }).find(
              (s) => !s.clinicianUserId,
            )
          : undefined;
      const referral = fresh('NOT_BOOKED', (r) => r.priority === 'ROUTINE' && r.shortlist.some((id) => freeSlot(id) !== undefined));
      const serviceId = referral.shortlist.find((id) => freeSlot(id) !== undefined)!;
      const slot = freeSlot(serviceId)!;
      const booking = await http.post(
        '/STU3/Appointment',
        {
          id: 'appointment',
          meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1'] },
          resourceType: 'Appointment',
          status: 'booked',
          slot: [{ reference: `Slot/${slot.id}` }],
          incomingReferral: [{ reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` }],
          participant: [
            { actor: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } }, status: 'accepted' },
            {
              actor: { identifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: referral.patientNhsNumber } },
              status: 'accepted',
            },
          ],
        },
        await asUser(sim, 'REFERRING_CLINICIAN'),
      );
      expect([booking.status, slot.booked]).toEqual([201, true]);
      const appointmentId = referral.appointment!.id;
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).toContain(referral.ubrn);
      const upload = await uploadFile(sim, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'), {
        name: 'review-notes.txt',
        referralId: referral.ubrn,
        bytes: 'Review notes',
      });
      expect(upload.status).toBe(201);
      const version = referral.versionId;
      const response = await actionLater(
        referral.ubrn,
        body([
          { name: 'priority', valueCoding: coding(PRIORITY, 'URGENT') },
          { name: 'providerAttachmentFile', resource: documentReference(upload.headers.location, 'PROVIDER') },
        ]),
        await withIfMatch('SERVICE_PROVIDER_CLINICIAN', version),
      );
      expect(response.status).toBe(200);
      // Two versions: the booked appointment cancelled, then a new proposed one as the current appointment.
      expect(response.headers.etag).toBe(`W/"${version + 2}"`);
      expect(stateOf(response.data)).toEqual({
        state: 'TRIAGED_PROVIDER_TO_ACTION',
        reason: 'CANCEL_APPOINTMENT_ACTION_LATER',
        comments: 'Please contact patient to rebook',
      });
      const current = contained(response.data, 'Appointment')[0];
      expect([current.status, current.reason[0].coding[0].code, current.comment]).toEqual([
        'proposed',
        'CANCEL_APPOINTMENT_ACTION_LATER',
        'Please contact patient to rebook',
      ]);
      expect(referral.appointment!.id).not.toBe(appointmentId);
      const a005 = await read(referral.ubrn, 'SERVICE_PROVIDER_CLINICIAN');
      expect(
        a005.data.extension.find((e: Json) => e.url.endsWith('Extension-eRS-ReferralPriority-1')).valueCodeableConcept.coding[0].code,
      ).toBe('URGENT');
      expect(contained(a005.data, 'DocumentReference').map((d: Json) => d.content[0].attachment.url)).toContain(upload.headers.location);
      const a038 = await http.get(`/STU3/Appointment/${appointmentId}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect([a038.data.status, a038.data.reason[0].coding[0].code, a038.data.comment]).toEqual([
        'cancelled',
        'CANCEL_APPOINTMENT_ACTION_LATER',
        'Please contact patient to rebook',
      ]);
      expect(slot.booked).toBe(false);
      // 'Appointments For Booking' is not an A008 worklist; the referral leaves the provider's A008 lists and the referrer's booking lists.
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).not.toContain(referral.ubrn);
      expect(await worklist('APPOINTMENT_SLOT_ISSUES', 'SERVICE_PROVIDER_CLINICIAN')).not.toContain(referral.ubrn);
      expect(await worklist('AWAITING_BOOKING', 'REFERRING_CLINICIAN')).not.toContain(referral.ubrn);
      expect(await tasks(referral, 'REFERRING_CLINICIAN')).toEqual(['CANCEL_REFERRAL']);
      const again = await actionLater(referral.ubrn, body(), await withIfMatch('SERVICE_PROVIDER_CLINICIAN', version + 2));
      expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    });

    it('needs appointmentCancelledInPAS for indirectly bookable services and refuses it for directly bookable ones', async () => {
      const ibs = fresh('BOOKED', indirectly);
      const headers = await withIfMatch('SERVICE_PROVIDER_CLINICIAN_ADMIN', ibs.versionId);
      const missing = await actionLater(ibs.ubrn, body(), headers);
      expect([missing.status, errorCode(missing.data)]).toEqual([422, 'VALUE_IS_REQUIRED']);
      const ok = await actionLater(ibs.ubrn, body([{ name: 'appointmentCancelledInPAS', valueBoolean: false }]), headers);
      expect(ok.status).toBe(200);
      expect(stateOf(ok.data).state).toBe('TRIAGED_PROVIDER_TO_ACTION');
      const dbs = fresh('BOOKED', directly);
      const notPermitted = await actionLater(
        dbs.ubrn,
        body([{ name: 'appointmentCancelledInPAS', valueBoolean: true }]),
        await withIfMatch('SERVICE_PROVIDER_CLINICIAN', dbs.versionId),
      );
      expect([notPermitted.status, errorCode(notPermitted.data)]).toEqual([422, 'FIELD_NOT_PERMITTED']);
      expect(dbs.state).toBe('BOOKED');
    });

    it('answers 422 for invalid bodies, wrong states and foreign files, 412 / 409 for If-Match, 403 for referrers', async () => {
      const referral = fresh('BOOKED', directly);
      const headers = await withIfMatch('SERVICE_PROVIDER_CLINICIAN', referral.versionId);
      const post = async (b: Json, ubrn = referral.ubrn, h = headers) => {
        const response = await actionLater(ubrn, b, h);
        return [response.status, errorCode(response.data)];
      };
      expect(await post(body([], null))).toEqual([422, 'MISSING_VALUE']);
      expect(await post(body([], 'x'.repeat(2001)))).toEqual([422, 'INVALID_VALUE']);
      expect(await post(body([{ name: 'priority', valueCoding: coding(PRIORITY, 'SOON') }]))).toEqual([422, 'INVALID_CODE']);
      expect(await post(body([{ name: 'reason', valueString: 'x' }]))).toEqual([422, 'UNEXPECTED_FIELD']);
      const other = fresh('NOT_BOOKED');
      const foreign = await uploadFile(sim, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'), {
        name: 'other.txt',
        referralId: other.ubrn,
        bytes: 'x',
      });
      expect(
        await post(body([{ name: 'providerAttachmentFile', resource: documentReference(foreign.headers.location, 'PROVIDER') }])),
      ).toEqual([422, 'INAPPROPRIATE_VALUE']);
      const triage = fresh('AWAITING_TRIAGE');
      expect(await post(body(), triage.ubrn, await withIfMatch('SERVICE_PROVIDER_CLINICIAN', triage.versionId))).toEqual([
        422,
        'INVALID_REQUEST_STATE',
      ]);
      // Once accepted (A013) the referral is no longer awaiting review.
      const accepted = fresh('BOOKED', directly);
      const accept = await http.post(
        `/STU3/ReferralRequest/${accepted.ubrn}/$ers.acceptReferral`,
        undefined,
        await withIfMatch('SERVICE_PROVIDER_CLINICIAN', accepted.versionId),
      );
      expect(accept.status).toBe(200);
      expect(await post(body(), accepted.ubrn, await withIfMatch('SERVICE_PROVIDER_CLINICIAN', accepted.versionId))).toEqual([
        422,
        'INVALID_REQUEST_STATE',
      ]);
      expect(await post(body(), referral.ubrn, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'))).toEqual([412, 'MISSING_HEADER']);
      expect(await post(body(), referral.ubrn, await withIfMatch('SERVICE_PROVIDER_CLINICIAN', referral.versionId + 1))).toEqual([
        409,
        'CONFLICT',
      ]);
      expect((await actionLater(referral.ubrn, body(), await withIfMatch('REFERRING_CLINICIAN', referral.versionId))).status).toBe(403);
      expect([referral.state, referral.appointment!.status]).toEqual(['BOOKED', 'booked']);
    });
  });

  describe('A019 generatePatientLetter', () => {
    const letter = async (ubrn: string, role: Role = 'REFERRING_CLINICIAN', odsCode?: string) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.generatePatientLetter`, undefined, await asUser(sim, role, odsCode), {
        responseType: 'arraybuffer',
      });
    const json = (data: ArrayBuffer): Json => JSON.parse(Buffer.from(data).toString('utf8'));

    it('answers a PDF attachment with the UBRN and booking instructions, and no patient identifiers', async () => {
      const referral = fresh('NOT_BOOKED');
      const patient = sim.world.patients.find((p) => p.nhsNumber === referral.patientNhsNumber)!;
      const response = await letter(referral.ubrn);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${referral.ubrn}_[A-Za-z_]+_\\d{14}\\.pdf"$`),
      );
      const text = Buffer.from(response.data).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toContain(referral.ubrn.replace(/(\d{4})(?=\d)/g, '$1 '));
      expect(text).toContain('Please book your appointment');
      expect(text).toContain(service(referral.shortlist[0]).name);
      expect(text).not.toContain(patient.nhsNumber);
      expect(text).not.toContain(patient.familyName);
    });

    it('tells the patient a booked appointment, as the letter of the referral now', async () => {
      const referral = fresh('BOOKED', (r) => r.appointment?.start !== undefined);
      const text = Buffer.from((await letter(referral.ubrn, 'REFERRING_CLINICIAN_ADMIN')).data).toString('latin1');
      expect(text).toContain(`booked for ${referral.appointment!.start!.slice(0, 16).replace('T', ' ')}`);
      expect(text).not.toContain('Please book your appointment');
    });

    it('answers 422 for cancelled referrals and unrelated organisations, 404 for unknown UBRNs, 403 for providers', async () => {
      const cancelled = fresh('CANCELLED_REFERRAL');
      const refused = await letter(cancelled.ubrn);
      expect([refused.status, errorCode(json(refused.data))]).toEqual([422, 'INVALID_REQUEST_STATE']);
      const referral = fresh('NOT_BOOKED');
      const outsider = await letter(referral.ubrn, 'REFERRING_CLINICIAN', OTHER_PRACTICE);
      expect([outsider.status, errorCode(json(outsider.data))]).toEqual([422, 'NO_RELATIONSHIP']);
      expect((await letter('999999999999')).status).toBe(404);
      const advice = await letter(sim.world.adviceAndGuidance[0].ubrn);
      expect([advice.status, errorCode(json(advice.data))]).toEqual([422, 'INVALID_REQUEST_TYPE']);
      expect((await letter(referral.ubrn, 'SERVICE_PROVIDER_CLINICIAN')).status).toBe(403);
    });
  });
});
