/**
 * A020 Upload file to document store, and turning uploaded files into attachments when a later
 * write (A012, A022, A028, A044, A026, A027) references them as DocumentReference content
 * `Binary/<id>`. Uploads are kept per world until they are attached.
 */
import type { Attachment, AttachmentType } from '../data/world';
import type { Json } from './parameters';
import { type ActionContext, type ActionFailure, addAttachment, fail, isFailure, stableUuid } from './common';

/** 5 MB, the A020 limit. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** File extensions e-RS accepts (A020 page) and the content types each may be sent as. */
export const UPLOAD_TYPES: Record<string, string[]> = {
  txt: ['text/plain'],
  pdf: ['application/pdf'],
  xml: ['text/xml', 'application/xml'],
  rtf: ['text/rtf', 'application/rtf'],
  rtx: ['text/richtext', 'text/rtf'],
  au: ['audio/basic'],
  mp3: ['audio/mpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  jpg: ['image/jpeg'],
  jpe: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  mpg: ['video/mpeg'],
  mpeg: ['video/mpeg'],
  mpe: ['video/mpeg'],
  doc: ['application/msword'],
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword'],
  dcm: ['application/dicom'],
};

export interface Upload {
  binaryId: string;
  fileName: string;
  contentType: string;
  bytes: Buffer;
  uploadedAt: string;
  uploadedByUserId?: string;
  uploadedByOdsCode: string;
  /** NHSD-eRS-Referral-ID: the request the file is intended for. */
  referralId?: string;
}

const stores = new WeakMap<object, Map<string, Upload>>();

export function uploadsOf(world: object): Map<string, Upload> {
  let store = stores.get(world);
  if (!store) {
    store = new Map();
    stores.set(world, store);
  }
  return store;
}

export interface UploadInput {
  fileName: string | undefined;
  contentType: string | undefined;
  bytes: Buffer | undefined;
  referralId: string | undefined;
}

/** A020: stores the file and returns its location (Binary/<id>). */
export function uploadFile(ctx: ActionContext, input: UploadInput): { location: string; upload: Upload } | ActionFailure {
  if (input.fileName === undefined || input.fileName.trim() === '') return fail('MISSING_HEADER', 'NHSD-eRS-File-Name is required.', 400);
  const fileName = input.fileName.trim();
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension || !UPLOAD_TYPES[extension]) return fail('INVALID_VALUE', `File type of '${fileName}' is not supported by e-RS.`);
  const contentType = (input.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (contentType === '') return fail('MISSING_VALUE', 'Content-Type is required.');
  if (!UPLOAD_TYPES[extension].includes(contentType)) {
    return fail('CONFLICTING_VALUES', `Content-Type ${contentType} does not match the file extension .${extension}.`);
  }
  const bytes = input.bytes ?? Buffer.alloc(0);
  if (bytes.length === 0 || bytes.length > MAX_UPLOAD_BYTES) {
    return fail('FILE_SIZE_ERROR', `The file is either empty or larger than 5MB (${MAX_UPLOAD_BYTES} bytes).`);
  }
  let referralId: string | undefined;
  if (input.referralId !== undefined && input.referralId.trim() !== '') {
    referralId = input.referralId.trim();
    const known = ctx.world.referrals.some((r) => r.ubrn === referralId) || ctx.world.adviceAndGuidance.some((a) => a.ubrn === referralId);
    if (!known) return fail('INAPPROPRIATE_VALUE', `NHSD-eRS-Referral-ID (${referralId}) does not identify a request.`);
  }
  const store = uploadsOf(ctx.world);
  const binaryId = stableUuid(ctx.world, `upload:${store.size + 1}:${ctx.world.attachments.length}`);
  const upload: Upload = { binaryId, fileName, contentType, bytes, uploadedAt: ctx.at, uploadedByOdsCode: ctx.actor.odsCode };
  if (ctx.actor.userId) upload.uploadedByUserId = ctx.actor.userId;
  if (referralId) upload.referralId = referralId;
  store.set(binaryId, upload);
  return { location: `Binary/${binaryId}`, upload };
}

const DOCUMENT_REFERENCE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1';
const ATTACHMENT_TYPE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1';

/** A DocumentReference parameter checked and resolved to its upload (not yet attached). */
export interface ResolvedFile {
  upload: Upload;
  description?: string;
}

/**
 * Checks DocumentReference parameters (eRS-DocumentReference-1 with content[0].attachment.url
 * Binary/<id>) and resolves each to an upload made for `ubrn` (A028's rule: uploads without
 * NHSD-eRS-Referral-ID, or for another request, are INAPPROPRIATE_VALUE). Duplicate file names
 * among the files or with the request's attachments are DUPLICATE_FILENAME.
 */
export function resolveFiles(
  ctx: ActionContext,
  name: string,
  resources: Json[],
  expectedType: AttachmentType,
  ubrn: string | undefined,
  existing: Attachment[],
): ResolvedFile[] | ActionFailure {
  const out: ResolvedFile[] = [];
  const names = new Set(existing.map((a) => a.title));
  for (const resource of resources) {
    if (resource.resourceType !== 'DocumentReference') return fail('INVALID_FHIR_STRUCTURE', `'${name}' must be a DocumentReference.`);
    const profile = resource.meta?.profile;
    if (!Array.isArray(profile) || profile[0] !== DOCUMENT_REFERENCE_PROFILE)
      return fail('INVALID_VALUE', `'${name}' must have meta.profile ['${DOCUMENT_REFERENCE_PROFILE}'].`);
    const coding = resource.type?.coding?.[0];
    if (!coding) return fail('MISSING_VALUE', `'${name}' needs type.coding.`);
    if (coding.system !== ATTACHMENT_TYPE_SYSTEM || coding.code !== expectedType) {
      return fail('INVALID_CODE', `'${name}' must have the attachment type ${expectedType}.`);
    }
    const url = resource.content?.[0]?.attachment?.url;
    if (typeof url !== 'string') return fail('MISSING_VALUE', `'${name}' needs content[0].attachment.url (Binary/<id> from A020).`);
    const id = /^Binary\/([\w-]+)$/.exec(url)?.[1];
    const upload = id === undefined ? undefined : uploadsOf(ctx.world).get(id);
    if (!upload) return fail('REFERENCE_NOT_FOUND', `${url} is not a file uploaded with A020.`);
    if (ubrn !== undefined && upload.referralId !== ubrn) {
      return fail('INAPPROPRIATE_VALUE', `${url} was not uploaded for request ${ubrn} (NHSD-eRS-Referral-ID).`);
    }
    if (names.has(upload.fileName))
      return fail('DUPLICATE_FILENAME', `A file named '${upload.fileName}' is already attached or being attached.`);
    names.add(upload.fileName);
    const file: ResolvedFile = { upload };
    if (typeof resource.description === 'string') file.description = resource.description;
    out.push(file);
  }
  return out;
}

/** Attaches resolved files to a request (removing them from the pending uploads). */
export function attachFiles(ctx: ActionContext, files: ResolvedFile[], owner: Attachment['owner'], type: AttachmentType): Attachment[] {
  const store = uploadsOf(ctx.world);
  return files.map((file) => {
    store.delete(file.upload.binaryId);
    return addAttachment(ctx, file.upload, owner, type, file.description);
  });
}

export { isFailure };
