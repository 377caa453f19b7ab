import { buildMaintainReferralLetterParameters } from '../../datasources/ers/referral-letter.builder';

const letter = (n: number, description?: string) => ({
  name: 'referralLetterFile',
  resource: {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1'] },
    resourceType: 'DocumentReference',
    type: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', code: 'REFERRER' }] },
    status: 'current',
    indexed: `2025-03-0${n}T09:00:00.000Z`,
    ...(description !== undefined ? { description } : {}),
    content: [{ attachment: { url: `Binary/99999999-0000-4000-8000-00000000000${n}` } }],
  },
});
const file = (n: number, description?: string) => ({
  url: `Binary/99999999-0000-4000-8000-00000000000${n}`,
  indexedAt: `2025-03-0${n}T09:00:00.000Z`,
  ...(description !== undefined ? { description } : {}),
});

describe('buildMaintainReferralLetterParameters (A012)', () => {
  it.each([
    ['one letter with a description', [file(1, 'Referral letter')], [letter(1, 'Referral letter')]],
    ['one letter without a description', [file(1)], [letter(1)]],
    ['the whole set, in order', [file(1, 'Letter'), file(2), file(3, 'ECG')], [letter(1, 'Letter'), letter(2), letter(3, 'ECG')]],
  ])('builds %s as REFERRER referralLetterFiles', (_name, letters, parameter) => {
    expect(buildMaintainReferralLetterParameters({ letters })).toStrictEqual({
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-MaintainReferralLetter-Parameters-1'] },
      resourceType: 'Parameters',
      parameter,
    });
  });
});
