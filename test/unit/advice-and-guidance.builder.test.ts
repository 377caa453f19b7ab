import {
  buildConvertAdviceAndGuidanceToReferralParameters,
  buildCreateAdviceAndGuidanceParameters,
  buildSendAdviceAndGuidanceResponseParameters,
  CreateAdviceAndGuidanceInput,
  SendAdviceAndGuidanceResponseInput,
} from '../../datasources/ers/advice-and-guidance.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const names = (body: Record<string, unknown>) => (body.parameter as Array<{ name: string }>).map((p) => p.name);
const param = (body: Record<string, unknown>, name: string) =>
  (body.parameter as Array<Record<string, unknown>>).find((p) => p.name === name);
const typeOf = (parameter: Record<string, unknown>) =>
  (parameter.resource as { type: { coding: Array<{ code: string }> } }).type.coding[0].code;
const file = (n: number) => ({ url: `Binary/99999999-0000-4000-8000-00000000001${n}`, indexedAt: '2025-06-07T08:09:10.000Z' });

describe('buildCreateAdviceAndGuidanceParameters (A044)', () => {
  const input: CreateAdviceAndGuidanceInput = {
    patientNhsNumber: '9990000002',
    providerConversion: 'NOT_AUTHORISED_TO_CONVERT',
    search: { priority: 'ROUTINE', specialty: 'RHEUMATOLOGY', ageAndSexAppropriate: true },
    serviceId: '99301',
    request: 'Is methotrexate appropriate?',
  };

  it('builds patient, conversion authorisation, a one-service shortlist and the request', () => {
    const body = buildCreateAdviceAndGuidanceParameters(input, BASE);
    expect(body.meta).toStrictEqual({
      profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateAdviceAndGuidance-Request-Parameters-1'],
    });
    expect(names(body)).toStrictEqual(['patient', 'providerConversionAuthorisation', 'shortlist', 'request']);
    expect(param(body, 'providerConversionAuthorisation')).toStrictEqual({
      name: 'providerConversionAuthorisation',
      valueCoding: {
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ProviderConversionAuthorisation-1',
        code: 'NOT_AUTHORISED_TO_CONVERT',
      },
    });
    expect(param(body, 'request')).toStrictEqual({ name: 'request', valueString: 'Is methotrexate appropriate?' });
    const entry = (param(body, 'shortlist')!.resource as { entry: unknown[] }).entry;
    expect(entry).toStrictEqual([{ item: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '99301' } } }]);
  });

  it('adds ADVICE_REQUEST attachments after the request and the referring clinician last', () => {
    const body = buildCreateAdviceAndGuidanceParameters(
      { ...input, referringClinicianUserId: '999000000004', attachments: [file(1), file(2)] },
      BASE,
    );
    expect(names(body)).toStrictEqual([
      'patient',
      'providerConversionAuthorisation',
      'shortlist',
      'request',
      'requestAttachmentFile',
      'requestAttachmentFile',
      'referringClinician',
    ]);
    expect(typeOf(param(body, 'requestAttachmentFile')!)).toBe('ADVICE_REQUEST');
    expect(param(body, 'referringClinician')).toStrictEqual({
      name: 'referringClinician',
      valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '999000000004' },
    });
  });
});

describe('buildSendAdviceAndGuidanceResponseParameters (A026)', () => {
  it.each<[string, SendAdviceAndGuidanceResponseInput, string[]]>([
    [
      'advice carries the intended recommendation',
      { outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', recommendation: 'REFERRAL_RECOMMENDED', guidance: 'Refer', priority: 'URGENT' },
      ['guidanceOutcome', 'guidanceIntendedRecommendation', 'guidance', 'updatedPriority'],
    ],
    [
      'a request for more information has no recommendation',
      { outcome: 'REQUIRE_FURTHER_INFORMATION', guidance: 'Send bloods', priority: 'ROUTINE' },
      ['guidanceOutcome', 'guidance', 'updatedPriority'],
    ],
    [
      'attachments come last as GUIDANCE_RESPONSE files',
      { outcome: 'REQUIRE_FURTHER_INFORMATION', guidance: 'See attached', priority: 'ROUTINE', attachments: [file(3)] },
      ['guidanceOutcome', 'guidance', 'updatedPriority', 'guidanceAttachmentFile'],
    ],
  ])('%s', (_name, input, expectedNames) => {
    const body = buildSendAdviceAndGuidanceResponseParameters(input);
    expect(body.meta).toStrictEqual({
      profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-SendCommunicationToRequester-Request-Parameters-1'],
    });
    expect(names(body)).toStrictEqual(expectedNames);
    expect(param(body, 'guidanceOutcome')!.valueCoding).toStrictEqual({
      system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceResponseOutcome-1',
      code: input.outcome,
    });
    expect(param(body, 'updatedPriority')!.valueCoding).toStrictEqual({
      system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1',
      code: input.priority,
    });
    if (input.attachments) expect(typeOf(param(body, 'guidanceAttachmentFile')!)).toBe('GUIDANCE_RESPONSE');
  });

  it('codes the recommendation in eRS-GuidanceIntendedRecommendation-1', () => {
    const body = buildSendAdviceAndGuidanceResponseParameters({
      outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
      recommendation: 'OTHER',
      guidance: 'x',
      priority: 'ROUTINE',
    });
    expect(param(body, 'guidanceIntendedRecommendation')!.valueCoding).toStrictEqual({
      system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceIntendedRecommendation-1',
      code: 'OTHER',
    });
  });
});

describe('buildConvertAdviceAndGuidanceToReferralParameters (A027)', () => {
  const input = {
    adviceRequestUbrn: '999000080001',
    adviceRequestVersion: '5',
    guidance: 'Converted to a referral',
    priority: 'TWO_WEEK_WAIT' as const,
    reviewComment: 'Book into the rapid access clinic',
  };

  it('references the versioned A&G request and carries guidance, priority and admin comment', () => {
    const body = buildConvertAdviceAndGuidanceToReferralParameters(input);
    expect(body.meta).toStrictEqual({
      profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1'],
    });
    expect(body.parameter).toStrictEqual([
      { name: 'createFrom', valueReference: { reference: 'CommunicationRequest/999000080001/_history/5' } },
      { name: 'guidance', valueString: 'Converted to a referral' },
      { name: 'newReferralPriority', valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1', code: 'TWO_WEEK_WAIT' } },
      { name: 'reviewComments', valueString: 'Book into the rapid access clinic' },
    ]);
  });

  it('puts guidance attachments (GUIDANCE_RESPONSE) before referral attachments (PROVIDER)', () => {
    const body = buildConvertAdviceAndGuidanceToReferralParameters({
      ...input,
      referralAttachments: [file(4)],
      guidanceAttachments: [file(5), file(6)],
    });
    const files = (body.parameter as Array<Record<string, unknown>>).slice(4);
    expect(files.map((p) => [p.name, typeOf(p)])).toStrictEqual([
      ['guidanceAttachmentFile', 'GUIDANCE_RESPONSE'],
      ['guidanceAttachmentFile', 'GUIDANCE_RESPONSE'],
      ['reviewAttachmentFile', 'PROVIDER'],
    ]);
  });
});
