import { detectFileType, extensionOf, uploadFileTypeOf, UPLOAD_EXTENSIONS } from '../../datasources/ers/document-store.api';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** One sample per A020 type, with the signature the server checks. */
const SAMPLES: Array<[string, Buffer, string]> = [
  ['txt', bytes('Hello\r\nWorld\t\n'), 'text/plain'],
  ['pdf', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), 'application/pdf'],
  ['xml', bytes('\xef\xbb\xbf  <?xml version="1.0"?><a/>'), 'text/xml'],
  ['rtf', bytes('{\\rtf1\\ansi Hello}'), 'text/rtf'],
  ['rtx', bytes('{\\rtf1\\ansi Hello}'), 'text/rtf'],
  ['au', bytes('.snd', [0, 0, 0, 24]), 'audio/basic'],
  ['mp3', bytes('ID3', [4, 0, 0]), 'audio/mpeg'],
  ['png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'image/png'],
  ['gif', bytes('GIF89a', [1, 0]), 'image/gif'],
  ['jpe', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
  ['tiff', bytes([0x4d, 0x4d, 0x00, 0x2a]), 'image/tiff'],
  ['mpg', bytes([0x00, 0x00, 0x01, 0xba, 0x44]), 'video/mpeg'],
  [
    'doc',
    bytes(OLE, Buffer.alloc(100).toString('latin1'), Buffer.from('WordDocument', 'utf16le').toString('latin1')),
    'application/msword',
  ],
  [
    'docx',
    bytes([0x50, 0x4b, 0x03, 0x04], '....[Content_Types].xml....word/document.xml'),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ],
  ['dcm', bytes(Buffer.alloc(128).toString('latin1'), 'DICM'), 'application/dicom'],
];

describe('A020 file types', () => {
  it('allows exactly the extensions of the A020 page', () => {
    expect([...UPLOAD_EXTENSIONS].sort()).toEqual(
      [
        'txt',
        'pdf',
        'xml',
        'rtf',
        'rtx',
        'au',
        'mp3',
        'png',
        'gif',
        'jpg',
        'jpe',
        'jpeg',
        'tif',
        'tiff',
        'mpg',
        'mpeg',
        'mpe',
        'doc',
        'docx',
        'dcm',
      ].sort(),
    );
  });

  it.each(SAMPLES)('accepts .%s content with its signature, as %#', (extension, content, contentType) => {
    const type = uploadFileTypeOf(extension)!;
    expect(type.contentType).toBe(contentType);
    expect(type.matches(content)).toBe(true);
  });

  it.each([
    ['pdf', SAMPLES[7][1], 'PNG Image'],
    [
      'doc',
      bytes(OLE, Buffer.from('Workbook', 'utf16le').toString('latin1')),
      'an OLE compound file that is not a Word document (e.g. Excel .xls)',
    ],
    [
      'docx',
      bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml xl/workbook.xml'),
      'a zip file that is not a Word document (e.g. Excel .xlsx)',
    ],
    ['txt', SAMPLES[1][1], 'PDF'],
    ['xml', bytes('plain words'), 'Plain Text'],
    ['png', bytes([0, 1, 2, 3, 0xff]), undefined],
  ])('refuses .%s content that is something else (%s)', (extension, content, detected) => {
    expect(uploadFileTypeOf(extension)!.matches(content)).toBe(false);
    expect(detectFileType(content)).toBe(detected);
  });

  it.each([
    ['letter.PDF', 'pdf'],
    ['archive.tar.gz', 'gz'],
    ['no-extension', undefined],
    ['trailing.', undefined],
  ])('reads the extension of %s', (name, extension) => {
    expect(extensionOf(name)).toBe(extension);
  });

  it.each(['xls', 'xlsx', 'exe', 'html', undefined])('has no type for .%s', (extension) => {
    expect(uploadFileTypeOf(extension)).toBeUndefined();
  });
});
