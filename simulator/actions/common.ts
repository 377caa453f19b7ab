/**
 * Shared pieces of the e-RS write path: the outcome of a domain action (a result or a failure
 * carrying the endpoint page's error code), who is acting, the If-Match check, loading a
 * referral / A&G request the actor may act on, and the A029 rule check. Pure over the World:
 * nothing here knows about HTTP.
 */
import { createHash } from 'node:crypto';
import { type ActionSide, type AvailableAction, canTakeAction } from '../data/available-actions';
import {
  type AdviceAndGuidanceRequest,
  type Appointment,
  type Attachment,
  type AttachmentType,
  findAdviceAndGuidance,
  findReferral,
  type Referral,
  type World,
} from '../data/world';

/** A refused action: HTTP status, e-RS error code (eRS-APIErrorCode-1) and a diagnostic without patient data. */
export interface ActionFailure {
  kind: 'failure';
  status: number;
  code: string;
  diagnostics: string;
}

export function fail(code: string, diagnostics: string, status = 422): ActionFailure {
  return { kind: 'failure', status, code, diagnostics };
}

export function isFailure(value: unknown): value is ActionFailure {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'failure';
}

/** Who performs the action. Applications act in a service provider context with no user. */
export interface Actor {
  side: ActionSide;
  odsCode: string;
  /** The e-RS business function (SERVICE_PROVIDER_CLINICIAN for application-restricted callers). */
  businessFunction: string;
  /** SDS user id; undefined for an application. */
  userId?: string;
  onBehalfOfUserId?: string;
}

export interface ActionContext {
  world: World;
  /** ISO instant of the action (the simulator clock). */
  at: string;
  actor: Actor;
  /** Whether user actors must belong to the request's referring / provider organisation. */
  enforceRelationships: boolean;
}

/** The user the action is recorded against: the clinician acted for, else the caller, else a system user. */
export function actingUserId(actor: Actor): string {
  return actor.onBehalfOfUserId ?? actor.userId ?? '000000000000';
}

const IF_MATCH = /^W\/"(\d+)"$/;

/**
 * The If-Match rule of the STU3 write pages: the header is required (412 Precondition Failed,
 * "mandatory data is missing"), must be a weak ETag W/"<n>" (400), and must name the current
 * version (409 Conflict: "version supplied ... does not match current version").
 */
export function checkIfMatch(header: string | undefined, currentVersion: number, what: string): ActionFailure | undefined {
  if (header === undefined || header.trim() === '')
    return fail('MISSING_HEADER', 'The If-Match header is required (the current version, e.g. W/"4").', 412);
  const match = IF_MATCH.exec(header.trim());
  if (!match) return fail('INVALID_VALUE', `If-Match (${header}) must be a weak ETag such as W/"4".`, 400);
  return checkVersion(Number(match[1]), currentVersion, what);
}

/** 409 when the supplied version is not the current one. */
export function checkVersion(supplied: number, currentVersion: number, what: string): ActionFailure | undefined {
  if (supplied !== currentVersion) {
    return fail('CONFLICT', `Version ${supplied} supplied for ${what} does not match the current version (${currentVersion}).`, 409);
  }
  return undefined;
}

const UBRN = /^\d{12}$/;

function related(ctx: ActionContext, request: { referrerOdsCode: string; providerOdsCode: string }): boolean {
  if (!ctx.enforceRelationships) return true;
  // An application-restricted write works "in the context of a Service Provider Organisation" (A013,
  // A028, A036 pages): the organisation its APIM application is registered for.
  return ctx.actor.odsCode === (ctx.actor.side === 'REFERRER' ? request.referrerOdsCode : request.providerOdsCode);
}

/** The referral the actor may act on, or 400 / 404 / 422 INVALID_REQUEST_TYPE / 422 NO_RELATIONSHIP. */
export function loadReferral(ctx: ActionContext, ubrn: string): Referral | ActionFailure {
  if (!UBRN.test(ubrn)) return fail('INVALID_VALUE', `'ubrn' (${ubrn}) must be a 12-digit Unique Booking Reference Number.`, 400);
  const referral = findReferral(ctx.world, ubrn);
  if (!referral) {
    if (findAdviceAndGuidance(ctx.world, ubrn))
      return fail('INVALID_REQUEST_TYPE', `UBRN ${ubrn} is an advice and guidance request, not a referral.`);
    return fail('REC_NOT_FOUND', `ReferralRequest ${ubrn} not found.`, 404);
  }
  if (!related(ctx, referral)) return fail('NO_RELATIONSHIP', `The user has no legitimate relationship with ReferralRequest ${ubrn}.`);
  return referral;
}

/** The A&G request the actor may act on, or 400 / 404 / 422 INVALID_REQUEST_TYPE / 422 NO_RELATIONSHIP. */
export function loadAdvice(ctx: ActionContext, ubrn: string): AdviceAndGuidanceRequest | ActionFailure {
  if (!UBRN.test(ubrn)) return fail('INVALID_VALUE', `'ubrn' (${ubrn}) must be a 12-digit Unique Booking Reference Number.`, 400);
  const request = findAdviceAndGuidance(ctx.world, ubrn);
  if (!request) {
    if (findReferral(ctx.world, ubrn))
      return fail('INVALID_REQUEST_TYPE', `UBRN ${ubrn} is a referral, not an advice and guidance request.`);
    return fail('REC_NOT_FOUND', `CommunicationRequest ${ubrn} not found.`, 404);
  }
  if (!related(ctx, request))
    return fail('NO_RELATIONSHIP', `The user has no legitimate relationship with advice and guidance request ${ubrn}.`);
  return request;
}

/** 422 INVALID_REQUEST_STATE unless the A029 rule table offers the action to the actor's side now. */
export function requireAction(ctx: ActionContext, referral: Referral, action: AvailableAction): ActionFailure | undefined {
  if (canTakeAction(ctx.world, referral, ctx.actor.side, action)) return undefined;
  return fail(
    'INVALID_REQUEST_STATE',
    `${action} is not available to the ${ctx.actor.side.toLowerCase()} for a referral in state ${referral.state}${referral.status === 'active' ? '' : ` (${referral.status})`}.`,
  );
}

/** A deterministic UUID from the world's seed and a name (new request ids, upload ids). */
export function stableUuid(world: World, name: string): string {
  const hex = createHash('sha256').update(`${world.seed}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The next UBRN after the highest one in use within [base, base + 10^7). */
export function nextUbrn(ubrns: string[], base: number): string {
  const inRange = ubrns.map(Number).filter((n) => n > base && n < base + 10_000_000);
  return String(Math.max(base, ...inRange) + 1).padStart(12, '0');
}

/** The next appointment id: one above every appointment id any referral version has used. */
export function nextAppointmentId(world: World): string {
  let max = 70000;
  for (const referral of world.referrals) {
    for (const version of referral.versions) if (version.appointment) max = Math.max(max, Number(version.appointment.id) || 0);
  }
  return String(max + 1);
}

/** A new appointment (version 1) of the referral at the service, created against the referral's next version. */
export function newAppointment(ctx: ActionContext, referral: Referral, serviceId: string, status: Appointment['status']): Appointment {
  return { id: nextAppointmentId(ctx.world), versionId: 1, status, serviceId, created: ctx.at, referralVersionId: referral.versionId + 1 };
}

/** The next attachment id. */
export function nextAttachmentId(world: World): string {
  return String(Math.max(80000, ...world.attachments.map((a) => Number(a.id) || 0)) + 1);
}

/** Adds an attachment built from an upload to the world. */
export function addAttachment(
  ctx: ActionContext,
  upload: { binaryId: string; fileName: string; contentType: string; bytes: Buffer },
  owner: Attachment['owner'],
  type: AttachmentType,
  description?: string,
): Attachment {
  const attachment: Attachment = {
    id: nextAttachmentId(ctx.world),
    binaryId: upload.binaryId,
    owner,
    type,
    title: upload.fileName,
    contentType: upload.contentType,
    bytes: upload.bytes,
    availability: 'AVAILABLE',
    indexedAt: ctx.at,
    creation: ctx.at.slice(0, 10),
    attachedByUserId: ctx.actor.userId ?? actingUserId(ctx.actor),
    attachedByOdsCode: ctx.actor.odsCode,
  };
  if (description) attachment.description = description;
  if (ctx.actor.onBehalfOfUserId) attachment.attachedOnBehalfOfUserId = ctx.actor.onBehalfOfUserId;
  ctx.world.attachments.push(attachment);
  return attachment;
}
