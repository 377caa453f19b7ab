import { GraphQLError } from 'graphql';
import { apiError } from '../schema/error-codes';
import type { RequestContext } from '../src/context';
import { ErsError } from '../datasources/ers/errors';
import { versionConflict } from '../src/errors';
import { fetchReferralRequest } from '../datasources/ers/referral-request.api';
import { mapReferralRequest } from '../datasources/ers/referral.mapper';
import type { Referral } from '../schema/referral.type';
import type { AttachmentInput } from '../datasources/ers/attachment.builder';
import type { ErsResponse } from '../datasources/ers/client';
import type { EndpointId } from '../datasources/ers/endpoints';
import type { FhirResource } from '../datasources/ers/fhir';
import { postReferralOperation } from '../datasources/ers/referral-actions.api';
import type { ReferralPayload } from '../schema/referral-payload.type';
import { idempotent } from '../src/idempotency/idempotent';
import { assertIdentifier, BINARY_URL, isIdentifier, VERSION } from '../schema/scalars';

/** A refused argument: BAD_USER_INPUT, with a message that names the field but never echoes its value. */
export function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

/** A free-text field: at most `max` characters, and not blank when required. */
export function checkText(value: string | null | undefined, name: string, max: number, required = false): void {
  if (required && !value?.trim()) throw badInput(`${name} is required`);
  if (value && value.length > max) throw badInput(`${name} must be at most ${max} characters`);
}

/** A reference-data code (A004), e.g. a cancellation reason or a SPECIALTY. */
export const CODE = /^[A-Z0-9_]{1,64}$/;

/** Files uploaded with POST /attachments, as the builders take them (indexed at `indexedAt`, now by default); undefined when none. */
export function uploadedFiles(
  files: ReadonlyArray<{ url: string; description?: string | null }> | null | undefined,
  name: string,
  indexedAt = new Date().toISOString(),
): AttachmentInput[] | undefined {
  if (!files || files.length === 0) return undefined;
  return files.map((file) => {
    return { url: assertIdentifier(BINARY_URL, file.url, `${name}[].url`), indexedAt, description: file.description ?? undefined };
  });
}

/** A UBRN version as e-RS `If-Match` wants it. */
export function ifMatch(version: string): Record<string, string> {
  if (!isIdentifier(VERSION, version)) {
    throw badInput('version must be the referral’s current version, e.g. "3" (Referral.version)');
  }
  return { 'If-Match': `W/"${version}"` };
}

/**
 * Turns an e-RS version conflict into CONFLICT with the current version in `extensions`, so a
 * UI can reload and retry; other errors pass through unchanged.
 */
export async function withConflictVersion<T>(ctx: RequestContext, ubrn: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ErsError) || error.code !== 'CONFLICT') throw error;
    const current = await fetchReferralRequest(ctx.ers, ubrn)
      .then(({ body, etag }) => mapReferralRequest(body, etag).version)
      .catch(() => null);
    throw versionConflict('referral', current, error, error);
  }
}

/**
 * How a mutation's payload gets the resource it changed: from the write's own answer where e-RS
 * returns the updated resource (per each endpoint page's 200/201 response), re-read only where it
 * does not. Before issue 11 every write re-read.
 *
 * | endpoint | e-RS answers with | payload from |
 * |---|---|---|
 * | A011 createReferral | 201 ReferralRequest | the answer (no A005) |
 * | A012 maintainReferralLetter | 200 ReferralRequest | the answer (no A005) |
 * | A013 acceptReferral | 200 ReferralRequest | the answer (no A005) |
 * | A014 rejectReferral | 200 ReferralRequest | the answer (no A005) |
 * | A021 createReferralAndSendForTriage | 201 ReferralRequest | the answer (no A005) |
 * | A022 cancelAppointmentActionLater | 200 ReferralRequest | the answer (no A005) |
 * | A028 recordReviewOutcome | 200 ReferralRequest | the answer (no A005) |
 * | A031 changeShortlist | 200 ReferralRequest | the answer (no A005) |
 * | A032 changeShortlistAndSendForTriage | 200 Parameters: updatedReferralRequest, createdAppointment | the answer (no A005) |
 * | A036 cancelReferral | 200 Parameters: updatedReferralRequest, updatedAppointment | the answer (no A005) |
 * | A027 createFromCommunicationRequestActionLater | 201 ReferralRequest (the new referral) | the answer for the referral; the A&G request it changed is re-read (A024) |
 * | A044 createAdviceAndGuidance | 200 Parameters: createdCommunicationRequest, createdCommunication | the answer (no A024) |
 * | A026 sendCommunicationToRequester | 200 Parameters: updatedCommunicationRequest, createdCommunication | the answer (no A024) |
 * | A016 book or defer (POST Appointment) | 201 Appointment | the appointment from the answer; the referral re-read (A005) |
 * | A034 update appointment (PUT) | 200 Appointment | the appointment from the answer; the referral re-read (A005) |
 *
 * An answer without the resource where the page promises one (another e-RS release) falls back to the re-read.
 */
export function writtenResource(body: unknown, resourceType: string, parameter?: string): FhirResource | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const resource = body as { resourceType?: unknown; parameter?: unknown };
  if (resource.resourceType === resourceType) return body as FhirResource;
  if (parameter === undefined || resource.resourceType !== 'Parameters' || !Array.isArray(resource.parameter)) return undefined;
  const found = (resource.parameter as Array<{ name?: unknown; resource?: { resourceType?: unknown } }>).find(
    (p) => p?.name === parameter,
  )?.resource;
  return found?.resourceType === resourceType ? (found as FhirResource) : undefined;
}

/** The referral a write changed: from the write's answer when it carries the updated ReferralRequest (no A005), else re-read (A005). */
export async function referralAfterWrite(
  ctx: RequestContext,
  endpoint: EndpointId,
  ubrn: string,
  response: ErsResponse,
): Promise<Referral> {
  const resource = writtenResource(response.body, 'ReferralRequest', 'updatedReferralRequest');
  // A Parameters answer carries no ETag of the referral: its meta.versionId gives the version.
  const etag = resource === response.body ? response.etag : undefined;
  if (resource && (resource as { id?: unknown }).id === ubrn) return ctx.loaders.referralWritten(endpoint, { resource, etag });
  return freshReferral(ctx, ubrn);
}

/** The referral as e-RS has it now, never from this request's loader cache (for mutation payloads). */
export async function freshReferral(ctx: RequestContext, ubrn: string): Promise<Referral> {
  const key = { ubrn };
  ctx.loaders.referral.clear(key);
  return ctx.loaders.referral.load(key);
}

/**
 * The referral as e-RS has it now, which must still be at the version the user saw: for actions
 * whose e-RS call does not carry the referral's If-Match (A016 names it in its body, A034 uses the
 * appointment's version), a stale version is caught here as CONFLICT before e-RS is asked.
 */
export async function referralAtVersion(ctx: RequestContext, ubrn: string, version: string): Promise<Referral> {
  const referral = await freshReferral(ctx, ubrn);
  if (referral.version !== version) {
    throw versionConflict('referral', referral.version);
  }
  return referral;
}

/** Whether an e-RS response body is an Appointment resource. */
export function isAppointment(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { resourceType?: string }).resourceType === 'Appointment';
}

/**
 * The usual action on one referral: `POST /STU3/ReferralRequest/{ubrn}/$ers.<operation>` with the
 * version (checked) as If-Match (a stale one: CONFLICT with the current version), at most once per
 * idempotency key, answered with the updated referral e-RS returned (re-read only when it returned
 * none; see `writtenResource`) and, for operations that answer with a Parameters, the e-RS response.
 */
export async function referralAction<T = ReferralPayload>(
  ctx: RequestContext,
  mutation: string,
  endpoint: EndpointId,
  operation: string,
  input: { ubrn: string; version: string; idempotencyKey?: string | null },
  body?: FhirResource,
  payload: (response: ErsResponse, referral: Referral) => T = (_response, referral) => ({ referral }) as T,
): Promise<T> {
  ifMatch(input.version);
  return idempotent(ctx, mutation, input, async () => {
    const response = await withConflictVersion(ctx, input.ubrn, () =>
      postReferralOperation(ctx.ers, endpoint, input.ubrn, operation, { version: input.version, body }),
    );
    return payload(response, await referralAfterWrite(ctx, endpoint, input.ubrn, response));
  });
}
