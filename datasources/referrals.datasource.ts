import { apiError, versionConflict } from '../schema/error-codes';
import type { ErsClient, ErsResponse } from './ers/client';
import type { EndpointId } from './ers/endpoints';
import type { FhirResource } from './ers/fhir';
import { ErsError } from './ers/errors';
import type { Loaders } from './loaders';
import { fetchReferralRequest } from './ers/referral-request.api';
import { mapReferralRequest } from './ers/referral.mapper';
import { createdId, postAppointment, postReferralOperation, postTypeOperation } from './ers/referral-actions.api';
import { updateAppointment } from './ers/appointment.api';
import { mapAppointment } from './ers/appointment.mapper';
import {
  buildCancelAppointmentActionLaterParameters,
  buildRecordTriageOutcomeParameters,
  buildRejectReferralParameters,
  type CancelAppointmentActionLaterInput as CancelAppointmentActionLaterParameters,
  type RecordTriageOutcomeInput as RecordTriageOutcomeParameters,
  type RejectReferralInput as RejectReferralParameters,
} from './ers/referral-review.builder';
import { buildCancelReferralParameters, type CancelReferralInput as CancelReferralParameters } from './ers/referral-cancellation.builder';
import { type AppointmentDeferral, buildBookOrDeferAppointment, buildCancelAppointment } from './ers/appointment.builder';
import {
  buildMaintainReferralLetterParameters,
  type MaintainReferralLetterInput as ReferralLettersParameters,
} from './ers/referral-letter.builder';
import {
  buildChangeShortlistAndSendForTriageParameters,
  buildChangeShortlistParameters,
  buildCreateReferralAndSendForTriageParameters,
  buildCreateReferralParameters,
  type ChangeShortlistAndSendForTriageInput as ChangeShortlistAndSendForTriageParameters,
  type ChangeShortlistInput as ChangeShortlistParameters,
  type CreateReferralAndSendForTriageInput as CreateReferralAndSendForTriageParameters,
  type CreateReferralInput as CreateReferralParameters,
} from './ers/referral-shortlist.builder';
import type { Appointment } from '../schema/appointment.type';
import type { Referral } from '../schema/referral.type';
import type { ReferralAction } from '../schema/referral-action.enum';
import type { AppointmentPayload, ReferralPayload } from '../schema/referral-payload.type';
import type {
  BookAppointmentInput,
  CancelAppointmentInput,
  DeferAppointmentInput,
  SendReferralForTriageInput,
} from '../schema/referral-action.inputs';
import { ServiceRequestKind } from '../schema/service-request-kind.enum';

export type { AttachmentInput } from './ers/attachment.builder';
export {
  checkAppointmentCancellation,
  checkReferralCancellation,
  PROVIDER_APPLICATION,
  type ReasonGiver,
} from './ers/cancellation-reasons';
export type {
  CancelAppointmentActionLaterParameters,
  CancelReferralParameters,
  ChangeShortlistAndSendForTriageParameters,
  ChangeShortlistParameters,
  CreateReferralAndSendForTriageParameters,
  CreateReferralParameters,
  RecordTriageOutcomeParameters,
  ReferralLettersParameters,
  RejectReferralParameters,
};

/** A015's largest page (`_count` 1..100). */
const SLOT_PAGE_SIZE = 100;
/** Pages of free slots a booking looks through for its slot (2000 slots; Mutation.bookAppointment is priced so). */
export const MAX_SLOT_PAGES = 20;

/** A referral at the version the user saw: what every write on it names (as If-Match or in its body). */
export interface ReferralVersionRef {
  ubrn: string;
  version: string;
}

/** A016 without a slot: a deferral or a referral into triage, at the version the user saw, to a shortlisted service. */
export interface AppointmentTarget extends ReferralVersionRef {
  serviceId: string;
  slotId?: string | null;
  comment?: string | null;
}

/** The appointment as A038 returned it: what an A034 body repeats besides the cancellation. */
export type CurrentAppointment = Pick<Appointment, 'id' | 'version' | 'serviceId' | 'serviceName' | 'patientNhsNumber'>;

/** A014: the request body of a rejection. */
export function rejectReferralRequest(params: RejectReferralParameters, ersBaseUrl: string): FhirResource {
  return buildRejectReferralParameters(params, ersBaseUrl);
}

/** A028: the request body of a triage outcome. */
export function recordTriageOutcomeRequest(params: RecordTriageOutcomeParameters): FhirResource {
  return buildRecordTriageOutcomeParameters(params);
}

/** A036: the request body of a referral cancellation. */
export function cancelReferralRequest(params: CancelReferralParameters, ersBaseUrl: string): FhirResource {
  return buildCancelReferralParameters(params, ersBaseUrl);
}

/** A012: the request body that attaches referral letters. */
export function referralLettersRequest(params: ReferralLettersParameters): FhirResource {
  return buildMaintainReferralLetterParameters(params);
}

/** A022: the request body of cancelling an appointment for the provider's admin team to action later. */
export function cancelAppointmentActionLaterRequest(params: CancelAppointmentActionLaterParameters): FhirResource {
  return buildCancelAppointmentActionLaterParameters(params);
}

/** A011: the request body of a new referral with a shortlist. */
export function createReferralRequest(params: CreateReferralParameters, ersBaseUrl: string): FhirResource {
  return buildCreateReferralParameters(params, ersBaseUrl);
}

/** A021: the request body of a new referral sent straight to triage. */
export function createReferralAndSendForTriageRequest(params: CreateReferralAndSendForTriageParameters, ersBaseUrl: string): FhirResource {
  return buildCreateReferralAndSendForTriageParameters(params, ersBaseUrl);
}

/** A031: the request body of a new shortlist. */
export function changeShortlistRequest(params: ChangeShortlistParameters, ersBaseUrl: string): FhirResource {
  return buildChangeShortlistParameters(params, ersBaseUrl);
}

/** A032: the request body of a shortlist of one triage service, sent to it. */
export function changeShortlistAndSendForTriageRequest(
  params: ChangeShortlistAndSendForTriageParameters,
  ersBaseUrl: string,
): FhirResource {
  return buildChangeShortlistAndSendForTriageParameters(params, ersBaseUrl);
}

/** A016: the body of a booking: the referral's patient (A005) and the slot's times and clinician (A015) come from e-RS. */
export function bookAppointmentBody(
  input: BookAppointmentInput,
  patientNhsNumber: string,
  slot: { start: string; end: string; clinicianUserId?: string | null },
): FhirResource {
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    book: { slotId: input.slotId, start: slot.start, end: slot.end, namedClinicianUserId: slot.clinicianUserId ?? undefined },
  });
}

/** A016: the body of a deferral to a directly bookable service. */
export function deferAppointmentBody(input: DeferAppointmentInput, patientNhsNumber: string): FhirResource {
  const defer: AppointmentDeferral = { reason: input.reason, comment: input.comment ?? undefined, slotId: input.slotId ?? undefined };
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    defer,
  });
}

/** A016: the body that sends a referral to a shortlisted triage service. */
export function sendReferralForTriageBody(input: SendReferralForTriageInput, patientNhsNumber: string): FhirResource {
  const defer: AppointmentDeferral = { reason: 'TRIAGE', comment: input.comment ?? undefined };
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    defer,
  });
}

/** A034: the body that cancels `current` (the referral's appointment as A038 has it) at the referral version of the input. */
export function cancelAppointmentBody(input: CancelAppointmentInput, current: CurrentAppointment, ersBaseUrl: string): FhirResource {
  return buildCancelAppointment(
    {
      appointmentId: current.id,
      appointmentVersion: current.version,
      ubrn: input.ubrn,
      // The referral as it is now (checked against e-RS before): the appointment may name an older
      // version, from before a letter was attached.
      referralVersion: input.version,
      patientNhsNumber: current.patientNhsNumber ?? '',
      serviceId: current.serviceId ?? '',
      serviceName: current.serviceName ?? undefined,
      reason: input.reason,
      comment: input.comment ?? undefined,
    },
    ersBaseUrl,
  );
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

/** Whether an e-RS response body is an Appointment resource. */
function isAppointment(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { resourceType?: string }).resourceType === 'Appointment';
}

/** The appointment an A016/A034 answer carries (201/200 Appointment); null when it carries none. */
function answeredAppointment(response: ErsResponse): Appointment | null {
  return isAppointment(response.body) ? mapAppointment(response.body as FhirResource, response.etag) : null;
}

/** The appointment a Parameters response carries under `name` (A032's createdAppointment). */
function appointmentParameter(response: ErsResponse, name: string): Appointment | null {
  const parameter = (response.body as { parameter?: Array<{ name?: string; resource?: unknown }> } | undefined)?.parameter?.find(
    (p) => p.name === name,
  );
  return isAppointment(parameter?.resource) ? mapAppointment(parameter!.resource as FhirResource, undefined) : null;
}

/**
 * Referrals: reads (A005, A029, A041), and every write on a referral (A011–A014, A016, A021, A022,
 * A028, A031, A032, A034, A036). Made per request with the caller's e-RS client and loaders; each
 * method names the e-RS endpoint it implements. Resolvers call these methods, never an api,
 * builder or mapper. Which writes re-read the referral afterwards: see `writtenResource`.
 *
 * Endpoint -> method:
 * - A005 -> `referral`, `referrals` (pathway), `fresh`, `atVersion`, `withConflictVersion` (current version on CONFLICT), `afterWrite` (fallback re-read)
 * - A029 -> `availableActions`
 * - A041 -> `serviceRequestIds`
 * - A011 -> `createReferral`; A021 -> `createReferralAndSendForTriage`
 * - A012 -> `attachReferralLetters`; A013 -> `acceptReferral`; A014 -> `rejectReferral`
 * - A016 -> `bookAppointment` (after A005, A015), `deferAppointment`, `sendReferralForTriage` (after A005)
 * - A022 -> `cancelAppointmentActionLater`; A028 -> `recordTriageOutcome`
 * - A031 -> `changeShortlist`; A032 -> `changeShortlistAndSendForTriage`
 * - A034 -> `cancelAppointment` (after A005, A038); A036 -> `cancelReferral`
 */
export class ReferralsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  /** A005: a referral, current or one version (read once per request). */
  referral(ubrn: string, version?: string): Promise<Referral> {
    return this.loaders.referral.load({ ubrn, version });
  }

  /** A005: several referrals (a pathway's), each read once per request; one that cannot be read is an Error at its position. */
  referrals(ubrns: readonly string[]): Promise<Array<Referral | Error>> {
    return this.loaders.referral.loadMany(ubrns.map((ubrn) => ({ ubrn })));
  }

  /** A029: what the caller may do with this version of the referral now. */
  async availableActions(ubrn: string, version: string): Promise<ReferralAction[]> {
    const { actions } = await this.loaders.availableActions.load({ ubrn, version });
    return actions;
  }

  /** A041: the R4 ServiceRequest ids of a referral, without those of its advice and guidance requests. */
  async serviceRequestIds(ubrn: string): Promise<string[]> {
    const requests = await this.loaders.serviceRequests.load(ubrn);
    return requests.filter((r) => r.kind !== ServiceRequestKind.ADVICE_AND_GUIDANCE).map((r) => r.id);
  }

  /** A005: the referral as e-RS has it now, never from this request's loader cache (for mutation payloads). */
  async fresh(ubrn: string): Promise<Referral> {
    const key = { ubrn };
    this.loaders.referral.clear(key);
    return this.loaders.referral.load(key);
  }

  /** A005: the referral as e-RS has it now, still at the version the user saw, else CONFLICT before e-RS is asked. */
  // For writes whose call carries no If-Match of the referral: A016 names the version in its body, A034 uses the appointment's.
  async atVersion(ubrn: string, version: string): Promise<Referral> {
    const referral = await this.fresh(ubrn);
    if (referral.version !== version) {
      throw versionConflict('referral', referral.version);
    }
    return referral;
  }

  /** A005 (after an e-RS CONFLICT): CONFLICT with the current version in `extensions`, so a UI can reload and retry; other errors pass. */
  async withConflictVersion<T>(ubrn: string, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      if (!(error instanceof ErsError) || error.code !== 'CONFLICT') throw error;
      const current = await fetchReferralRequest(this.ers, ubrn)
        .then(({ body, etag }) => mapReferralRequest(body, etag).version)
        .catch(() => null);
      throw versionConflict('referral', current, error, error);
    }
  }

  /** A011–A014, A021, A022, A027, A028, A031, A032, A036 (A005 fallback): the referral a write changed, from its answer when it carries the updated ReferralRequest, else re-read. */
  async afterWrite(endpoint: EndpointId, ubrn: string, response: ErsResponse): Promise<Referral> {
    const resource = writtenResource(response.body, 'ReferralRequest', 'updatedReferralRequest');
    // A Parameters answer carries no ETag of the referral: its meta.versionId gives the version.
    const etag = resource === response.body ? response.etag : undefined;
    if (resource && (resource as { id?: unknown }).id === ubrn) return this.loaders.referralWritten(endpoint, { resource, etag });
    return this.fresh(ubrn);
  }

  /** A012–A014, A022, A028, A031, A032, A036: `POST ReferralRequest/{ubrn}/$ers.<operation>` with If-Match; the answer and the updated referral. */
  private async operation(
    endpoint: EndpointId,
    operation: string,
    target: ReferralVersionRef,
    body?: FhirResource,
  ): Promise<{ response: ErsResponse; referral: Referral }> {
    const response = await this.withConflictVersion(target.ubrn, () =>
      postReferralOperation(this.ers, endpoint, target.ubrn, operation, { version: target.version, body }),
    );
    return { response, referral: await this.afterWrite(endpoint, target.ubrn, response) };
  }

  /** A013: accept a booked referral into the service. */
  async acceptReferral(target: ReferralVersionRef): Promise<ReferralPayload> {
    const { referral } = await this.operation('A013', 'acceptReferral', target);
    return { referral };
  }

  /** A014: reject a booked referral. */
  async rejectReferral(target: ReferralVersionRef, params: RejectReferralParameters): Promise<ReferralPayload> {
    const { referral } = await this.operation('A014', 'rejectReferral', target, rejectReferralRequest(params, this.ers.baseUrl));
    return { referral };
  }

  /** A028: record the outcome of triaging a referral. */
  async recordTriageOutcome(target: ReferralVersionRef, params: RecordTriageOutcomeParameters): Promise<ReferralPayload> {
    const { referral } = await this.operation('A028', 'recordReviewOutcome', target, recordTriageOutcomeRequest(params));
    return { referral };
  }

  /** A036: cancel a referral. */
  async cancelReferral(target: ReferralVersionRef, params: CancelReferralParameters): Promise<ReferralPayload> {
    const { referral } = await this.operation('A036', 'cancelReferral', target, cancelReferralRequest(params, this.ers.baseUrl));
    return { referral };
  }

  /** A012: attach referral letters (files uploaded before). */
  async attachReferralLetters(target: ReferralVersionRef, params: ReferralLettersParameters): Promise<ReferralPayload> {
    const { referral } = await this.operation('A012', 'maintainReferralLetter', target, referralLettersRequest(params));
    return { referral };
  }

  /** A022: cancel the appointment of a referral under review and task the provider's admin team. */
  async cancelAppointmentActionLater(target: ReferralVersionRef, params: CancelAppointmentActionLaterParameters): Promise<ReferralPayload> {
    const body = cancelAppointmentActionLaterRequest(params);
    const { referral } = await this.operation('A022', 'cancelAppointmentActionLater', target, body);
    return { referral };
  }

  /** A031: replace the shortlist of an unbooked referral. */
  async changeShortlist(target: ReferralVersionRef, params: ChangeShortlistParameters): Promise<ReferralPayload> {
    const { referral } = await this.operation('A031', 'changeShortlist', target, changeShortlistRequest(params, this.ers.baseUrl));
    return { referral };
  }

  /** A032: replace the shortlist with one triage service and send the referral to it; the appointment it created comes with the answer. */
  async changeShortlistAndSendForTriage(
    target: ReferralVersionRef,
    params: ChangeShortlistAndSendForTriageParameters,
  ): Promise<AppointmentPayload> {
    const body = changeShortlistAndSendForTriageRequest(params, this.ers.baseUrl);
    const { response, referral } = await this.operation('A032', 'changeShortlistAndSendForTriage', target, body);
    return { appointment: appointmentParameter(response, 'createdAppointment'), referral };
  }

  /** A011: create a referral with a shortlist; the new referral comes with the answer (201), re-read (A005) only when it does not. */
  createReferral(params: CreateReferralParameters): Promise<ReferralPayload> {
    return this.created('A011', 'createReferral', createReferralRequest(params, this.ers.baseUrl));
  }

  /** A021: create a referral and send it straight to one triage service (re-read with A005 only when the answer lacks it). */
  createReferralAndSendForTriage(params: CreateReferralAndSendForTriageParameters): Promise<ReferralPayload> {
    return this.created('A021', 'createReferralAndSendForTriage', createReferralAndSendForTriageRequest(params, this.ers.baseUrl));
  }

  /** A011, A021: posts a create operation; the referral it made comes with the answer (201 ReferralRequest), re-read only when it does not. */
  private async created(endpoint: EndpointId, operation: string, body: FhirResource): Promise<ReferralPayload> {
    const response = await postTypeOperation(this.ers, endpoint, 'ReferralRequest', operation, body);
    const ubrn = createdId(response.body, 'ReferralRequest');
    if (!ubrn) throw apiError('UPSTREAM_ERROR', 'e-RS did not return the new referral', { endpoint });
    return { referral: await this.afterWrite(endpoint, ubrn, response) };
  }

  /** A005: the referral at the version the user saw (A016 carries it in its body), with the service on its shortlist. */
  private async shortlistedReferral(input: AppointmentTarget): Promise<Referral> {
    const referral = await this.atVersion(input.ubrn, input.version);
    if (!referral.shortlistServiceIds.includes(input.serviceId)) {
      throw apiError('BAD_USER_INPUT', 'serviceId is not on the referral shortlist');
    }
    return referral;
  }

  /** A016 (POST Appointment): the appointment from the answer, and the referral re-read (A005). */
  private async postAppointment(ubrn: string, body: FhirResource): Promise<AppointmentPayload> {
    const response = await this.withConflictVersion(ubrn, () => postAppointment(this.ers, body));
    const appointment = answeredAppointment(response);
    return { appointment, referral: await this.fresh(ubrn) };
  }

  /** A016 (after A005): defer booking to a shortlisted, directly bookable service (a `proposed` appointment). */
  async deferAppointment(input: DeferAppointmentInput): Promise<AppointmentPayload> {
    const referral = await this.shortlistedReferral(input);
    return this.postAppointment(input.ubrn, deferAppointmentBody(input, referral.patientNhsNumber ?? ''));
  }

  /** A016 (after A005): send a referral to a shortlisted triage service (a `proposed` appointment with reason TRIAGE). */
  async sendReferralForTriage(input: SendReferralForTriageInput): Promise<AppointmentPayload> {
    const referral = await this.shortlistedReferral(input);
    return this.postAppointment(input.ubrn, sendReferralForTriageBody(input, referral.patientNhsNumber ?? ''));
  }

  /** A016 (after A005 and A015): book a free slot of a shortlisted service. */
  async bookAppointment(input: BookAppointmentInput): Promise<AppointmentPayload> {
    const referral = await this.shortlistedReferral(input);
    const slot = await this.findSlot(referral, input.serviceId, input.slotId);
    if (!slot) throw apiError('CONFLICT', 'The slot is not free any more: choose another', { reason: 'SLOT_NOT_AVAILABLE' });
    // A booking names the slot's times; a free slot without them cannot be booked.
    if (!slot.start || !slot.end) throw apiError('UPSTREAM_ERROR', 'e-RS gave the slot no start or end time', { endpoint: 'A015' });
    const body = bookAppointmentBody(input, referral.patientNhsNumber ?? '', {
      start: slot.start,
      end: slot.end,
      clinicianUserId: slot.clinicianUserId,
    });
    return this.postAppointment(input.ubrn, body);
  }

  /**
   * A015: the slot among the free slots of the service for this referral. A015 cannot be asked for
   * one slot, so its pages (100 slots each, the most `_count` allows) are read in turn until the
   * slot is found or e-RS has no more (its `total` or next link), up to MAX_SLOT_PAGES.
   */
  private async findSlot(referral: Referral, serviceId: string, slotId: string) {
    const priority = referral.priority ?? undefined;
    if (!priority || !referral.commissioningRuleOrganisationOdsCode)
      throw apiError('BAD_USER_INPUT', 'the referral has no priority or commissioning rule to book with');
    for (let page = 1; page <= MAX_SLOT_PAGES; page++) {
      const result = await this.loaders.slots.load({
        serviceId,
        priority,
        commissioningRuleOrgOdsCode: referral.commissioningRuleOrganisationOdsCode,
        count: SLOT_PAGE_SIZE,
        page,
      });
      const slot = result.slots.find((s) => s.id === slotId);
      if (slot) return slot;
      const more = result.nextPageUrl !== null || (result.total !== null && page * SLOT_PAGE_SIZE < result.total);
      if (!more || result.slots.length === 0) return null;
    }
    return null;
  }

  /** A034 (after A005 and A038): cancel the referral's current appointment at a directly bookable service; the referral re-read (A005). */
  async cancelAppointment(input: CancelAppointmentInput): Promise<AppointmentPayload> {
    const referral = await this.atVersion(input.ubrn, input.version);
    if (!referral.appointmentId) {
      throw apiError('BAD_USER_INPUT', 'The referral has no appointment to cancel', { reason: 'NO_APPOINTMENT' });
    }
    // A034 replaces the appointment as A038 has it now, with If-Match its own version.
    const key = { id: referral.appointmentId };
    this.loaders.appointment.clear(key);
    const current = await this.loaders.appointment.load(key);
    const body = cancelAppointmentBody(
      input,
      { ...current, patientNhsNumber: current.patientNhsNumber ?? referral.patientNhsNumber },
      this.ers.baseUrl,
    );
    const response = await this.withConflictVersion(input.ubrn, () => updateAppointment(this.ers, current.id, current.version, body));
    const appointment = answeredAppointment(response);
    return { appointment, referral: await this.fresh(input.ubrn) };
  }
}
