/**
 * Issue 14's spec-driven rows (items 3 and 5), against the e-RS specification (ERS_SPEC_DIR):
 *
 * - Every request example that carries files, sent with each file's own `indexed` time as the
 *   input's `indexedAt`, gives the example exactly: no normalisation of `indexed` (the general
 *   suite, test/conformance/write-builders.test.ts, compares files stamped with the sending time).
 * - The cancellation reasons ers-graph refuses before calling e-RS (who may give each, which need
 *   a comment) are those of the reference data the A036 and A034 pages tell a client to filter
 *   (getCodeSystem examples: `businessFunction`, `commentIsMandatory`, `referrerUsage`, `usage`).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildSchema, coerceInputValue, GraphQLInputType } from 'graphql';
import { attachReferralLettersBody, recordTriageOutcomeBody } from '../../resolvers/referral.mutations';
import { cancelAppointmentActionLaterBody } from '../../resolvers/appointment.mutations';
import { createAdviceAndGuidanceBody, respondToAdviceAndGuidanceBody } from '../../resolvers/advice-and-guidance.mutations';
import { APPOINTMENT_CANCELLATION_REASONS, REFERRAL_CANCELLATION_REASONS } from '../../datasources/ers/cancellation-reasons';
import { AppointmentCancellationReason, ReferralCancellationReason } from '../../schema/reason.enums';
import type { FhirResource } from '../../datasources/ers/fhir';
import { SPEC_DIR } from '../helpers/spec';

type Json = Record<string, any>;
const BASE = '_baseUrl_';
const STU3 = (...path: string[]) => join(SPEC_DIR!, 'components/stu3/examples', ...path);
const read = (path: string): Json => JSON.parse(readFileSync(path, 'utf8'));
const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));
const coerced = (inputType: string, variables: Json): never =>
  coerceInputValue(variables, schema.getType(inputType) as GraphQLInputType) as never;

/** The files (DocumentReferences) of a request's parameter `name`, as AttachmentReferenceInput: url, description and indexed as indexedAt. */
function filesOf(body: Json, name: string): Json[] {
  return (body.parameter as Json[])
    .filter((p) => p.name === name)
    .map(({ resource }) => ({
      url: resource.content[0].attachment.url,
      ...(resource.description !== undefined ? { description: resource.description } : {}),
      indexedAt: resource.indexed,
    }));
}

const value = (body: Json, name: string, key: string) => (body.parameter as Json[]).find((p) => p.name === name)?.[key];
const referral = { ubrn: '000000070000', version: '6' };

/** A request example with files, and the input that sends it: the example's own values, its files with their own `indexed`. */
type Row = [string, string, string, (example: Json) => { inputType: string; variables: Json; body: (input: never) => FhirResource }];
const ROWS: Row[] = [
  ...['MultipleDocumentReferences.json', 'SingleDocumentReference.json', 'UpdateClinicalInfo.json'].map(
    (file) =>
      [
        'A012',
        'maintainReferralLetter',
        file,
        (example: Json) => ({
          inputType: 'AttachReferralLettersInput',
          variables: { ...referral, letters: filesOf(example, 'referralLetterFile') },
          body: (input: never) => attachReferralLettersBody(input),
        }),
      ] as Row,
  ),
  [
    'A028',
    'recordTriageOutcome',
    'AttachmentIncluded.json',
    (example) => ({
      inputType: 'RecordTriageOutcomeInput',
      variables: {
        ...referral,
        outcome: value(example, 'reviewOutcome', 'valueCoding').code,
        comment: value(example, 'reviewComments', 'valueString'),
        attachments: filesOf(example, 'reviewAttachmentFile'),
      },
      body: (input: never) => recordTriageOutcomeBody(input),
    }),
  ],
  [
    'A022',
    'cancelAppointmentActionLater',
    'PriorityChangeAndWithAttachmentsDBS.json',
    (example) => ({
      inputType: 'CancelAppointmentActionLaterInput',
      variables: {
        ...referral,
        comment: value(example, 'comments', 'valueString'),
        ...(value(example, 'priority', 'valueCoding') ? { priority: value(example, 'priority', 'valueCoding').code } : {}),
        ...(value(example, 'appointmentCancelledinPAS', 'valueBoolean') !== undefined
          ? { appointmentCancelledInPas: value(example, 'appointmentCancelledinPAS', 'valueBoolean') }
          : {}),
        attachments: filesOf(example, 'providerAttachmentFile'),
      },
      body: (input: never) => cancelAppointmentActionLaterBody(input),
    }),
  ],
  [
    'A044',
    'createAdviceAndGuidance',
    'ExampleRCAWithAttachments.json',
    (example) => ({
      inputType: 'CreateAdviceAndGuidanceInput',
      variables: {
        patientNhsNumber: '9912003888',
        priority: 'ROUTINE',
        specialty: 'CARDIOLOGY',
        clinicType: 'HEART_FAILURE',
        ageAndSexAppropriate: false,
        serviceId: '11014',
        request: 'Request text.',
        referringClinicianUserId: '021600556514',
        attachments: filesOf(example, 'requestAttachmentFile'),
      },
      body: (input: never) => createAdviceAndGuidanceBody(input, BASE),
    }),
  ],
  [
    'A026',
    'sendAdviceAndGuidanceResponse',
    'AttachmentIncluded.json',
    (example) => ({
      inputType: 'RespondToAdviceAndGuidanceInput',
      variables: {
        ...referral,
        outcome: 'RETURN_TO_REFERRER_WITH_ADVICE',
        recommendation: 'OTHER',
        guidance: 'Advise treatment as in attached document',
        priority: 'ROUTINE',
        attachments: filesOf(example, 'guidanceAttachmentFile'),
      },
      body: (input: never) => respondToAdviceAndGuidanceBody(input),
    }),
  ],
];

(SPEC_DIR ? describe : describe.skip)(
  SPEC_DIR ? 'issue 14 conformance rows' : 'issue 14 conformance rows (skipped: set ERS_SPEC_DIR)',
  () => {
    describe('item 5: a file’s own indexed time (AttachmentReferenceInput.indexedAt) reaches the body', () => {
      it.each(ROWS)('%s %s %s: the example exactly, indexed as given', (_endpoint, dir, file, rowOf) => {
        const example = read(STU3(dir, 'requests', file));
        const row = rowOf(example);
        const given = (row.variables.letters ?? row.variables.attachments) as Json[];
        expect(given.length).toBeGreaterThan(0);
        expect(given.every((f) => typeof f.indexedAt === 'string')).toBe(true);
        expect(row.body(coerced(row.inputType, row.variables))).toStrictEqual(example);
      });

      it('sends the time of sending for a file given without one', () => {
        const example = read(STU3('maintainReferralLetter', 'requests', 'SingleDocumentReference.json'));
        const [letter] = filesOf(example, 'referralLetterFile');
        const { indexedAt: _indexed, ...withoutTime } = letter;
        const sent = attachReferralLettersBody(
          coerced('AttachReferralLettersInput', { ...referral, letters: [withoutTime] }),
          '2031-01-02T03:04:05.000Z',
        );
        expect((sent.parameter as Json[])[0].resource.indexed).toBe('2031-01-02T03:04:05.000Z');
      });
    });

    describe('item 3: the cancellation reasons refused before calling e-RS are the reference data’s', () => {
      const concepts = (file: string): Json[] => read(STU3('getCodeSystem', 'responses', file)).concept;
      const properties = (concept: Json, code: string): unknown[] =>
        (concept.property as Json[])
          .filter((p) => p.code === code)
          .map((p) => p.valueCoding?.code ?? p.valueBoolean ?? p.valueString ?? p.valueDateTime);

      it.each(Object.values(ReferralCancellationReason))(
        'REFERRAL-CANCELLATION-REASON %s: who may give it (A036), and its comment',
        (code) => {
          const concept = concepts('ReferralCancellationReasonCodeSystem.json').find((c) => c.code === code)!;
          expect(properties(concept, 'referrerUsage')).toContain('CANCEL_REFERRAL');
          const rule = REFERRAL_CANCELLATION_REASONS[code];
          expect([...rule.givenBy].sort()).toEqual([...properties(concept, 'businessFunction')].sort());
          expect(rule.commentIsMandatory).toBe(properties(concept, 'commentIsMandatory')[0]);
        },
      );

      it.each(Object.values(AppointmentCancellationReason))(
        'APPOINTMENT-CANCELLATION-REASON %s: who may give it (A034), and its comment',
        (code) => {
          const concept = concepts('AppointmentCancellationReasonCodeSystem.json').find((c) => c.code === code)!;
          expect(properties(concept, 'usage')).toContain('CANCEL');
          const rule = APPOINTMENT_CANCELLATION_REASONS[code];
          expect([...rule.givenBy].sort()).toEqual([...properties(concept, 'businessFunction')].sort());
          expect(rule.commentIsMandatory).toBe(properties(concept, 'commentIsMandatory')[0]);
        },
      );

      it('knows a rule for every reason the schema offers, and none it does not', () => {
        expect(Object.keys(REFERRAL_CANCELLATION_REASONS).sort()).toEqual(Object.values(ReferralCancellationReason).sort());
        expect(Object.keys(APPOINTMENT_CANCELLATION_REASONS).sort()).toEqual(Object.values(AppointmentCancellationReason).sort());
      });
    });
  },
);
