import { mapAdviceAndGuidanceConversation } from '../../datasources/ers/communication.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { AdviceAndGuidanceMessage } from '../../schema/advice-and-guidance.type';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const conversation = (): Json => loadFhirFixture('communication.advice-and-guidance-conversation.bundle.json');
const REFERRER = { userId: '999000000666', name: null, odsCode: 'X98', businessFunction: 'REFERRING_CLINICIAN' };
const PROVIDER = { userId: '999000000777', name: null, odsCode: 'X99', businessFunction: 'SERVICE_PROVIDER_CLINICIAN' };

/** The Communication with id `id` in the bundle. */
function message(bundle: Json, id: string): Json {
  return bundle.entry.find((entry: Json) => entry.resource.id === id).resource;
}

describe('mapAdviceAndGuidanceConversation (A025)', () => {
  it('maps every message, oldest first, with its author and attachments', () => {
    const bundle = deepFreeze(conversation());
    const messages = mapAdviceAndGuidanceConversation(bundle);
    messages.forEach((m) => expect(m).toBeInstanceOf(AdviceAndGuidanceMessage));
    expect(messages.map((m) => m.id)).toEqual(['99300', '99301', '99302']);
    const [first, second] = messages;
    expect(first!.fhir).toBe(message(bundle, '99300'));
    const { fhir: _fhir, attachments, ...rest } = first!;
    expect(rest).toEqual({
      id: '99300',
      sentAt: '2030-01-02T09:00:00.000Z',
      sentBy: 'REQUESTER',
      author: REFERRER,
      requester: REFERRER,
      organisationOdsCode: 'X98',
      recipientServiceId: '99003',
      recipientOdsCode: null,
      text: 'Synthetic question',
      adviceAndGuidanceUbrn: '999000000201',
      adviceAndGuidanceVersion: '4',
    });
    expect(attachments).toEqual([
      expect.objectContaining({ id: '99201', documentReferenceId: '99201', type: expect.objectContaining({ code: 'ADVICE_REQUEST' }) }),
    ]);
    expect(second).toMatchObject({
      sentBy: 'RESPONDER',
      author: PROVIDER,
      organisationOdsCode: 'X99',
      recipientServiceId: null,
      recipientOdsCode: 'X98',
      text: 'Synthetic advice',
      attachments: [expect.objectContaining({ id: '99202', attachedByUserId: '999000000777' })],
    });
    expect(messages[2]!.attachments).toEqual([]);
  });

  it.each<[string, (b: Json) => void, (m: AdviceAndGuidanceMessage[]) => unknown, unknown]>([
    [
      'a message without sent (listed last)',
      (b) => delete message(b, '99301').sent,
      (m) => m.map((x) => x.id),
      ['99300', '99302', '99301'],
    ],
    [
      'an author role missing from the bundle',
      (b) => (b.entry = b.entry.filter((e: Json) => e.resource.resourceType !== 'PractitionerRole')),
      (m) => [m[0]!.author, m[0]!.organisationOdsCode],
      [null, null],
    ],
    [
      'a DocumentReference missing from the bundle',
      (b) => (b.entry = b.entry.filter((e: Json) => e.resource.resourceType !== 'DocumentReference')),
      (m) => m.map((x) => x.attachments.length),
      [0, 0, 0],
    ],
    [
      'several notes',
      (b) => message(b, '99300').note.push({ text: 'second part' }),
      (m) => m[0]!.text,
      'Synthetic question\n\nsecond part',
    ],
    ['no note', (b) => delete message(b, '99300').note, (m) => m[0]!.text, null],
    [
      'no requester extension',
      (b) => delete message(b, '99300').extension,
      (m) => [m[0]!.requester, m[0]!.author?.userId],
      [null, '999000000666'],
    ],
    [
      'no basedOn',
      (b) => delete message(b, '99300').basedOn,
      (m) => [m[0]!.adviceAndGuidanceUbrn, m[0]!.adviceAndGuidanceVersion],
      [null, null],
    ],
    [
      'unknown extensions and garbage in optional elements',
      (b) => {
        const c = message(b, '99300');
        c.extension.push({ url: 'https://example.invalid/Extension-Future-1', valueBoolean: true });
        Object.assign(c, { category: 'x', recipient: [null], payload: [{ contentReference: 7 }], sender: 'x' });
        b.entry.push(null, { resource: 'x' });
      },
      (m) => [m.length, m[0]!.sentBy, m[0]!.recipientServiceId, m[0]!.attachments, m[0]!.author, m[0]!.requester?.userId],
      [3, null, null, [], null, '999000000666'],
    ],
    ['an empty conversation', (b) => delete b.entry, (m) => m, []],
  ])('maps %s', (_name, change, read, expected) => {
    const bundle = conversation();
    change(bundle);
    expect(read(mapAdviceAndGuidanceConversation(deepFreeze(bundle)))).toEqual(expected);
  });

  it.each([
    ['undefined', undefined],
    ['a Communication', { resourceType: 'Communication', id: '1' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapAdviceAndGuidanceConversation(input)).toThrow(FhirMappingError);
  });
});
