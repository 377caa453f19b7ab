import type { ErsClient } from './client';
import { ErsError } from './errors';
import { assertIdentifier, binaryIdOf, UBRN } from '../../schema/scalars';

/**
 * A020 (upload file to document store): `POST /STU3/Binary` with the file's bytes as the body,
 * its media type as `Content-Type` and its name in `NHSD-eRS-File-Name`; e-RS answers 201 with
 * no body and the file's e-RS URL (`Binary/<id>`) in `Location`. The upload only stores the
 * file: letters (A012), triage outcomes (A028), A&G (A026, A027, A044) then refer to that URL.
 *
 * The file types and size limit below are the "Pre-requisites" of the A020 page; ers-graph
 * enforces them before any byte goes to e-RS.
 */

/** "Currently, the maximum file size supported by e-RS is 5MB" (read as 5 MiB). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface UploadFileType {
  /** The file type's name in the A020 page, e.g. "PDF". */
  label: string;
  /** The media type A020 takes for it (its request body content types). */
  contentType: string;
  /** Lower-case extensions without the dot. */
  extensions: readonly string[];
  /** Whether the bytes are of this type (magic bytes, or text for the text types). */
  matches: (bytes: Buffer) => boolean;
}

const startsWith = (bytes: Buffer, signature: number[] | string, offset = 0) => {
  const expected = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + expected.length && bytes.subarray(offset, offset + expected.length).equals(expected);
};

/**
 * Plain text: no NUL and no control characters other than tab, line feed, vertical tab, form feed,
 * carriage return and SUB (old DOS end of file). Any 8-bit encoding passes (UTF-8, Windows-1252).
 */
function isText(bytes: Buffer): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0b && byte !== 0x0c && byte !== 0x0d && byte !== 0x1a) return false;
    if (byte === 0x7f) return false;
  }
  return true;
}

function withoutBom(bytes: Buffer): Buffer {
  return startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
}

const isPdf = (bytes: Buffer) => bytes.subarray(0, 1024).includes('%PDF-', 0, 'latin1');
const isPng = (bytes: Buffer) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isGif = (bytes: Buffer) => startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a');
const isJpeg = (bytes: Buffer) => startsWith(bytes, [0xff, 0xd8, 0xff]);
const isTiff = (bytes: Buffer) => startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a]);
const isRtf = (bytes: Buffer) => startsWith(withoutBom(bytes), '{\\rtf');
const isAu = (bytes: Buffer) => startsWith(bytes, '.snd');
/** An ID3 tag, or an MPEG audio frame sync (11 bits set) with a valid layer. */
const isMp3 = (bytes: Buffer) =>
  startsWith(bytes, 'ID3') || (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 && (bytes[1] & 0x06) !== 0);
/** An MPEG program stream pack header or a video sequence header. */
const isMpegVideo = (bytes: Buffer) => startsWith(bytes, [0x00, 0x00, 0x01, 0xba]) || startsWith(bytes, [0x00, 0x00, 0x01, 0xb3]);
const isOle = (bytes: Buffer) => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** An OLE compound file with a "WordDocument" stream (an Excel or PowerPoint file has none). */
const isDoc = (bytes: Buffer) => isOle(bytes) && bytes.includes(Buffer.from('WordDocument', 'utf16le'));
const isZip = (bytes: Buffer) => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
/** A zip with the parts of a WordprocessingML package (an .xlsx has `xl/`, not `word/`). */
const isDocx = (bytes: Buffer) =>
  isZip(bytes) && bytes.includes('[Content_Types].xml', 0, 'latin1') && bytes.includes('word/', 0, 'latin1');
/** DICOM Part 10: a 128-byte preamble, then "DICM". */
const isDicom = (bytes: Buffer) => startsWith(bytes, 'DICM', 128);

/** Binary types, tried in this order to say what a refused file looks like. */
const BINARY_TYPES: UploadFileType[] = [
  { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'], matches: isPdf },
  { label: 'PNG Image', contentType: 'image/png', extensions: ['png'], matches: isPng },
  { label: 'GIF Image', contentType: 'image/gif', extensions: ['gif'], matches: isGif },
  { label: 'JPEG Image', contentType: 'image/jpeg', extensions: ['jpg', 'jpe', 'jpeg'], matches: isJpeg },
  { label: 'TIFF Image', contentType: 'image/tiff', extensions: ['tif', 'tiff'], matches: isTiff },
  { label: 'MSWORD', contentType: 'application/msword', extensions: ['doc'], matches: isDoc },
  {
    label: 'MSWORD',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    matches: isDocx,
  },
  { label: 'DICOM', contentType: 'application/dicom', extensions: ['dcm'], matches: isDicom },
  { label: 'Basic Audio', contentType: 'audio/basic', extensions: ['au'], matches: isAu },
  { label: 'MPEG Video', contentType: 'video/mpeg', extensions: ['mpg', 'mpeg', 'mpe'], matches: isMpegVideo },
  { label: 'MPEG audio layer 3', contentType: 'audio/mpeg', extensions: ['mp3'], matches: isMp3 },
];

/** Other formats a refused file may be, to say so (never accepted). */
const OTHER_FORMATS: Array<{ label: string; matches: (bytes: Buffer) => boolean }> = [
  { label: 'an OLE compound file that is not a Word document (e.g. Excel .xls)', matches: isOle },
  { label: 'a zip file that is not a Word document (e.g. Excel .xlsx)', matches: isZip },
];

/**
 * What a file's bytes look like: the label of the first binary type whose signature matches,
 * "RTF Text" or "Plain Text"; undefined when none fits.
 */
export function detectFileType(bytes: Buffer): string | undefined {
  const binary = BINARY_TYPES.find((type) => type.matches(bytes));
  if (binary) return binary.label;
  const other = OTHER_FORMATS.find((format) => format.matches(bytes));
  if (other) return other.label;
  if (isRtf(bytes)) return 'RTF Text';
  if (isText(bytes)) return 'Plain Text';
  return undefined;
}

/** Text types: text without the signature of any binary type (a PDF renamed .txt is not text). */
const looksBinary = (bytes: Buffer) =>
  BINARY_TYPES.some((type) => type.matches(bytes)) || OTHER_FORMATS.some((format) => format.matches(bytes));

/** The A020 file types (the table of its "Pre-requisites" section). */
export const UPLOAD_FILE_TYPES: readonly UploadFileType[] = [
  { label: 'Plain Text', contentType: 'text/plain', extensions: ['txt'], matches: (b) => isText(b) && !looksBinary(b) },
  ...BINARY_TYPES.filter((type) => type.extensions[0] === 'pdf'),
  {
    label: 'XML Text',
    contentType: 'text/xml',
    extensions: ['xml'],
    matches: (b) => isText(b) && !looksBinary(b) && /^\s*</.test(withoutBom(b).subarray(0, 256).toString('latin1')),
  },
  { label: 'RTF Text', contentType: 'text/rtf', extensions: ['rtf', 'rtx'], matches: isRtf },
  ...BINARY_TYPES.filter((type) => type.extensions[0] !== 'pdf'),
];

/** Every extension A020 allows, lower case, without the dot. */
export const UPLOAD_EXTENSIONS: readonly string[] = UPLOAD_FILE_TYPES.flatMap((type) => type.extensions);

/** The extension of a file name, lower case, without the dot; undefined when it has none. */
export function extensionOf(fileName: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim());
  return match ? match[1].toLowerCase() : undefined;
}

/** The A020 file type of an extension, or undefined when e-RS does not take it. */
export function uploadFileTypeOf(extension: string | undefined): UploadFileType | undefined {
  if (!extension) return undefined;
  return UPLOAD_FILE_TYPES.find((type) => type.extensions.includes(extension.toLowerCase()));
}

export interface UploadFile {
  bytes: Buffer;
  /** The name e-RS shows, with its extension; plain ASCII (it travels as an HTTP header). */
  fileName: string;
  /** The A020 media type of the file's type. */
  contentType: string;
  /** `NHSD-eRS-Referral-ID`: the UBRN of the referral or A&G request the file is for, when known. */
  referralId?: string;
}

export interface UploadedFile {
  /** The e-RS URL of the stored file, `Binary/<id>`: what letters and A&G responses refer to. */
  url: string;
}

/**
 * A020: uploads one file to the e-RS document store and returns its e-RS URL.
 * Not retried after a 429 or a timeout (a write); the client retries a 401 once with a fresh token.
 * @see e-RS API A020 "Upload file to document store" (POST /STU3/Binary)
 */
export async function uploadFile(ers: ErsClient, file: UploadFile): Promise<UploadedFile> {
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    'NHSD-eRS-File-Name': file.fileName,
  };
  if (file.referralId) headers['NHSD-eRS-Referral-ID'] = assertIdentifier(UBRN, file.referralId, 'referralId');
  const response = await ers.send({ endpoint: 'A020', method: 'POST', path: '/STU3/Binary', headers, body: file.bytes });
  // Location is `Binary/<id>` in the spec; an absolute URL ending so is read the same way.
  const location = response.location?.trim();
  let path = location;
  if (location && /^https?:\/\//i.test(location)) {
    try {
      path = new URL(location).pathname;
    } catch {
      path = undefined;
    }
  }
  const binaryId = binaryIdOf(path);
  if (!binaryId) throw new ErsError('UPSTREAM_ERROR', { endpoint: 'A020', httpStatus: response.status, transport: 'INVALID_RESPONSE' });
  return { url: `Binary/${binaryId}` };
}
