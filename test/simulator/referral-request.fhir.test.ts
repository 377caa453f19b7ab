import { buildWorld, REFERRAL_STATES, referralsByState, type ReferralState, type World } from '../../simulator';
import { renderReferralRequest } from '../../simulator/fhir/referral-request';

const BASE = 'http://sim.test/FHIR';
const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition';

type Json = Record<string, any>;

const ext = (resource: Json, name: string): Json[] => (resource.extension as Json[]).filter((e) => e.url === `${SD}/${name}`);
const stateParts = (resource: Json): Record<string, Json> =>
  Object.fromEntries((ext(resource, 'Extension-eRS-ReferralState-1')[0].extension as Json[]).map((p) => [p.url, p]));

/** What each state implies in the FHIR: an appointment, a state reason (and its code system), a comment. */
const IMPLIES: Record<ReferralState, { appointment: 'always' | 'never' | 'maybe'; reasonSystem?: string; comment?: true }> = {
  APPT_CANCELLED_BY_PATIENT: { appointment: 'always', reasonSystem: `${BASE}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON` },
  APPT_CANCELLED_BY_PROVIDER: { appointment: 'always', reasonSystem: `${BASE}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON` },
  ASSESSMENT_RESULT: { appointment: 'always', reasonSystem: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssessmentOutcome-1' },
  // Sent for triage with reason TRIAGE, as A021's response example shows.
  AWAITING_TRIAGE: { appointment: 'always', reasonSystem: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1' },
  BOOKED: { appointment: 'always' },
  CANCELLED_REFERRAL: { appointment: 'maybe', reasonSystem: `${BASE}/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON` },
  DEFERRED_TO_PROVIDER: { appointment: 'always', reasonSystem: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1' },
  DID_NOT_ATTEND: { appointment: 'always' },
  NOT_BOOKED: { appointment: 'never' },
  REJECTED: { appointment: 'always', reasonSystem: `${BASE}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`, comment: true },
  TRIAGE_RESPONSE: { appointment: 'always', reasonSystem: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', comment: true },
  TRIAGED_PROVIDER_TO_ACTION: { appointment: 'always', reasonSystem: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1' },
};

const APPOINTMENT_STATUS: Partial<Record<ReferralState, string>> = {
  BOOKED: 'booked',
  DEFERRED_TO_PROVIDER: 'proposed',
  AWAITING_TRIAGE: 'proposed',
  DID_NOT_ATTEND: 'noshow',
  APPT_CANCELLED_BY_PATIENT: 'cancelled',
  APPT_CANCELLED_BY_PROVIDER: 'cancelled',
  REJECTED: 'cancelled',
  TRIAGE_RESPONSE: 'cancelled',
  ASSESSMENT_RESULT: 'fulfilled',
};

describe('eRS-ReferralRequest rendering (A005)', () => {
  let world: World;
  beforeAll(() => {
    world = buildWorld({ seed: 1 });
  });

  const render = (ubrnIndex: number, version?: number): Json => {
    const referral = world.referrals[ubrnIndex];
    const snapshot = version === undefined ? referral.versions[referral.versions.length - 1] : referral.versions[version - 1];
    return renderReferralRequest(world, referral, snapshot, { baseUrl: BASE });
  };

  it.each(REFERRAL_STATES)('renders every %s referral with the extensions its state implies', (state) => {
    const rule = IMPLIES[state];
    for (const referral of referralsByState(world, state)) {
      const fhir = renderReferralRequest(world, referral, referral.versions[referral.versions.length - 1], { baseUrl: BASE }) as Json;

      for (const key of [
        'id',
        'meta',
        'resourceType',
        'contained',
        'extension',
        'status',
        'subject',
        'supportingInfo',
        'intent',
        'identifier',
      ]) {
        expect(fhir).toHaveProperty(key);
      }
      expect(fhir.id).toBe(referral.ubrn);
      expect(fhir.meta).toEqual({ profile: [`${SD}/eRS-ReferralRequest-1`], versionId: String(referral.versionId) });
      expect(fhir.status).toBe(state === 'CANCELLED_REFERRAL' ? 'cancelled' : 'active');
      expect(fhir.identifier[0].value).toMatch(/^r\.[0-9a-f-]{36}$/);
      expect(ext(fhir, 'Extension-eRS-ReferralShortlist-1')).toEqual([
        { url: `${SD}/Extension-eRS-ReferralShortlist-1`, valueReference: { reference: '#shortlist' } },
      ]);
      expect(ext(fhir, 'Extension-eRS-Commissioning-Rule-Org-1')).toHaveLength(1);
      expect(ext(fhir, 'Extension-eRS-ReferralPriority-1')[0].valueCodeableConcept.coding[0].code).toBe(referral.priority);

      const parts = stateParts(fhir);
      expect(parts.state.valueCoding.code).toBe(state);
      if (rule.reasonSystem) expect(parts.reason.valueCoding.system).toBe(rule.reasonSystem);
      if (state === 'NOT_BOOKED' || state === 'BOOKED') expect(parts.reason).toBeUndefined();
      if (state === 'AWAITING_TRIAGE') expect(parts.reason.valueCoding.code).toBe('TRIAGE');
      if (rule.comment) expect(typeof parts.comments.valueString).toBe('string');

      const appointment = (fhir.contained as Json[]).find((c) => c.resourceType === 'Appointment');
      const hasAppointment = appointment !== undefined;
      if (rule.appointment === 'always') expect(hasAppointment).toBe(true);
      if (rule.appointment === 'never') expect(hasAppointment).toBe(false);
      expect(ext(fhir, 'Extension-eRS-Appointment-1')).toHaveLength(hasAppointment ? 1 : 0);
      expect(ext(fhir, 'Extension-eRS-Appointment-Reference-1')).toHaveLength(hasAppointment ? 1 : 0);
      if (appointment) {
        if (APPOINTMENT_STATUS[state]) expect(appointment.status).toBe(APPOINTMENT_STATUS[state]);
        expect(ext(fhir, 'Extension-eRS-Appointment-Reference-1')[0].valueReference.reference).toBe(
          `Appointment/${referral.appointment!.id}`,
        );
        expect(appointment.description).toBe('e-Referral Appointment');
        const patient = (appointment.participant as Json[]).find((p) => p.actor.identifier.system === 'http://fhir.nhs.net/Id/nhs-number');
        expect(patient?.actor.identifier.value).toBe(fhir.subject.identifier.value);
        expect(appointment.incomingReferral[0].reference).toMatch(new RegExp(`^ReferralRequest/${referral.ubrn}/_history/\\d+$`));
      }

      const contained = fhir.contained as Json[];
      expect(contained.filter((c) => c.resourceType === 'List')).toHaveLength(1);
      expect(contained.filter((c) => c.resourceType === 'Parameters')).toHaveLength(1);
      const documentIds = contained.filter((c) => c.resourceType === 'DocumentReference').map((d) => `#${d.id}`);
      // The letters, then the pathway's links (checked below).
      expect((fhir.supportingInfo as Json[]).map((s) => s.reference).filter((r: string) => r.startsWith('#'))).toEqual(documentIds);
      const shortlist = contained.find((c) => c.resourceType === 'List')!;
      expect(shortlist.entry.map((e: Json) => e.item.identifier.value)).toEqual(referral.shortlist);

      expect(ext(fhir, 'Extension-eRS-ClinicalInfoFirstSubmitted-1')).toHaveLength(referral.clinicalInfoFirstSubmitted ? 1 : 0);
      expect(ext(fhir, 'Extension-eRS-ClinicalInfoLastUpdated-1')).toHaveLength(referral.clinicalInfoLastUpdated ? 1 : 0);
      expect(ext(fhir, 'Extension-eRS-PatientAdditionalRequirement-1')).toHaveLength(referral.additionalRequirements.length);
      expect(ext(fhir, 'Extension-eRS-eReferralPathwayStart-1').map((e) => e.valueInstant)).toEqual(
        referral.pathwayStart ? [referral.pathwayStart] : [],
      );
      expect(fhir.requester.agent.identifier).toEqual({ system: 'http://fhir.nhs.net/Id/sds-user-id', value: referral.requesterUserId });
      expect(fhir.requester.onBehalfOf.identifier).toEqual({ system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'A99001' });
    }
  });

  it('renders attachments as DocumentReferences with availability and who attached them', () => {
    const index = world.referrals.findIndex((r) => r.attachmentIds.length > 0);
    const fhir = render(index);
    const document = (fhir.contained as Json[]).find((c) => c.resourceType === 'DocumentReference')!;
    const attachment = world.attachments.find((a) => a.id === world.referrals[index].attachmentIds[0])!;
    expect(document.content[0].attachment).toMatchObject({
      id: attachment.id,
      contentType: attachment.contentType,
      url: `Binary/${attachment.binaryId}`,
      size: attachment.bytes.length,
      title: attachment.title,
    });
    const urls = (document.content[0].attachment.extension as Json[]).map((e) => e.url);
    expect(urls.slice(0, 3)).toEqual([
      `${SD}/Extension-eRS-AvailabilityStatus-1`,
      `${SD}/Extension-eRS-AttachedBy-1`,
      `${SD}/Extension-eRS-AttachedByOrganisation-1`,
    ]);
  });

  it('lists the related referrals of the pathway and the A&G request a referral came from in supportingInfo, after its letters', () => {
    const references = (index: number) => (render(index).supportingInfo as Json[]).map((s) => s.reference as string);
    const onward = world.referrals.findIndex((r) => r.relatedReferralUbrn);
    expect(onward).toBeGreaterThanOrEqual(0);
    const onwardReferences = references(onward);
    expect(onwardReferences).toContain(`ReferralRequest/${world.referrals[onward].relatedReferralUbrn}`);
    // Letters first (#DocumentReference-…), links after them.
    const firstLink = onwardReferences.findIndex((r) => !r.startsWith('#'));
    expect(onwardReferences.slice(firstLink).every((r) => !r.startsWith('#'))).toBe(true);

    const converted = world.referrals.findIndex((r) => r.convertedFromAdviceAndGuidanceUbrn);
    expect(references(converted)).toContain(`CommunicationRequest/${world.referrals[converted].convertedFromAdviceAndGuidanceUbrn}`);
    const plain = world.referrals.findIndex(
      (r) =>
        !r.relatedReferralUbrn && !r.convertedFromAdviceAndGuidanceUbrn && world.referrals.every((o) => o.relatedReferralUbrn !== r.ubrn),
    );
    expect(references(plain).every((r) => r.startsWith('#DocumentReference-'))).toBe(true);
    // e-RS puts neither link in basedOn (not an element of eRS-ReferralRequest-1).
    expect(world.referrals.map((_r, i) => render(i).basedOn).filter((b) => b !== undefined)).toEqual([]);
  });

  it('renders an earlier version with that version state and versionId', () => {
    const index = world.referrals.findIndex((r) => r.state === 'DID_NOT_ATTEND');
    const first = render(index, 1);
    expect(first.meta.versionId).toBe('1');
    expect(stateParts(first).state.valueCoding.code).toBe('NOT_BOOKED');
    expect((first.contained as Json[]).some((c) => c.resourceType === 'Appointment')).toBe(false);
  });
});
