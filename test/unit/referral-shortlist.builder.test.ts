import {
  buildChangeShortlistAndSendForTriageParameters,
  buildChangeShortlistParameters,
  buildCreateReferralAndSendForTriageParameters,
  buildCreateReferralParameters,
  CreateReferralInput,
} from '../../datasources/ers/referral-shortlist.builder';
import type { ShortlistSearchCriteria } from '../../datasources/ers/shortlist.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const search: ShortlistSearchCriteria = { priority: 'URGENT', specialty: 'DERMATOLOGY', ageAndSexAppropriate: true };

const names = (body: Record<string, unknown>) => (body.parameter as Array<{ name: string }>).map((p) => p.name);
const param = (body: Record<string, unknown>, name: string) =>
  (body.parameter as Array<Record<string, unknown>>).find((p) => p.name === name);
const shortlistServices = (body: Record<string, unknown>) =>
  (param(body, 'shortlist')!.resource as { entry: Array<{ item: { identifier: { value: string } } }> }).entry.map(
    (e) => e.item.identifier.value,
  );
const profileOf = (body: Record<string, unknown>) => (body.meta as { profile: string[] }).profile;

const referral: CreateReferralInput = {
  patientNhsNumber: '9990000001',
  search,
  shortlist: [{ serviceId: '99101' }, { serviceId: '99102' }],
  referralLetterIntention: 'NOT_INTENDING_TO_ADD',
  firstReminderLetterFollowUpDays: 14,
};

describe('buildCreateReferralParameters (A011)', () => {
  it('builds the minimal body: patient, letter intention, reminder days, shortlist', () => {
    const body = buildCreateReferralParameters(referral, BASE);
    expect(profileOf(body)).toStrictEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateReferral-Parameters-1']);
    expect(names(body)).toStrictEqual(['patient', 'intentionToAddReferralLetter', 'firstReminderLetterFollowUpDays', 'shortlist']);
    expect(param(body, 'patient')).toStrictEqual({
      name: 'patient',
      valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: '9990000001' },
    });
    expect(param(body, 'intentionToAddReferralLetter')).toStrictEqual({
      name: 'intentionToAddReferralLetter',
      valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralLetterIntention-1', code: 'NOT_INTENDING_TO_ADD' },
    });
    expect(param(body, 'firstReminderLetterFollowUpDays')).toStrictEqual({ name: 'firstReminderLetterFollowUpDays', valueUnsignedInt: 14 });
    expect(shortlistServices(body)).toStrictEqual(['99101', '99102']);
  });

  it('adds the referring clinician after the patient and the pathway start before the shortlist', () => {
    const body = buildCreateReferralParameters(
      { ...referral, referringClinicianUserId: '999000000002', pathwayStart: '2025-02-03T10:00:00.000Z' },
      BASE,
    );
    expect(names(body)).toStrictEqual([
      'patient',
      'referringClinician',
      'intentionToAddReferralLetter',
      'firstReminderLetterFollowUpDays',
      'eReferralPathwayStart',
      'shortlist',
    ]);
    expect(param(body, 'referringClinician')).toStrictEqual({
      name: 'referringClinician',
      valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '999000000002' },
    });
    expect(param(body, 'eReferralPathwayStart')).toStrictEqual({ name: 'eReferralPathwayStart', valueInstant: '2025-02-03T10:00:00.000Z' });
  });
});

describe('buildCreateReferralAndSendForTriageParameters (A021)', () => {
  it('shortlists the one triage service and fixes letter intention and reminder days', () => {
    const body = buildCreateReferralAndSendForTriageParameters({ patientNhsNumber: '9990000001', search, triageServiceId: '99501' }, BASE);
    expect(profileOf(body)).toStrictEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateReferralAndSendForTriage-Parameters-1']);
    expect(names(body)).toStrictEqual(['patient', 'intentionToAddReferralLetter', 'firstReminderLetterFollowUpDays', 'shortlist']);
    expect((param(body, 'intentionToAddReferralLetter')!.valueCoding as { code: string }).code).toBe('NEED_TO_ADD_LATER');
    expect(param(body, 'firstReminderLetterFollowUpDays')!.valueUnsignedInt).toBe(0);
    expect(shortlistServices(body)).toStrictEqual(['99501']);
  });

  it('adds the referring clinician when given', () => {
    const body = buildCreateReferralAndSendForTriageParameters(
      { patientNhsNumber: '9990000001', referringClinicianUserId: '999000000002', search, triageServiceId: '99501' },
      BASE,
    );
    expect(names(body)).toStrictEqual([
      'patient',
      'referringClinician',
      'intentionToAddReferralLetter',
      'firstReminderLetterFollowUpDays',
      'shortlist',
    ]);
  });
});

describe('buildChangeShortlistParameters (A031)', () => {
  it('puts the new shortlist first, then intention and reminder days', () => {
    const body = buildChangeShortlistParameters(
      { search, shortlist: [{ serviceId: '99103' }], referralLetterIntention: 'NEED_TO_ADD_LATER', firstReminderLetterFollowUpDays: 7 },
      BASE,
    );
    expect(profileOf(body)).toStrictEqual(['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlist-Parameters-1']);
    expect(names(body)).toStrictEqual(['shortlist', 'intentionToAddReferralLetter', 'firstReminderLetterFollowUpDays']);
    expect(shortlistServices(body)).toStrictEqual(['99103']);
    expect(param(body, 'firstReminderLetterFollowUpDays')!.valueUnsignedInt).toBe(7);
  });
});

describe('buildChangeShortlistAndSendForTriageParameters (A032)', () => {
  it('shortlists the triage service, keeps the given intention and sends no reminder', () => {
    const body = buildChangeShortlistAndSendForTriageParameters(
      { search, triageServiceId: '99502', referralLetterIntention: 'NOT_INTENDING_TO_ADD' },
      BASE,
    );
    expect(profileOf(body)).toStrictEqual([
      'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlistAndSendForTriage-Request-Parameters-1',
    ]);
    expect(names(body)).toStrictEqual(['shortlist', 'intentionToAddReferralLetter', 'firstReminderLetterFollowUpDays']);
    expect(shortlistServices(body)).toStrictEqual(['99502']);
    expect((param(body, 'intentionToAddReferralLetter')!.valueCoding as { code: string }).code).toBe('NOT_INTENDING_TO_ADD');
    expect(param(body, 'firstReminderLetterFollowUpDays')!.valueUnsignedInt).toBe(0);
  });
});
