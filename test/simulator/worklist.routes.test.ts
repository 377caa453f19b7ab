import type { AxiosResponse } from 'axios';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { onAdviceWorklist, onReferralWorklist, type ReferralWorklist } from '../../simulator/data/worklists';
import { asApplication, asUser, OTHER_TRUST, OUTSIDERS } from './helpers/caller';
import { call, errorCode, expectKeys, type Json, sub } from './helpers/fhir';

const LIST_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1';
const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1';
const ITEM = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-';

function parameters(listType: string, extra: Json[] = [], system = LIST_SYSTEM): Json {
  return {
    resourceType: 'Parameters',
    meta: { profile: [PROFILE] },
    parameter: [{ name: 'listType', valueCodeableConcept: { coding: [{ system, code: listType }] } }, ...extra],
  };
}
const assigned = (name: string, code = 'ASSIGNED'): Json => ({
  name,
  valueCodeableConcept: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssignedIndicator-1', code }] },
});

describe('A008 / A023 worklists', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  const fetch = async (list: string, headers: Record<string, string>, extra: Json[] = []): Promise<AxiosResponse<Json>> =>
    http.post('/STU3/ReferralRequest/$ers.fetchworklist', parameters(list, extra), headers);
  const ubrns = (body: Json): string[] => body.entry.map((e: Json) => e.item.reference.replace('ReferralRequest/', ''));
  const expected = (list: ReferralWorklist): string[] =>
    sim.world.referrals
      .filter((r) => onReferralWorklist(sim.world, list, r))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.ubrn.localeCompare(b.ubrn))
      .map((r) => r.ubrn);
  const item = (entry: Json, name: string): Json[] => {
    expect(entry.extension).toHaveLength(1);
    expect(entry.extension[0].url).toBe(`${ITEM}${name}-WorkListItem-1`);
    return entry.extension[0].extension;
  };

  describe('referrer worklists', () => {
    it('LETTERS_OUTSTANDING lists live referrals with no referral letter, with the letter due date', async () => {
      const response = await fetch('LETTERS_OUTSTANDING', await asUser(sim, 'REFERRING_ADMIN'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/fhir+json');
      expect(response.data).toMatchObject({ resourceType: 'List', status: 'current', mode: 'snapshot' });
      expect(response.data.meta.profile).toEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-List-1']);
      expect(response.data.contained).toBeUndefined();
      expect(ubrns(response.data)).toEqual(expected('LETTERS_OUTSTANDING'));
      expect(response.data.entry.length).toBeGreaterThan(0);
      for (const entry of response.data.entry) {
        const referral = sim.world.referrals.find((r) => `ReferralRequest/${r.ubrn}` === entry.item.reference)!;
        expect(referral.clinicalInfoFirstSubmitted).toBeUndefined();
        const ext = item(entry, 'LettersOutstanding');
        expect(ext.map((e) => e.url)).toEqual(['patient', 'priority', 'referralCreated', 'clinicalContext', 'referrer', 'letterDue']);
        expect(sub(ext, 'patient')!.valueReference.identifier).toEqual({
          system: 'http://fhir.nhs.net/Id/nhs-number',
          value: referral.patientNhsNumber,
        });
        expect(sub(ext, 'letterDue')!.valueDate > referral.createdAt.slice(0, 10)).toBe(true);
      }
    });

    it('REJECTED_TRIAGE_RESPONSE lists rejected and triage-response referrals; only rejections carry the cancellation reason', async () => {
      const response = await fetch('REJECTED_TRIAGE_RESPONSE', await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(response.status).toBe(200);
      expect(ubrns(response.data)).toEqual(expected('REJECTED_TRIAGE_RESPONSE'));
      const states = new Set<string>();
      for (const entry of response.data.entry) {
        const ext = item(entry, 'RejectedTriageResponse');
        const status = sub(ext, 'status')!.valueCodeableConcept.coding[0];
        states.add(status.code);
        expect(status.system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1');
        const reason = sub(ext, 'reason');
        if (status.code === 'REJECTED')
          expect(reason!.valueCodeableConcept.coding[0].system).toBe(`${sim.baseUrl}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`);
        else expect(reason).toBeUndefined();
        expectKeys(Object.fromEntries(ext.map((e) => [e.url, e])), [
          'patient',
          'priority',
          'referralCreated',
          'clinicalContext',
          'referrer',
          'referralLastUpdated',
          'status',
        ]);
      }
      expect([...states].sort()).toEqual(['REJECTED', 'TRIAGE_RESPONSE']);
    });

    it('ASSESSMENT_RETURNED_CANCELLED_DNA holds advise-referrer outcomes, provider cancellations (with reason) and DNAs only', async () => {
      const response = await fetch('ASSESSMENT_RETURNED_CANCELLED_DNA', await asUser(sim, 'REFERRING_CLINICIAN_ADMIN'));
      expect(response.status).toBe(200);
      expect(ubrns(response.data)).toEqual(expected('ASSESSMENT_RETURNED_CANCELLED_DNA'));
      const listed = new Set(ubrns(response.data));
      // Cancellations the referrer made itself (e.g. a referral created by mistake) do not come back to it.
      const ownCancellation = sim.world.referrals.find(
        (r) => r.state === 'CANCELLED_REFERRAL' && r.stateReason?.code === 'RAISED_IN_ERROR',
      )!;
      expect(listed.has(ownCancellation.ubrn)).toBe(false);
      const onwardAssessment = sim.world.referrals.find(
        (r) => r.state === 'ASSESSMENT_RESULT' && r.stateReason?.code === 'ONWARD_REFERRAL',
      )!;
      expect(listed.has(onwardAssessment.ubrn)).toBe(false);
      for (const entry of response.data.entry) {
        const ext = item(entry, 'AssessmentReturnedCancelledDna');
        const status = sub(ext, 'status')!.valueCodeableConcept.coding[0].code;
        expect(['ASSESSMENT_RESULT', 'CANCELLED_REFERRAL', 'DID_NOT_ATTEND']).toContain(status);
        expect(sub(ext, 'reason') !== undefined).toBe(status === 'CANCELLED_REFERRAL');
      }
    });

    it('AWAITING_BOOKING lists unbooked referrals and reports cancelled appointments with the worklist status codes', async () => {
      const response = await fetch('AWAITING_BOOKING', await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(response.status).toBe(200);
      expect(ubrns(response.data)).toEqual(expected('AWAITING_BOOKING'));
      const codes = new Set(
        response.data.entry.map((e: Json) => sub(item(e, 'AwaitingBooking'), 'status')!.valueCodeableConcept.coding[0].code),
      );
      expect([...codes].sort()).toEqual([
        'APP_CANCELLED_BY_PATIENT',
        'APP_CANCELLED_BY_PROVIDER',
        'AWAITING_TRIAGE',
        'DEFERRED_TO_PROVIDER',
        'NOT_BOOKED',
      ]);
      const cancelled = response.data.entry.find(
        (e: Json) => sub(item(e, 'AwaitingBooking'), 'status')!.valueCodeableConcept.coding[0].code === 'APP_CANCELLED_BY_PATIENT',
      );
      expect(sub(item(cancelled, 'AwaitingBooking'), 'reason')!.valueCodeableConcept.coding[0]).toMatchObject({
        system: `${sim.baseUrl}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`,
      });
    });

    it('shows a practice only its own referrals', async () => {
      const response = await fetch('AWAITING_BOOKING', await asUser(sim, 'REFERRING_CLINICIAN', 'A99777'));
      expect(response.status).toBe(200);
      expect(response.data.entry).toEqual([]);
    });

    it('refuses filters on referrer worklists (422 UNEXPECTED_FIELD)', async () => {
      const response = await fetch('AWAITING_BOOKING', await asUser(sim, 'REFERRING_CLINICIAN'), [assigned('specialtyAssignedIndicator')]);
      expect(response.status).toBe(422);
      expect(errorCode(response.data)).toBe('UNEXPECTED_FIELD');
    });

    it('refuses referrer worklists to provider users and applications (403)', async () => {
      expect((await fetch('LETTERS_OUTSTANDING', await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'))).status).toBe(403);
      const app = await fetch('LETTERS_OUTSTANDING', await asApplication(sim));
      expect(app.status).toBe(403);
      expect(errorCode(app.data)).toBe('FORBIDDEN');
    });
  });

  describe('provider worklists', () => {
    it('REFERRALS_FOR_REVIEW lists booked and triage referrals with contained patients and clinicians', async () => {
      const response = await fetch('REFERRALS_FOR_REVIEW', await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(response.status).toBe(200);
      expect(ubrns(response.data)).toEqual(expected('REFERRALS_FOR_REVIEW'));
      const contained = new Map<string, Json>(response.data.contained.map((c: Json) => [`#${c.id}`, c]));
      const types = new Set<string>();
      for (const entry of response.data.entry) {
        const referral = sim.world.referrals.find((r) => `ReferralRequest/${r.ubrn}` === entry.item.reference)!;
        const ext = item(entry, 'ReferralsforReview');
        expectKeys(Object.fromEntries(ext.map((e) => [e.url, e])), [
          'priority',
          'specialty',
          'patient',
          'eReferralPathwayStart',
          'clinicalInfoPrinted',
          'requestContextStatus',
          'service',
          'referralRequestVersion',
        ]);
        const patient = contained.get(sub(ext, 'patient')!.valueReference.reference)!;
        expect(patient).toMatchObject({ resourceType: 'Patient', identifier: [{ value: referral.patientNhsNumber }] });
        expect(sub(ext, 'referralRequestVersion')!.valueInteger).toBe(referral.versionId);
        expect(sub(ext, 'service')!.valueReference.identifier.value).toBe(referral.appointment!.serviceId);
        const allocated = sub(ext, 'allocatedClinician');
        if (allocated) expect(contained.get(allocated.valueReference.reference)!.resourceType).toBe('Practitioner');
        types.add(sub(ext, 'referralType')!.valueCodeableConcept.coding[0].code);
      }
      expect([...types].sort()).toEqual(['APPOINTMENT', 'TRIAGE_DEFERRAL']);
    });

    it('APPOINTMENT_SLOT_ISSUES lists deferred referrals with the deferral reason and contact date', async () => {
      const response = await fetch('APPOINTMENT_SLOT_ISSUES', await asUser(sim, 'SERVICE_PROVIDER_ADMIN'));
      expect(response.status).toBe(200);
      expect(ubrns(response.data)).toEqual(expected('APPOINTMENT_SLOT_ISSUES'));
      expect(response.data.entry).toHaveLength(sim.world.referrals.filter((r) => r.state === 'DEFERRED_TO_PROVIDER').length);
      for (const entry of response.data.entry) {
        const ext = item(entry, 'AppointmentSlotIssues');
        expect(sub(ext, 'reason')!.valueCodeableConcept.coding[0].system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1');
        expect(sub(ext, 'patientContactExpected')!.valueDate > sub(ext, 'ubrnReceived')!.valueDateTime.slice(0, 10)).toBe(true);
      }
    });

    it('filters by service, by specialty and by assigned clinician', async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const all = (await fetch('REFERRALS_FOR_REVIEW', headers)).data.entry as Json[];
      const serviceOf = (e: Json): string => sub(item(e, 'ReferralsforReview'), 'service')!.valueReference.identifier.value;
      const serviceId = serviceOf(all[0]);
      const byService = await fetch('REFERRALS_FOR_REVIEW', headers, [
        { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } },
      ]);
      expect(byService.data.entry.length).toBe(all.filter((e) => serviceOf(e) === serviceId).length);
      expect(byService.data.entry.length).toBeLessThan(all.length);

      const bySpecialty = await fetch('REFERRALS_FOR_REVIEW', headers, [
        assigned('specialtyAssignedIndicator'),
        {
          name: 'specialty',
          valueCodeableConcept: { coding: [{ system: `${sim.baseUrl}/STU3/CodeSystem/SPECIALTY`, code: 'CARDIOLOGY' }] },
        },
      ]);
      expect(bySpecialty.status).toBe(200);
      expect(bySpecialty.data.entry.length).toBeGreaterThan(0);
      for (const e of bySpecialty.data.entry)
        expect(sub(item(e, 'ReferralsforReview'), 'specialty')!.valueCodeableConcept.coding[0].code).toBe('CARDIOLOGY');

      const withClinician = sim.world.referrals.find(
        (r) => onReferralWorklist(sim.world, 'REFERRALS_FOR_REVIEW', r) && r.appointment?.allocatedClinicianUserId,
      )!;
      const clinician = withClinician.appointment!.allocatedClinicianUserId!;
      const byClinician = await fetch('REFERRALS_FOR_REVIEW', headers, [
        assigned('clinicianAssignedIndicator'),
        { name: 'clinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: clinician } },
      ]);
      expect(ubrns(byClinician.data)).toContain(withClinician.ubrn);
      for (const e of byClinician.data.entry) {
        const r = sim.world.referrals.find((x) => `ReferralRequest/${x.ubrn}` === e.item.reference)!;
        expect(r.appointment?.allocatedClinicianUserId ?? r.searchCriteria.namedClinicianUserId).toBe(clinician);
      }
      const unassigned = await fetch('REFERRALS_FOR_REVIEW', headers, [assigned('clinicianAssignedIndicator', 'NOT_ASSIGNED')]);
      expect(
        unassigned.data.entry.length +
          (await fetch('REFERRALS_FOR_REVIEW', headers, [assigned('clinicianAssignedIndicator')])).data.entry.length,
      ).toBe(all.length);
    });

    it('needs the service filter for applications, and then serves that service', async () => {
      const app = await asApplication(sim);
      const missing = await fetch('APPOINTMENT_SLOT_ISSUES', app);
      expect(missing.status).toBe(422);
      expect(errorCode(missing.data)).toBe('MISSING_VALUE');
      const deferred = sim.world.referrals.find((r) => r.state === 'DEFERRED_TO_PROVIDER')!;
      const withService = await fetch('APPOINTMENT_SLOT_ISSUES', app, [
        { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: deferred.appointment!.serviceId } },
      ]);
      expect(withService.status).toBe(200);
      expect(ubrns(withService.data)).toContain(deferred.ubrn);
    });

    it("answers 422 for a clinician without the assigned indicator, an unknown service and another trust's service", async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const clinician = await fetch('REFERRALS_FOR_REVIEW', headers, [
        { name: 'clinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '555020000002' } },
      ]);
      expect(clinician.status).toBe(422);
      expect(errorCode(clinician.data)).toBe('INVALID_VALUE');
      const unknown = await fetch('REFERRALS_FOR_REVIEW', headers, [
        { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '99999' } },
      ]);
      expect(errorCode(unknown.data)).toBe('REFERENCE_NOT_FOUND');
      const outsider = await fetch('REFERRALS_FOR_REVIEW', await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN', OTHER_TRUST), [
        { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: sim.world.services[0].id } },
      ]);
      expect(outsider.status).toBe(422);
      expect(errorCode(outsider.data)).toBe('NO_RELATIONSHIP');
    });

    it('refuses provider worklists to referrer users (403)', async () => {
      const response = await fetch('REFERRALS_FOR_REVIEW', await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(response.status).toBe(403);
    });
  });

  describe('request validation', () => {
    it('answers 422 for a missing listType, an unknown code, a wrong profile and an unexpected parameter', async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const url = '/STU3/ReferralRequest/$ers.fetchworklist';
      const noList = await http.post(url, { resourceType: 'Parameters', meta: { profile: [PROFILE] }, parameter: [] }, headers);
      expect([noList.status, errorCode(noList.data)]).toEqual([422, 'MISSING_VALUE']);
      expect(errorCode((await fetch('ALL_REFERRALS', headers)).data)).toBe('INVALID_CODE');
      expect(errorCode((await fetch('ADVICE_AND_GUIDANCE_REQUESTS', headers, [])).data)).toBe('INVALID_CODE');
      const wrongProfile = await http.post(url, { ...parameters('REFERRALS_FOR_REVIEW'), meta: { profile: ['x'] } }, headers);
      expect(wrongProfile.status).toBe(422);
      expect(errorCode((await fetch('REFERRALS_FOR_REVIEW', headers, [{ name: 'sortBy', valueString: 'x' }])).data)).toBe(
        'UNEXPECTED_FIELD',
      );
      expect(errorCode((await http.post(url, { resourceType: 'Bundle' }, headers)).data)).toBe('INVALID_FHIR_STRUCTURE');
    });
  });

  describe('A023 advice and guidance worklist', () => {
    const adviceList = (headers: Record<string, string>, extra: Json[] = []): Promise<AxiosResponse<Json>> =>
      http.post(
        '/STU3/CommunicationRequest/$ers.fetchworklist',
        parameters('ADVICE_AND_GUIDANCE_REQUESTS', extra, 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-CommunicationListSelector-1'),
        headers,
      );

    it("lists the trust's open advice requests, most recently updated first, with every item field", async () => {
      const response = await adviceList(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(response.status).toBe(200);
      const refs = response.data.entry.map((e: Json) => e.item.reference);
      const open = sim.world.adviceAndGuidance.filter(onAdviceWorklist);
      expect(refs.sort()).toEqual(open.map((a) => `CommunicationRequest/${a.ubrn}`).sort());
      expect(sim.world.adviceAndGuidance.length).toBeGreaterThan(open.length);
      const updated = response.data.entry.map((e: Json) => sub(e.extension[0].extension, 'adviceLastUpdated')!.valueDateTime);
      expect([...updated].sort().reverse()).toEqual(updated);
      for (const entry of response.data.entry) {
        expect(entry.extension[0].url).toBe(`${ITEM}AdviceAndGuidanceRequests-WorkListItem-1`);
        const ext = Object.fromEntries(entry.extension[0].extension.map((e: Json) => [e.url, e]));
        expectKeys(ext, [
          'priority',
          'specialty',
          'patient',
          'category',
          'adviceFirstRequested',
          'adviceLastUpdated',
          'referrer',
          'service',
          'communicationRequestVersion',
        ]);
        const request = sim.world.adviceAndGuidance.find((a) => `CommunicationRequest/${a.ubrn}` === entry.item.reference)!;
        expect(ext.communicationRequestVersion.valueInteger).toBe(request.versionId);
        expect(ext.category.valueCodeableConcept.coding[0].code).toBe(request.category);
      }
    });

    it('filters by service and refuses referral list types and referrer roles', async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const open = sim.world.adviceAndGuidance.filter(onAdviceWorklist);
      const serviceId = open[0].serviceId;
      const filtered = await adviceList(headers, [
        { name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: serviceId } },
      ]);
      expect(filtered.data.entry).toHaveLength(open.filter((a) => a.serviceId === serviceId).length);
      const wrongList = await http.post('/STU3/CommunicationRequest/$ers.fetchworklist', parameters('REFERRALS_FOR_REVIEW'), headers);
      expect([wrongList.status, errorCode(wrongList.data)]).toEqual([422, 'INVALID_CODE']);
      expect((await adviceList(await asUser(sim, 'REFERRING_CLINICIAN'))).status).toBe(403);
    });
  });
});
