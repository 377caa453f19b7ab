/**
 * Endpoint-specific e-RS error outcomes that the shared Problem table (operation-outcome.ts) does
 * not name: the codes of each endpoint page's own error tables (422 INVALID_REQUEST_TYPE, 404
 * HISTORY_NOT_SUPPORTED, 400 MISSING_PARAMETER, A006/A042 availability codes, ...). They are
 * returned as FhirResults carrying an OperationOutcome body and its status.
 */
import type { FhirResult } from '../http/fhir-route';
import { r4OperationOutcome, stu3OperationOutcome } from './operation-outcome';
import { SYSTEM } from './systems';

/** Display texts for the STU3 eRS-APIErrorCode-1 codes the simulator reports. */
const STU3_DISPLAY: Record<string, string> = {
  INVALID_VALUE: 'Invalid value',
  INVALID_CODE: 'Invalid code',
  INVALID_STATE: 'Invalid state',
  INVALID_REQUEST_TYPE: 'Invalid request type',
  INVALID_FHIR_STRUCTURE: 'Invalid FHIR structure',
  MISSING_VALUE: 'Missing value',
  MISSING_PARAMETER: 'Missing parameter',
  MISSING_HEADER: 'Missing header',
  UNEXPECTED_FIELD: 'Unexpected field',
  FIELD_NOT_PERMITTED: 'Field not permitted',
  REFERENCE_NOT_FOUND: 'Reference not found',
  HISTORY_NOT_SUPPORTED: 'History not supported',
  NO_RELATIONSHIP: 'No legitimate relationship',
  REC_NOT_FOUND: 'Resource not found',
  FORBIDDEN: 'Forbidden',
  FILE_SIZE_ERROR: 'File size error',
  PENDING: 'File pending',
  THREATS_FOUND: 'Threats found',
  VALIDATION_FAILED: 'Validation failed',
  REFERENCED_USER_IS_NOT_RC: 'Referenced user is not a referring clinician',
  REFERENCED_USER_IS_NOT_SPC: 'Referenced user is not a service provider clinician',
  ORGANISATION_NOT_APPROPRIATE: 'Organisation not appropriate',
  SNOMED_NOT_FOUND: 'SNOMED code not found',
  CONFLICT: 'Version conflict',
  INVALID_REQUEST_STATE: 'Invalid request state',
  INAPPROPRIATE_VALUE: 'Inappropriate value',
  VALUE_IS_REQUIRED: 'Value is required',
  CONFLICTING_VALUES: 'Conflicting values',
  TOO_MANY_ITEMS: 'Too many items',
  DUPLICATE_SERVICE: 'Duplicate service',
  DUPLICATE_FILENAME: 'Duplicate filename',
  PRIORITY_NOT_CURRENT: 'Priority not current',
  SLOT_NOT_AVAILABLE: 'Slot not available',
  INAPPROPRIATE_SLOT: 'Inappropriate slot',
  SLOTS_CURRENTLY_AVAILABLE: 'Slots currently available',
  THIS_SLOT_IS_AVAILABLE: 'This slot is available',
};

/** The FHIR issue code for each STU3 error code. */
const STU3_ISSUE: Record<string, string> = {
  MISSING_VALUE: 'required',
  MISSING_PARAMETER: 'required',
  MISSING_HEADER: 'required',
  INVALID_FHIR_STRUCTURE: 'structure',
  UNEXPECTED_FIELD: 'structure',
  INVALID_CODE: 'code-invalid',
  INVALID_STATE: 'business-rule',
  INVALID_REQUEST_TYPE: 'business-rule',
  FIELD_NOT_PERMITTED: 'business-rule',
  NO_RELATIONSHIP: 'business-rule',
  REFERENCE_NOT_FOUND: 'not-found',
  REC_NOT_FOUND: 'not-found',
  HISTORY_NOT_SUPPORTED: 'not-found',
  FORBIDDEN: 'forbidden',
  FILE_SIZE_ERROR: 'too-long',
  PENDING: 'business-rule',
  THREATS_FOUND: 'business-rule',
  VALIDATION_FAILED: 'business-rule',
  CONFLICT: 'conflict',
  INVALID_REQUEST_STATE: 'business-rule',
  INAPPROPRIATE_VALUE: 'business-rule',
  VALUE_IS_REQUIRED: 'required',
  CONFLICTING_VALUES: 'business-rule',
  TOO_MANY_ITEMS: 'business-rule',
  DUPLICATE_SERVICE: 'business-rule',
  DUPLICATE_FILENAME: 'business-rule',
  PRIORITY_NOT_CURRENT: 'business-rule',
  SLOT_NOT_AVAILABLE: 'business-rule',
  INAPPROPRIATE_SLOT: 'business-rule',
  SLOTS_CURRENTLY_AVAILABLE: 'business-rule',
  THIS_SLOT_IS_AVAILABLE: 'business-rule',
};

/** An STU3 eRS-OperationOutcome-1 with the given HTTP status and eRS-APIErrorCode-1 code. */
export function stu3Error(status: number, code: string, diagnostics: string): FhirResult {
  const body = stu3OperationOutcome(STU3_ISSUE[code] ?? 'invalid', code, STU3_DISPLAY[code] ?? code, diagnostics);
  return { kind: 'resource', body, status };
}

/** An R4 NHSDigital-OperationOutcome; e-RS business codes use ers-error-codes, HTTP ones http-error-codes. */
export function r4Error(status: number, code: string, issueCode: string, diagnostics: string): FhirResult {
  const system = code.startsWith('REC_') ? SYSTEM.r4HttpErrorCodes : SYSTEM.r4ErsErrorCodes;
  return { kind: 'resource', body: r4OperationOutcome(issueCode, system, code, diagnostics), status };
}
