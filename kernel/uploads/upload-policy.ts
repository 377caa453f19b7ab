import { safeFilename } from './file-names';
import { activeContentMarker } from './active-content';
import { isIdentifier, UBRN } from '../../schema/scalars';
import type { ErrorExtensions, ReasonOf } from '../../schema/error-codes';
import {
  MAX_UPLOAD_BYTES,
  UPLOAD_EXTENSIONS,
  detectFileType,
  extensionOf,
  uploadFileTypeOf,
} from '../../datasources/ers/document-store.api';

/** A refused upload: its HTTP status (for `POST /attachments`) and GraphQL-style extensions. */
export class UploadRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extensions: ErrorExtensions,
  ) {
    super(message);
  }
}

export const tooLarge = () =>
  new UploadRefusal(413, `The file is larger than e-RS accepts (${MAX_UPLOAD_BYTES} bytes, 5 MB)`, {
    code: 'PAYLOAD_TOO_LARGE',
    maxBytes: MAX_UPLOAD_BYTES,
  });

export const badUpload = (message: string, reason: ReasonOf<'BAD_USER_INPUT'>) =>
  new UploadRefusal(400, message, { code: 'BAD_USER_INPUT', reason });

/** What e-RS will be sent: the media type of the extension, and a plain ASCII name. */
export interface AcceptedUpload {
  contentType: string;
  title: string;
}

/**
 * The A020 rules, applied before any byte goes to e-RS: an extension e-RS takes, content that is
 * what the extension says (magic bytes), no HTML or script anywhere in it (./active-content.ts),
 * not empty, and a well-formed referral id. (The 5 MB limit is enforced while the bytes are
 * read.) The declared media type is ignored.
 */
export function acceptUpload(bytes: Buffer, filename: string, referralId: string | undefined): AcceptedUpload {
  const extension = extensionOf(filename);
  const type = uploadFileTypeOf(extension);
  if (!type) {
    throw new UploadRefusal(415, `e-RS does not accept ${extension ? `.${extension}` : 'files without an extension'}`, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      reason: 'FILE_TYPE_NOT_ALLOWED',
      allowedExtensions: UPLOAD_EXTENSIONS.map((e) => `.${e}`),
    });
  }
  if (bytes.length === 0) throw badUpload('The file is empty', 'EMPTY_FILE');
  if (!type.matches(bytes)) {
    const detected = detectFileType(bytes);
    throw new UploadRefusal(
      415,
      `The file's content is not ${type.label} as its name .${extension} says${detected ? ` (it looks like ${detected})` : ''}`,
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        reason: 'CONTENT_MISMATCH',
        ...(detected ? { detected } : {}),
      },
    );
  }
  const marker = activeContentMarker(bytes, extension!);
  if (marker) {
    throw new UploadRefusal(
      415,
      `The file holds HTML or script (${marker}) that a browser could run: e-RS users open files in browsers, so it is refused`,
      {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        reason: 'ACTIVE_CONTENT',
        marker,
      },
    );
  }
  if (referralId !== undefined && !isIdentifier(UBRN, referralId)) {
    throw badUpload('referralId must be the 12-digit UBRN of a referral or advice and guidance request', 'INVALID_REFERRAL_ID');
  }
  return { contentType: type.contentType, title: fileNameFor(filename, extension!) };
}

/** The name sent to e-RS: the caller's, made plain ASCII, its extension kept (lower case). */
function fileNameFor(filename: string, extension: string): string {
  const base = filename.trim().replace(/\.[A-Za-z0-9]{1,10}$/, '');
  return `${safeFilename(base, 'upload').slice(0, 120)}.${extension}`;
}
