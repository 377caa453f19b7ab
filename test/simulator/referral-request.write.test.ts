import { startSimulator, type RunningSimulator } from '../../simulator';
import type { Referral } from '../../simulator/data/world';
import { asApplication, asUser } from './helpers/caller';
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

describe('referral write endpoints', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  const fresh = unusedReferrals(() => sim);
  const read = async (ubrn: string, role: 'REFERRING_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN' = 'SERVICE_PROVIDER_CLINICIAN') =>
    http.get(`/STU3/ReferralRequest/${ubrn}`, await asUser(sim, role));
  const worklist = async (code: string, role: 'REFERRING_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN'): Promise<string[]> => {
    const response = await http.post('/STU3/ReferralRequest/$ers.fetchworklist', worklistRequest(code), await asUser(sim, role));
    return response.data.entry.map((e: Json) => e.item.reference.replace('ReferralRequest/', ''));
  };
  const tasks = async (referral: Referral, role: 'REFERRING_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN'): Promise<string[]> => {
    const response = await http.get(
      `/STU3/Task?focus=ReferralRequest/${referral.ubrn}/_history/${referral.versionId}&intent=proposal&status=ready`,
      await asUser(sim, role),
    );
    return response.data.entry.map((e: Json) => e.resource.code.coding[0].code);
  };

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  describe('A011 createReferral', () => {
    const url = '/STU3/ReferralRequest/$ers.createReferral';
    const body = (extra: Json[] = [], serviceIds?: string[]): Json => {
      const service = sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE')!;
      return parameters('eRS-CreateReferral-Parameters-1', [
        { name: 'patient', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: sim.world.patients[0].nhsNumber } },
        {
          name: 'intentionToAddReferralLetter',
          valueCoding: coding('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralLetterIntention-1', 'NEED_TO_ADD_LATER'),
        },
        { name: 'firstReminderLetterFollowUpDays', valueUnsignedInt: 0 },
        { name: 'shortlist', resource: shortlist(serviceIds ?? [service.id], 'URGENT', service.specialty) },
        ...extra,
      ]);
    };

    it('creates a NOT_BOOKED referral with the next UBRN, visible through A005, A029 and A008', async () => {
      const before = sim.world.referrals.length;
      const highest = Math.max(...sim.world.referrals.map((r) => Number(r.ubrn)));
      const response = await http.post(url, body(), await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('W/"1"');
      expect(response.data.id).toBe(String(highest + 1).padStart(12, '0'));
      expect(stateOf(response.data).state).toBe('NOT_BOOKED');
      expect(sim.world.referrals).toHaveLength(before + 1);
      const read1 = await read(response.data.id, 'REFERRING_CLINICIAN');
      expect(read1.status).toBe(200);
      expect(read1.data.contained.find((c: Json) => c.id === 'shortlist').entry).toHaveLength(1);
      const created = sim.world.referrals.find((r) => r.ubrn === response.data.id)!;
      expect(created.priority).toBe('URGENT');
      expect(await tasks(created, 'REFERRING_CLINICIAN')).toContain('CREATE_APPOINTMENT');
      expect(await worklist('LETTERS_OUTSTANDING', 'REFERRING_CLINICIAN')).toContain(created.ubrn);
      fresh.reserve(created.ubrn);
    });

    it('answers 422 for malformed bodies and business rule breaches', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      const missing = body();
      missing.parameter = missing.parameter.filter((p: Json) => p.name !== 'patient');
      expect(errorCode((await http.post(url, missing, headers)).data)).toBe('MISSING_VALUE');
      expect(errorCode((await http.post(url, body([{ name: 'colour', valueString: 'red' }]), headers)).data)).toBe('UNEXPECTED_FIELD');
      const dup = sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE')!.id;
      expect(errorCode((await http.post(url, body([], [dup, dup]), headers)).data)).toBe('DUPLICATE_SERVICE');
      expect(errorCode((await http.post(url, body([], ['99999']), headers)).data)).toBe('REFERENCE_NOT_FOUND');
      const rca = await http.post(url, body(), await asUser(sim, 'REFERRING_CLINICIAN_ADMIN'));
      expect([rca.status, errorCode(rca.data)]).toEqual([422, 'VALUE_IS_REQUIRED']);
    });

    it('refuses provider roles (403)', async () => {
      const response = await http.post(url, body(), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(response.status).toBe(403);
    });
  });

  describe('A013 acceptReferral', () => {
    const accept = (ubrn: string, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.acceptReferral`, undefined, headers);

    it('accepts a booked referral: new version, still BOOKED, off the review worklist', async () => {
      const referral = fresh('BOOKED');
      const version = referral.versionId;
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).toContain(referral.ubrn);
      const response = await accept(referral.ubrn, { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(version) });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${version + 1}"`);
      expect(stateOf(response.data).state).toBe('BOOKED');
      expect((await read(referral.ubrn)).data.meta.versionId).toBe(String(version + 1));
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).not.toContain(referral.ubrn);
      // Accepting twice is not allowed.
      const again = await accept(referral.ubrn, { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(version + 1) });
      expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    });

    it('works application-restricted', async () => {
      const referral = fresh('BOOKED');
      const response = await accept(referral.ubrn, { ...(await asApplication(sim)), ...ifMatch(referral.versionId) });
      expect(response.status).toBe(200);
    });

    it('answers 409 for a stale If-Match and 412 without one', async () => {
      const referral = fresh('BOOKED');
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const stale = await accept(referral.ubrn, { ...headers, ...ifMatch(referral.versionId - 1) });
      expect([stale.status, errorCode(stale.data)]).toEqual([409, 'CONFLICT']);
      const missing = await accept(referral.ubrn, headers);
      expect(missing.status).toBe(412);
      const malformed = await accept(referral.ubrn, { ...headers, 'If-Match': '3' });
      expect(malformed.status).toBe(400);
      expect(referral.acceptedAt).toBeUndefined();
    });

    it('refuses referrals not booked (422 INVALID_REQUEST_STATE) and referrer roles (403)', async () => {
      const triage = fresh('AWAITING_TRIAGE');
      const response = await accept(triage.ubrn, { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(triage.versionId) });
      expect([response.status, errorCode(response.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      const referrer = await accept(triage.ubrn, { ...(await asUser(sim, 'REFERRING_CLINICIAN')), ...ifMatch(triage.versionId) });
      expect(referrer.status).toBe(403);
    });
  });

  describe('A014 rejectReferral', () => {
    const reject = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.rejectReferral`, body, headers);
    const body = (
      code = 'SERVICE_INAPPROPRIATE',
      extra: Json[] = [{ name: 'rejectionComments', valueString: 'Please refer to the community service.' }],
    ): Json =>
      parameters('eRS-RejectReferral-Parameters-1', [
        { name: 'rejectionReason', valueCoding: coding(`${sim.baseUrl}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`, code) },
        ...extra,
      ]);

    it('rejects a directly booked referral: REJECTED, appointment cancelled, slot freed, on the referrer worklist', async () => {
      const referral = fresh('BOOKED', (r) => r.appointment?.slotId !== undefined);
      const slotId = referral.appointment!.slotId!;
      const slot = sim.world.slotSchedule.slots.find((s) => s.id === slotId);
      if (slot) slot.booked = true;
      const response = await reject(referral.ubrn, body(), {
        ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')),
        ...ifMatch(referral.versionId),
      });
      expect(response.status).toBe(200);
      expect(stateOf(response.data)).toEqual({
        state: 'REJECTED',
        reason: 'SERVICE_INAPPROPRIATE',
        comments: 'Please refer to the community service.',
      });
      const read1 = await read(referral.ubrn);
      expect(read1.data.contained.find((c: Json) => c.resourceType === 'Appointment').status).toBe('cancelled');
      if (slot) expect(slot.booked).toBe(false);
      expect(await worklist('REJECTED_TRIAGE_RESPONSE', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
      expect(await tasks(referral, 'REFERRING_CLINICIAN')).toContain('CREATE_APPOINTMENT');
    });

    it('needs appointmentCancelledInPAS for indirectly bookable services and a comment when the reason says so', async () => {
      const ibs = fresh('BOOKED', (r) => r.appointment?.slotId === undefined);
      const headers = { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(ibs.versionId) };
      expect(errorCode((await reject(ibs.ubrn, body(), headers)).data)).toBe('VALUE_IS_REQUIRED');
      // No e-RS rejection reason needs a comment today, so the rule is exercised with the flag set on one.
      const furtherInformation = sim.world.referenceData.appointmentCancellationReasons.find(
        (c) => c.code === 'FURTHER_INFORMATION_REQUIRED',
      )!;
      furtherInformation.commentIsMandatory = true;
      try {
        expect(
          errorCode(
            (
              await reject(
                ibs.ubrn,
                body('FURTHER_INFORMATION_REQUIRED', [{ name: 'appointmentCancelledInPAS', valueBoolean: true }]),
                headers,
              )
            ).data,
          ),
        ).toBe('VALUE_IS_REQUIRED');
      } finally {
        furtherInformation.commentIsMandatory = false;
      }
      // A patient's CANCEL reason (A034) is not a rejection reason.
      expect(errorCode((await reject(ibs.ubrn, body('PATIENT_ILL'), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      const ok = await reject(
        ibs.ubrn,
        body('FURTHER_INFORMATION_REQUIRED', [
          { name: 'rejectionComments', valueString: 'x' },
          { name: 'appointmentCancelledInPAS', valueBoolean: true },
        ]),
        headers,
      );
      expect(ok.status).toBe(200);
    });

    it('answers 422 for a malformed body, 409 for a stale version, 422 in the wrong state and 403 for referrers', async () => {
      const referral = fresh('BOOKED');
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const malformed = await reject(
        referral.ubrn,
        parameters('eRS-RejectReferral-Parameters-1', [{ name: 'rejectionComments', valueString: 'no reason' }]),
        { ...headers, ...ifMatch(referral.versionId) },
      );
      expect([malformed.status, errorCode(malformed.data)]).toEqual([422, 'MISSING_VALUE']);
      const wrongType = await reject(
        referral.ubrn,
        parameters('eRS-RejectReferral-Parameters-1', [{ name: 'rejectionReason', valueString: 'X' }]),
        { ...headers, ...ifMatch(referral.versionId) },
      );
      expect([wrongType.status, errorCode(wrongType.data)]).toEqual([422, 'INVALID_VALUE']);
      const stale = await reject(referral.ubrn, body(), { ...headers, ...ifMatch(referral.versionId + 5) });
      expect(stale.status).toBe(409);
      const cancelled = fresh('CANCELLED_REFERRAL');
      const wrongState = await reject(cancelled.ubrn, body(), { ...headers, ...ifMatch(cancelled.versionId) });
      expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      expect(
        (await reject(referral.ubrn, body(), { ...(await asUser(sim, 'REFERRING_CLINICIAN')), ...ifMatch(referral.versionId) })).status,
      ).toBe(403);
      expect(referral.state).toBe('BOOKED');
    });
  });

  describe('A028 recordReviewOutcome', () => {
    const review = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.recordReviewOutcome`, body, headers);
    const body = (outcome: string, extra: Json[] = []): Json =>
      parameters('eRS-RecordReviewOutcome-Parameters-1', [
        { name: 'reviewOutcome', valueCoding: coding('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', outcome) },
        { name: 'reviewComments', valueString: 'Reviewed.' },
        ...extra,
      ]);

    it('RETURN_TO_REFERRER_WITH_ADVICE moves a triage referral to TRIAGE_RESPONSE', async () => {
      const referral = fresh('AWAITING_TRIAGE');
      const response = await review(referral.ubrn, body('RETURN_TO_REFERRER_WITH_ADVICE'), {
        ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')),
        ...ifMatch(referral.versionId),
      });
      expect(response.status).toBe(200);
      expect(stateOf((await read(referral.ubrn)).data)).toEqual({
        state: 'TRIAGE_RESPONSE',
        reason: 'RETURN_TO_REFERRER_WITH_ADVICE',
        comments: 'Reviewed.',
      });
      expect(await worklist('REJECTED_TRIAGE_RESPONSE', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
      expect(await worklist('REFERRALS_FOR_REVIEW', 'SERVICE_PROVIDER_CLINICIAN')).not.toContain(referral.ubrn);
    });

    it('ACCEPT_REFER_BOOK_LATER moves a deferred referral to TRIAGED_PROVIDER_TO_ACTION with the new priority', async () => {
      const referral = fresh('DEFERRED_TO_PROVIDER', (r) => r.priority === 'ROUTINE');
      const response = await review(
        referral.ubrn,
        body('ACCEPT_REFER_BOOK_LATER', [{ name: 'reviewPriority', valueCoding: coding(PRIORITY, 'URGENT') }]),
        {
          ...(await asApplication(sim)),
          ...ifMatch(referral.versionId),
        },
      );
      expect(response.status).toBe(200);
      expect(stateOf(response.data).state).toBe('TRIAGED_PROVIDER_TO_ACTION');
      expect(referral.priority).toBe('URGENT');
      expect(await worklist('APPOINTMENT_SLOT_ISSUES', 'SERVICE_PROVIDER_CLINICIAN')).not.toContain(referral.ubrn);
      expect(await tasks(referral, 'SERVICE_PROVIDER_CLINICIAN')).not.toContain('RECORD_REVIEW_OUTCOME');
    });

    it('refuses other outcomes, a priority change with advice, malformed bodies, stale versions, wrong states and referrers', async () => {
      const referral = fresh('AWAITING_TRIAGE', (r) => r.priority === 'ROUTINE');
      const headers = { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(referral.versionId) };
      expect(errorCode((await review(referral.ubrn, body('CANCEL_APPOINTMENT_ACTION_LATER'), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      expect(errorCode((await review(referral.ubrn, body('MAYBE'), headers)).data)).toBe('INVALID_CODE');
      expect(
        errorCode(
          (
            await review(
              referral.ubrn,
              body('RETURN_TO_REFERRER_WITH_ADVICE', [{ name: 'reviewPriority', valueCoding: coding(PRIORITY, 'URGENT') }]),
              headers,
            )
          ).data,
        ),
      ).toBe('PRIORITY_NOT_CURRENT');
      const noComment = parameters('eRS-RecordReviewOutcome-Parameters-1', [
        {
          name: 'reviewOutcome',
          valueCoding: coding('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', 'ACCEPT_REFER_BOOK_LATER'),
        },
      ]);
      expect(errorCode((await review(referral.ubrn, noComment, headers)).data)).toBe('MISSING_VALUE');
      expect((await review(referral.ubrn, body('ACCEPT_REFER_BOOK_LATER'), { ...headers, ...ifMatch(1_000) })).status).toBe(409);
      const booked = fresh('BOOKED');
      const wrongState = await review(booked.ubrn, body('ACCEPT_REFER_BOOK_LATER'), { ...headers, ...ifMatch(booked.versionId) });
      expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      expect(
        (
          await review(referral.ubrn, body('ACCEPT_REFER_BOOK_LATER'), {
            ...(await asUser(sim, 'REFERRING_CLINICIAN')),
            ...ifMatch(referral.versionId),
          })
        ).status,
      ).toBe(403);
      expect(referral.state).toBe('AWAITING_TRIAGE');
    });
  });

  describe('A036 cancelReferral', () => {
    const cancel = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.cancelReferral`, body, headers);
    const body = (code: string, comment?: string): Json =>
      parameters('eRS-CancelReferral-Request-Parameters-1', [
        { name: 'cancellationReason', valueCoding: coding(`${sim.baseUrl}/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON`, code) },
        ...(comment ? [{ name: 'cancellationComments', valueString: comment }] : []),
      ]);

    it('cancels a booked referral and its appointment (Parameters with both), an end state for A029', async () => {
      const referral = fresh('BOOKED', (r) => r.appointment?.slotId !== undefined);
      const response = await cancel(referral.ubrn, body('TREATMENT_NO_LONGER_REQUIRED'), {
        ...(await asUser(sim, 'REFERRING_CLINICIAN')),
        ...ifMatch(referral.versionId),
      });
      expect(response.status).toBe(200);
      expect(response.data.parameter.map((p: Json) => p.name)).toEqual(['updatedReferralRequest', 'updatedAppointment']);
      expect(response.data.parameter[1].resource.status).toBe('cancelled');
      const read1 = await read(referral.ubrn, 'REFERRING_CLINICIAN');
      expect(read1.data.status).toBe('cancelled');
      expect(stateOf(read1.data)).toMatchObject({ state: 'CANCELLED_REFERRAL', reason: 'TREATMENT_NO_LONGER_REQUIRED' });
      expect(await tasks(referral, 'REFERRING_CLINICIAN')).toEqual([]);
      // Once cancelled, it cannot be cancelled again.
      const again = await cancel(referral.ubrn, body('TREATMENT_NO_LONGER_REQUIRED'), {
        ...(await asUser(sim, 'REFERRING_CLINICIAN')),
        ...ifMatch(referral.versionId),
      });
      expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    });

    it('lets a provider cancel with a provider reason and puts it on the referrer worklist', async () => {
      const referral = fresh('NOT_BOOKED');
      const response = await cancel(referral.ubrn, body('BOOKED_OUTSIDE_CAB', 'Seen at another trust.'), {
        ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')),
        ...ifMatch(referral.versionId),
      });
      expect(response.status).toBe(200);
      expect(response.data.parameter).toHaveLength(1);
      expect(await worklist('ASSESSMENT_RETURNED_CANCELLED_DNA', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
    });

    it('lets an application cancel with a reason e-RS gives to PROVIDER_AUTHORISED_APPLICATION, not with a referrer-only one', async () => {
      const referral = fresh('NOT_BOOKED');
      const headers = { ...(await asApplication(sim)), ...ifMatch(referral.versionId) };
      expect(errorCode((await cancel(referral.ubrn, body('RAISED_IN_ERROR'), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      const response = await cancel(referral.ubrn, body('TRIAGE_ENDED'), headers);
      expect(response.status).toBe(200);
      expect(stateOf(response.data.parameter[0].resource)).toMatchObject({ state: 'CANCELLED_REFERRAL', reason: 'TRIAGE_ENDED' });
      // A PROVIDER_TRIAGE cancellation did not come from the referrer: it goes back on the referrer's worklist.
      expect(await worklist('ASSESSMENT_RETURNED_CANCELLED_DNA', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
    });

    it('refuses reasons of the other side, missing mandatory comments, malformed bodies, stale versions and outside roles', async () => {
      const referral = fresh('NOT_BOOKED');
      const headers = { ...(await asUser(sim, 'REFERRING_CLINICIAN')), ...ifMatch(referral.versionId) };
      expect(errorCode((await cancel(referral.ubrn, body('BOOKED_OUTSIDE_CAB', 'x'), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      // A reason without referrerUsage CANCEL_REFERRAL is not an A036 reason, whoever gives it.
      expect(errorCode((await cancel(referral.ubrn, body('PATIENT_APPOINTMENT_CANCELLATION_OTHER', 'x'), headers)).data)).toBe(
        'INAPPROPRIATE_VALUE',
      );
      expect(errorCode((await cancel(referral.ubrn, body('PATIENT_REQUEST_CANCELLATION_OTHER'), headers)).data)).toBe('MISSING_VALUE');
      expect(errorCode((await cancel(referral.ubrn, body('NOT_A_REASON'), headers)).data)).toBe('INVALID_VALUE');
      expect(errorCode((await cancel(referral.ubrn, { resourceType: 'Parameters' }, headers)).data)).toBe('MISSING_VALUE');
      expect(
        (await cancel(referral.ubrn, body('TREATMENT_NO_LONGER_REQUIRED'), { ...headers, ...ifMatch(referral.versionId + 1) })).status,
      ).toBe(409);
      expect(
        (
          await cancel(referral.ubrn, body('TREATMENT_NO_LONGER_REQUIRED'), {
            ...(await asUser(sim, 'REFERRING_ADMIN')),
            ...ifMatch(referral.versionId),
          })
        ).status,
      ).toBe(403);
      expect(referral.state).toBe('NOT_BOOKED');
    });
  });

  describe('A012 maintainReferralLetter', () => {
    const upload = async (ubrn: string, name: string): Promise<string> => {
      const response = await uploadFile(sim, await asUser(sim, 'REFERRING_CLINICIAN'), {
        name,
        referralId: ubrn,
        bytes: 'Referral letter text',
      });
      expect(response.status).toBe(201);
      return response.headers.location;
    };
    const maintain = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/ReferralRequest/${ubrn}/$ers.maintainReferralLetter`, body, headers);
    const body = (...locations: string[]): Json =>
      parameters(
        'eRS-MaintainReferralLetter-Parameters-1',
        locations.map((l) => ({ name: 'referralLetterFile', resource: documentReference(l, 'REFERRER') })),
      );

    it('attaches an uploaded letter: clinical info first submitted, off LETTERS_OUTSTANDING, downloadable', async () => {
      const referral = fresh('NOT_BOOKED', (r) => r.clinicalInfoFirstSubmitted === undefined);
      expect(await worklist('LETTERS_OUTSTANDING', 'REFERRING_CLINICIAN')).toContain(referral.ubrn);
      const location = await upload(referral.ubrn, 'letter.txt');
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      const response = await maintain(referral.ubrn, body(location), { ...headers, ...ifMatch(referral.versionId) });
      expect(response.status).toBe(200);
      const docs = response.data.contained.filter((c: Json) => c.resourceType === 'DocumentReference');
      expect(docs.map((d: Json) => d.content[0].attachment.url)).toContain(location);
      expect(response.data.extension.some((e: Json) => e.url.endsWith('Extension-eRS-ClinicalInfoFirstSubmitted-1'))).toBe(true);
      expect(await worklist('LETTERS_OUTSTANDING', 'REFERRING_CLINICIAN')).not.toContain(referral.ubrn);
      const download = await http.get(`/STU3/${location}`, headers);
      expect([download.status, download.data]).toEqual([200, 'Referral letter text']);
    });

    it('refuses unknown files, files for another referral, stale versions, cancelled referrals and provider roles', async () => {
      const referral = fresh('NOT_BOOKED');
      const other = fresh('NOT_BOOKED');
      const headers = { ...(await asUser(sim, 'REFERRING_CLINICIAN')), ...ifMatch(referral.versionId) };
      expect(errorCode((await maintain(referral.ubrn, body('Binary/nope'), headers)).data)).toBe('REFERENCE_NOT_FOUND');
      const elsewhere = await upload(other.ubrn, 'other.txt');
      expect(errorCode((await maintain(referral.ubrn, body(elsewhere), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      expect(errorCode((await maintain(referral.ubrn, body(), headers)).data)).toBe('MISSING_VALUE');
      const mine = await upload(referral.ubrn, 'mine.txt');
      expect((await maintain(referral.ubrn, body(mine), { ...headers, ...ifMatch(referral.versionId - 1) })).status).toBe(409);
      const cancelled = fresh('CANCELLED_REFERRAL');
      const cancelledFile = await upload(cancelled.ubrn, 'late.txt');
      const wrongState = await maintain(cancelled.ubrn, body(cancelledFile), { ...headers, ...ifMatch(cancelled.versionId) });
      expect([wrongState.status, errorCode(wrongState.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
      expect(
        (
          await maintain(referral.ubrn, body(mine), {
            ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')),
            ...ifMatch(referral.versionId),
          })
        ).status,
      ).toBe(403);
    });
  });
});
