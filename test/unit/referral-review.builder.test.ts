import {
  buildCancelAppointmentActionLaterParameters,
  buildRecordTriageOutcomeParameters,
  buildRejectReferralParameters,
  CancelAppointmentActionLaterInput,
  RecordTriageOutcomeInput,
  RejectReferralInput,
} from '../../datasources/ers/referral-review.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const parameters = (profile: string, ...parameter: unknown[]) => ({
  meta: { profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${profile}`] },
  resourceType: 'Parameters',
  parameter,
});
const priority = (name: string, code: string) => ({
  name,
  valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1', code },
});
const inPas = (value: boolean) => ({ name: 'appointmentCancelledInPAS', valueBoolean: value });
const file = { url: 'Binary/99999999-0000-4000-8000-000000000009', indexedAt: '2025-05-06T07:08:09.000Z', description: 'Clinic letter' };
const providerFile = (name: string) => ({
  name,
  resource: {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1'] },
    resourceType: 'DocumentReference',
    type: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', code: 'PROVIDER' }] },
    status: 'current',
    indexed: '2025-05-06T07:08:09.000Z',
    description: 'Clinic letter',
    content: [{ attachment: { url: 'Binary/99999999-0000-4000-8000-000000000009' } }],
  },
});

describe('buildRejectReferralParameters (A014)', () => {
  const reason = {
    name: 'rejectionReason',
    valueCoding: { system: `${BASE}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`, code: 'SERVICE_INAPPROPRIATE' },
  };
  const rows: Array<[string, RejectReferralInput, unknown]> = [
    ['the reason alone', { reason: 'SERVICE_INAPPROPRIATE' }, parameters('eRS-RejectReferral-Parameters-1', reason)],
    [
      'reason, comment and the PAS flag (indirectly bookable)',
      { reason: 'SERVICE_INAPPROPRIATE', comment: 'Needs a paediatric service', appointmentCancelledInPas: false },
      parameters(
        'eRS-RejectReferral-Parameters-1',
        reason,
        { name: 'rejectionComments', valueString: 'Needs a paediatric service' },
        inPas(false),
      ),
    ],
  ];
  it.each(rows)('builds %s', (_name, input, expected) => {
    expect(buildRejectReferralParameters(input, BASE)).toStrictEqual(expected);
  });
});

describe('buildCancelAppointmentActionLaterParameters (A022)', () => {
  const comments = { name: 'comments', valueString: 'Redirect to the 2WW clinic' };
  const rows: Array<[string, CancelAppointmentActionLaterInput, unknown]> = [
    ['the comment alone', { comment: 'Redirect to the 2WW clinic' }, parameters('eRS-cancelAppointmentActionLater-Parameters-1', comments)],
    [
      'comment, new priority, PAS flag and attachments, comment first',
      { attachments: [file], appointmentCancelledInPas: true, priority: 'TWO_WEEK_WAIT', comment: 'Redirect to the 2WW clinic' },
      parameters(
        'eRS-cancelAppointmentActionLater-Parameters-1',
        comments,
        priority('priority', 'TWO_WEEK_WAIT'),
        inPas(true),
        providerFile('providerAttachmentFile'),
      ),
    ],
  ];
  it.each(rows)('builds %s', (_name, input, expected) => {
    expect(buildCancelAppointmentActionLaterParameters(input)).toStrictEqual(expected);
  });
});

describe('buildRecordTriageOutcomeParameters (A028)', () => {
  const outcome = (code: string) => ({
    name: 'reviewOutcome',
    valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', code },
  });
  const rows: Array<[string, RecordTriageOutcomeInput, unknown]> = [
    [
      'advice back to the referrer',
      { outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: 'Manage in primary care' },
      parameters('eRS-RecordReviewOutcome-Parameters-1', outcome('RETURN_TO_REFERRER_WITH_ADVICE'), {
        name: 'reviewComments',
        valueString: 'Manage in primary care',
      }),
    ],
    [
      'accept and book later with a new priority (first) and an attachment (last)',
      { outcome: 'ACCEPT_REFER_BOOK_LATER', comment: 'Book within 2 weeks', priority: 'URGENT', attachments: [file] },
      parameters(
        'eRS-RecordReviewOutcome-Parameters-1',
        priority('reviewPriority', 'URGENT'),
        outcome('ACCEPT_REFER_BOOK_LATER'),
        { name: 'reviewComments', valueString: 'Book within 2 weeks' },
        providerFile('reviewAttachmentFile'),
      ),
    ],
  ];
  it.each(rows)('builds %s', (_name, input, expected) => {
    expect(buildRecordTriageOutcomeParameters(input)).toStrictEqual(expected);
  });
});
