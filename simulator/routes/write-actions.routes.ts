/**
 * The e-RS write endpoints: thin routes over simulator/actions (the domain transitions). Each
 * route builds the acting context from the access-checked caller, runs the action and renders
 * its result the way the endpoint page shows it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CallerContext, EndpointId } from '../access';
import { convertAdviceToReferral, createAdviceAndGuidance, sendCommunicationToRequester } from '../actions/advice';
import { bookOrDeferAppointment } from '../actions/book-or-defer';
import { cancelReferral } from '../actions/cancel-referral';
import { changeShortlist, changeShortlistAndSendForTriage } from '../actions/change-shortlist';
import { type ActionContext, type ActionFailure, isFailure } from '../actions/common';
import { createReferral, createReferralAndSendForTriage, maintainReferralLetter } from '../actions/create-referral';
import { acceptReferral, cancelAppointmentActionLater, recordReviewOutcome, rejectReferral } from '../actions/review';
import { updateAppointment } from '../actions/update-appointment';
import { MAX_UPLOAD_BYTES, uploadFile } from '../actions/upload';
import type { Referral } from '../data/world';
import { renderCommunication, renderCommunicationRequest, requesterRole } from '../fhir/communication';
import { stu3Error } from '../fhir/outcomes';
import { renderContainedAppointment, renderReferralRequest } from '../fhir/referral-request';
import type { FhirJson } from '../fhir/systems';
import { callerSide } from '../http/caller-side';
import { type FhirResult, problem, registerFhirRoute, resource } from '../http/fhir-route';
import { installReplyOverrides, overriddenReply } from '../http/reply-overrides';
import type { SimulatorState } from '../state';

type UbrnParams = { ubrn: string };

/** The acting context for a caller on a write endpoint, or the 403 for callers on neither side. */
function contextFor(sim: SimulatorState, caller: CallerContext, endpoint: EndpointId): ActionContext | FhirResult {
  const side = callerSide(caller, endpoint);
  if (!side || caller.mode === 'user-without-role') return problem('FORBIDDEN', `The caller cannot act on ${endpoint}.`);
  const actor =
    caller.mode === 'application'
      ? { side, odsCode: caller.odsCode, businessFunction: side === 'PROVIDER' ? 'SERVICE_PROVIDER_CLINICIAN' : 'REFERRING_CLINICIAN' }
      : {
          side,
          odsCode: caller.odsCode,
          businessFunction: caller.businessFunction,
          userId: caller.userId,
          ...(caller.onBehalfOfUserId ? { onBehalfOfUserId: caller.onBehalfOfUserId } : {}),
        };
  return { world: sim.world, at: new Date(sim.now()).toISOString(), actor, enforceRelationships: sim.enforceRelationships };
}

const isResult = (value: unknown): value is FhirResult =>
  typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'resource' || value.kind === 'problem');

function failure(f: ActionFailure): FhirResult {
  return stu3Error(f.status, f.code, f.diagnostics);
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function referralBody(sim: SimulatorState, referral: Referral): FhirJson {
  return renderReferralRequest(sim.world, referral, referral.versions[referral.versions.length - 1], { baseUrl: sim.baseUrl });
}

function referralResult(sim: SimulatorState, referral: Referral, status = 200): FhirResult {
  return { kind: 'resource', body: referralBody(sim, referral), versionId: referral.versionId, status };
}

interface WriteRoute<P> {
  /** POST unless said otherwise (A034 is a PUT). */
  method?: 'POST' | 'PUT';
  url: string;
  endpoint: EndpointId;
  run: (ctx: ActionContext, request: FastifyRequest<{ Params: P }>) => FhirResult;
}

function registerWrite<P>(app: FastifyInstance, sim: SimulatorState, route: WriteRoute<P>): void {
  registerFhirRoute<P>(app, sim, {
    method: route.method ?? 'POST',
    url: route.url,
    endpoint: route.endpoint,
    handler: (request, caller) => {
      const ctx = contextFor(sim, caller, route.endpoint);
      if (isResult(ctx)) return ctx;
      return route.run(ctx, request);
    },
  });
}

/** A referral action taking the UBRN, If-Match and (optionally) a Parameters body, answering with the updated ReferralRequest. */
function referralUpdate(
  app: FastifyInstance,
  sim: SimulatorState,
  operation: string,
  endpoint: EndpointId,
  action: (ctx: ActionContext, input: { ubrn: string; ifMatch: string | undefined; body?: unknown }) => Referral | ActionFailure,
): void {
  registerWrite<UbrnParams>(app, sim, {
    url: `/STU3/ReferralRequest/:ubrn/$ers.${operation}`,
    endpoint,
    run: (ctx, request) => {
      const result = action(ctx, { ubrn: request.params.ubrn, ifMatch: header(request, 'if-match'), body: request.body });
      return isFailure(result) ? failure(result) : referralResult(sim, result);
    },
  });
}

export function registerWriteActionRoutes(app: FastifyInstance, sim: SimulatorState): void {
  installReplyOverrides(app);

  /** A011: POST /STU3/ReferralRequest/$ers.createReferral -> 201 ReferralRequest. */
  registerWrite(app, sim, {
    url: '/STU3/ReferralRequest/$ers.createReferral',
    endpoint: 'A011',
    run: (ctx, request) => {
      const result = createReferral(ctx, request.body);
      return isFailure(result) ? failure(result) : referralResult(sim, result, 201);
    },
  });

  /** A016: POST /STU3/Appointment -> 201 Appointment. */
  registerWrite(app, sim, {
    url: '/STU3/Appointment',
    endpoint: 'A016',
    run: (ctx, request) => {
      const result = bookOrDeferAppointment(ctx, request.body);
      if (isFailure(result)) return failure(result);
      const body = renderContainedAppointment(
        sim.world,
        result.referral,
        result.appointment,
        { baseUrl: sim.baseUrl },
        result.appointment.id,
      );
      return { kind: 'resource', body, versionId: result.appointment.versionId, status: 201 };
    },
  });

  referralUpdate(app, sim, 'acceptReferral', 'A013', acceptReferral);
  referralUpdate(app, sim, 'rejectReferral', 'A014', rejectReferral);
  referralUpdate(app, sim, 'recordReviewOutcome', 'A028', recordReviewOutcome);
  referralUpdate(app, sim, 'maintainReferralLetter', 'A012', maintainReferralLetter);
  referralUpdate(app, sim, 'cancelAppointmentActionLater', 'A022', cancelAppointmentActionLater);
  referralUpdate(app, sim, 'changeShortlist', 'A031', changeShortlist);

  /** A021: POST /STU3/ReferralRequest/$ers.createReferralAndSendForTriage -> 201 ReferralRequest (AWAITING_TRIAGE). */
  registerWrite(app, sim, {
    url: '/STU3/ReferralRequest/$ers.createReferralAndSendForTriage',
    endpoint: 'A021',
    run: (ctx, request) => {
      const result = createReferralAndSendForTriage(ctx, request.body);
      return isFailure(result) ? failure(result) : referralResult(sim, result, 201);
    },
  });

  /** A032: POST /STU3/ReferralRequest/{ubrn}/$ers.changeShortlistAndSendForTriage -> 200 eRS-ChangeShortlistAndSendForTriage-Response-Parameters. */
  registerWrite<UbrnParams>(app, sim, {
    url: '/STU3/ReferralRequest/:ubrn/$ers.changeShortlistAndSendForTriage',
    endpoint: 'A032',
    run: (ctx, request) => {
      const result = changeShortlistAndSendForTriage(ctx, {
        ubrn: request.params.ubrn,
        ifMatch: header(request, 'if-match'),
        body: request.body,
      });
      if (isFailure(result)) return failure(result);
      const { referral, createdAppointment } = result;
      return resource({
        resourceType: 'Parameters',
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ChangeShortlistAndSendForTriage-Response-Parameters-1'] },
        parameter: [
          { name: 'updatedReferralRequest', resource: referralBody(sim, referral) },
          {
            name: 'createdAppointment',
            resource: renderContainedAppointment(sim.world, referral, createdAppointment, { baseUrl: sim.baseUrl }, createdAppointment.id),
          },
        ],
      });
    },
  });

  /** A034: PUT /STU3/Appointment/{id} (If-Match: the appointment's version) -> 200 Appointment, as A038 renders it. */
  registerWrite<{ id: string }>(app, sim, {
    method: 'PUT',
    url: '/STU3/Appointment/:id',
    endpoint: 'A034',
    run: (ctx, request) => {
      const result = updateAppointment(ctx, { id: request.params.id, ifMatch: header(request, 'if-match'), body: request.body });
      if (isFailure(result)) return failure(result);
      const body = renderContainedAppointment(
        sim.world,
        result.referral,
        result.appointment,
        { baseUrl: sim.baseUrl },
        result.appointment.id,
      );
      return resource(body, result.appointment.versionId);
    },
  });

  /** A036: POST /STU3/ReferralRequest/{ubrn}/$ers.cancelReferral -> 200 eRS-CancelReferral-Response-Parameters. */
  registerWrite<UbrnParams>(app, sim, {
    url: '/STU3/ReferralRequest/:ubrn/$ers.cancelReferral',
    endpoint: 'A036',
    run: (ctx, request) => {
      const result = cancelReferral(ctx, { ubrn: request.params.ubrn, ifMatch: header(request, 'if-match'), body: request.body });
      if (isFailure(result)) return failure(result);
      const parameter: FhirJson[] = [{ name: 'updatedReferralRequest', resource: referralBody(sim, result.referral) }];
      if (result.cancelledAppointment) {
        parameter.push({
          name: 'updatedAppointment',
          resource: renderContainedAppointment(
            sim.world,
            result.referral,
            result.cancelledAppointment,
            { baseUrl: sim.baseUrl },
            result.cancelledAppointment.id,
          ),
        });
      }
      return resource({
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CancelReferral-Response-Parameters-1'] },
        resourceType: 'Parameters',
        parameter,
      });
    },
  });

  /** A044: POST /STU3/CommunicationRequest/$ers.createAdviceAndGuidance -> 200 Parameters. */
  registerWrite(app, sim, {
    url: '/STU3/CommunicationRequest/$ers.createAdviceAndGuidance',
    endpoint: 'A044',
    run: (ctx, request) => {
      const result = createAdviceAndGuidance(ctx, request.body);
      if (isFailure(result)) return failure(result);
      const { request: created, message } = result;
      return {
        kind: 'resource',
        versionId: created.versionId,
        body: {
          resourceType: 'Parameters',
          meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateAdviceAndGuidance-Response-Parameters-1'] },
          parameter: [
            { name: 'createdCommunicationRequest', resource: renderCommunicationRequest(sim.world, created, sim.baseUrl) },
            { name: 'createdCommunication', resource: renderCommunication(sim.world, created, message, requesterRole(sim.world, created)) },
          ],
        },
      };
    },
  });

  /** A026: POST /STU3/CommunicationRequest/{ubrn}/$ers.sendCommunicationToRequester -> 200 Parameters. */
  registerWrite<UbrnParams>(app, sim, {
    url: '/STU3/CommunicationRequest/:ubrn/$ers.sendCommunicationToRequester',
    endpoint: 'A026',
    run: (ctx, request) => {
      const result = sendCommunicationToRequester(ctx, {
        ubrn: request.params.ubrn,
        ifMatch: header(request, 'if-match'),
        body: request.body,
      });
      if (isFailure(result)) return failure(result);
      const { request: updated, message } = result;
      return {
        kind: 'resource',
        versionId: updated.versionId,
        body: {
          resourceType: 'Parameters',
          meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-SendCommunicationToRequester-Response-Parameters-1'] },
          parameter: [
            { name: 'updatedCommunicationRequest', resource: renderCommunicationRequest(sim.world, updated, sim.baseUrl) },
            { name: 'createdCommunication', resource: renderCommunication(sim.world, updated, message, requesterRole(sim.world, updated)) },
          ],
        },
      };
    },
  });

  /** A027: POST /STU3/ReferralRequest/$ers.createFromCommunicationRequestActionLater -> 201 ReferralRequest. */
  registerWrite(app, sim, {
    url: '/STU3/ReferralRequest/$ers.createFromCommunicationRequestActionLater',
    endpoint: 'A027',
    run: (ctx, request) => {
      const result = convertAdviceToReferral(ctx, request.body);
      return isFailure(result) ? failure(result) : referralResult(sim, result.referral, 201);
    },
  });

  /** A020: POST /STU3/Binary (the file as the body) -> 201, no body, Location: Binary/<id>. */
  // Uploads are raw bytes of any supported type (text/plain included), up to twice the limit so oversize files get A020's 422, not a 413.
  const raw = { parseAs: 'buffer' as const, bodyLimit: MAX_UPLOAD_BYTES * 2 };
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', raw, (_request, body, done) => done(null, body));
  app.addContentTypeParser('*', raw, (_request, body, done) => done(null, body));
  registerWrite(app, sim, {
    url: '/STU3/Binary',
    endpoint: 'A020',
    run: (ctx, request) => {
      const body = request.body;
      const bytes = Buffer.isBuffer(body) ? body : typeof body === 'string' ? Buffer.from(body) : undefined;
      const result = uploadFile(ctx, {
        fileName: header(request, 'nhsd-ers-file-name'),
        contentType: header(request, 'content-type'),
        bytes,
        referralId: header(request, 'nhsd-ers-referral-id'),
      });
      if (isFailure(result)) return failure(result);
      return overriddenReply(request, { status: 201, headers: { location: result.location }, empty: true });
    },
  });
}
