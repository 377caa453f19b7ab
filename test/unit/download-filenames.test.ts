import { filenamesOf } from '../../datasources/ers/binary.api';
import { downloadFilenames } from '../../kernel/uploads/file-names';

/** Issue 14, item 2: A042's RFC 5987 `filename*` is read, and both names are passed on to the client. */
describe('filenamesOf (the Content-Disposition of an e-RS download)', () => {
  it.each([
    ['filename only', 'attachment; filename="letter.pdf"', { filename: 'letter.pdf', asciiFilename: 'letter.pdf' }],
    [
      'filename and filename* (UTF-8)',
      `attachment; filename="lettre-m_decin.pdf"; filename*=UTF-8''lettre-m%C3%A9decin.pdf`,
      { filename: 'lettre-médecin.pdf', asciiFilename: 'lettre-m_decin.pdf' },
    ],
    [
      'filename* first',
      `attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf; filename="resume.pdf"`,
      { filename: 'résumé.pdf', asciiFilename: 'resume.pdf' },
    ],
    ['filename* alone', `attachment; filename*=UTF-8''%E6%97%A5%E6%9C%AC.txt`, { filename: '日本.txt', asciiFilename: undefined }],
    ['filename* in ISO-8859-1', `attachment; filename*=ISO-8859-1''caf%E9.txt`, { filename: 'café.txt', asciiFilename: undefined }],
    ['an unreadable filename*', `attachment; filename="plain.pdf"; filename*=bogus`, { filename: 'plain.pdf', asciiFilename: 'plain.pdf' }],
    ['an unquoted token', 'attachment; filename=plain.pdf', { filename: 'plain.pdf', asciiFilename: 'plain.pdf' }],
    ['no file name', 'attachment', { filename: undefined, asciiFilename: undefined }],
  ])('reads %s', (_name, header, expected) => {
    expect(filenamesOf(header)).toEqual(expected);
  });

  it('reads no names from no header', () => {
    expect(filenamesOf(undefined)).toEqual({});
  });
});

describe('downloadFilenames (what the client is sent)', () => {
  it('keeps a Unicode name as it is, and the upstream’s ASCII fallback as it was', () => {
    expect(downloadFilenames('lettre-médecin.pdf', 'lettre-medecin.pdf', 'attachment')).toEqual({
      name: 'lettre-médecin.pdf',
      fallback: 'lettre-medecin.pdf',
    });
  });

  it('makes an ASCII fallback when the upstream gave none', () => {
    expect(downloadFilenames('日本.txt', undefined, 'attachment')).toEqual({ name: '日本.txt', fallback: '__.txt' });
  });

  it.each([
    ['a path', '../../etc/lettre.pdf', 'lettre.pdf'],
    ['a bidi override disguising the extension', 'invoice\u202Efdp.exe', 'invoice_fdp.exe'],
    ['control characters', 'a\r\nb.pdf', 'a__b.pdf'],
    ['leading dots', '..hidden.pdf', 'hidden.pdf'],
  ])('takes out %s', (_name, given, expected) => {
    expect(downloadFilenames(given, undefined, 'attachment').name).toBe(expected);
  });

  it('keeps at most 150 characters, and falls back to the default name when nothing is left', () => {
    expect([...downloadFilenames('é'.repeat(400), undefined, 'x').name]).toHaveLength(150);
    expect(downloadFilenames('///', undefined, 'attachment')).toEqual({ name: 'attachment', fallback: 'attachment' });
  });

  it('never puts a quote, backslash (a path, taken off) or percent sign in the fallback', () => {
    expect(downloadFilenames('x', 'a"b%d.pdf', 'attachment').fallback).toBe('a_b_d.pdf');
    expect(downloadFilenames('x', 'dir\\a.pdf', 'attachment').fallback).toBe('a.pdf');
  });
});
