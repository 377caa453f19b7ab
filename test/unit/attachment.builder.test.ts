import { attachmentParameters, buildDocumentReference } from '../../datasources/ers/attachment.builder';

const file = { url: 'Binary/99999999-0000-4000-8000-000000000001', indexedAt: '2025-01-02T03:04:05.678Z' };
const reference = (code: string, description?: string) => ({
  meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1'] },
  resourceType: 'DocumentReference',
  type: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', code }] },
  status: 'current',
  indexed: '2025-01-02T03:04:05.678Z',
  ...(description !== undefined ? { description } : {}),
  content: [{ attachment: { url: 'Binary/99999999-0000-4000-8000-000000000001' } }],
});

describe('buildDocumentReference (an uploaded file in a write request)', () => {
  it('carries the description when there is one', () => {
    expect(buildDocumentReference('PROVIDER', { ...file, description: 'Scan' })).toStrictEqual(reference('PROVIDER', 'Scan'));
  });

  it('leaves description out, rather than null, when there is none', () => {
    expect(buildDocumentReference('REFERRER', file)).toStrictEqual(reference('REFERRER'));
  });

  it('makes one named parameter per file, in order, and none for no files', () => {
    const second = { ...file, url: 'Binary/99999999-0000-4000-8000-000000000002' };
    expect(
      attachmentParameters('reviewAttachmentFile', 'PROVIDER', [file, second]).map((p) => [
        p.name,
        (p.resource.content as Array<{ attachment: { url: string } }>)[0].attachment.url,
      ]),
    ).toStrictEqual([
      ['reviewAttachmentFile', file.url],
      ['reviewAttachmentFile', second.url],
    ]);
    expect(attachmentParameters('reviewAttachmentFile', 'PROVIDER', undefined)).toStrictEqual([]);
  });
});
