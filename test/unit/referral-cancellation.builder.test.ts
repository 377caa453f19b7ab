import { buildCancelReferralParameters } from '../../datasources/ers/referral-cancellation.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const body = (...parameter: unknown[]) => ({
  meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CancelReferral-Request-Parameters-1'] },
  resourceType: 'Parameters',
  parameter: [
    {
      name: 'cancellationReason',
      valueCoding: { system: `${BASE}/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON`, code: 'RAISED_IN_ERROR' },
    },
    ...parameter,
  ],
});

describe('buildCancelReferralParameters (A036)', () => {
  it('builds the reason alone when there is no comment', () => {
    expect(buildCancelReferralParameters({ reason: 'RAISED_IN_ERROR' }, BASE)).toStrictEqual(body());
  });

  it('adds the comment after the reason', () => {
    expect(buildCancelReferralParameters({ reason: 'RAISED_IN_ERROR', comment: 'Wrong patient' }, `${BASE}/`)).toStrictEqual(
      body({ name: 'cancellationComments', valueString: 'Wrong patient' }),
    );
  });
});
