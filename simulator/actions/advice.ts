/**
 * Advice and guidance writes: A044 create a request (PROVIDER_RESPONSE_REQUIRED), A026 the
 * provider's response (REFERRER_TO_SUBMIT_FURTHER_INFORMATION or REFERRER_TO_REVIEW_RESPONSE),
 * A027 convert to a referral (a new referral in TRIAGED_PROVIDER_TO_ACTION, based on the request;
 * the request becomes ADVICE_CONVERTED).
 */
import { REVIEW_OUTCOMES } from '../data/reference-data';
import {
  type AdviceAndGuidanceRequest,
  type AdviceMessage,
  type Appointment,
  commitReferralVersion,
  type PriorityCode,
  type ReasonCoding,
  type Referral,
} from '../data/world';
import {
  type ActionContext,
  type ActionFailure,
  actingUserId,
  checkIfMatch,
  checkVersion,
  fail,
  isFailure,
  loadAdvice,
  nextAppointmentId,
  nextUbrn,
  stableUuid,
} from './common';
import { REFERRAL_UBRN_BASE, patientOf, requesterOf } from './create-referral';
import { all, codeOf, one, parseParameters, PRIORITIES, PRIORITY_SYSTEM, text } from './parameters';
import { parseShortlist } from './shortlist';
import { attachFiles, resolveFiles } from './upload';

export const ADVICE_UBRN_BASE = 60_000_000;
const CREATE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateAdviceAndGuidance-Request-Parameters-1';
const CONVERSION_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ProviderConversionAuthorisation-1';
const MAX_MESSAGE = 8000;

export interface AdviceWriteResult {
  request: AdviceAndGuidanceRequest;
  message: AdviceMessage;
}

/** Appends a message of the actor to the conversation (with the attachments it carries). */
export function addMessage(
  ctx: ActionContext,
  request: AdviceAndGuidanceRequest,
  direction: AdviceMessage['direction'],
  textValue: string,
  attachmentIds: string[],
): AdviceMessage {
  const message: AdviceMessage = {
    id: `${request.ubrn}-${request.messages.length + 1}`,
    sentAt: ctx.at,
    direction,
    authorUserId: actingUserId(ctx.actor),
    authorOdsCode: ctx.actor.odsCode,
    text: textValue,
    attachmentIds,
  };
  request.messages.push(message);
  request.attachmentIds.push(...attachmentIds);
  return message;
}

/** A044: a new A&G request to the single shortlisted advice and guidance service. */
export function createAdviceAndGuidance(ctx: ActionContext, body: unknown): AdviceWriteResult | ActionFailure {
  const parsed = parseParameters(body, CREATE_PROFILE, {
    patient: { value: 'valueIdentifier', min: 1, max: 1 },
    providerConversionAuthorisation: { value: 'valueCoding', min: 1, max: 1 },
    shortlist: { value: 'resource', min: 1, max: 1 },
    request: { value: 'valueString', min: 1, max: 1 },
    referringClinician: { value: 'valueIdentifier', min: 0, max: 1 },
    requestAttachmentFile: { value: 'resource', min: 0, max: Infinity },
  });
  if (isFailure(parsed)) return parsed;
  const conversion = codeOf('providerConversionAuthorisation', one(parsed, 'providerConversionAuthorisation')!, CONVERSION_SYSTEM, [
    'AUTHORISED_TO_CONVERT',
    'NOT_AUTHORISED_TO_CONVERT',
  ]);
  if (isFailure(conversion)) return conversion;
  const message = text('request', one<string>(parsed, 'request'), MAX_MESSAGE);
  if (isFailure(message)) return message;
  const patient = patientOf(ctx.world, one(parsed, 'patient')!);
  if (isFailure(patient)) return patient;
  const requester = requesterOf(ctx, parsed);
  if (isFailure(requester)) return requester;
  const shortlist = parseShortlist(ctx.world, one(parsed, 'shortlist')!, 1);
  if (isFailure(shortlist)) return shortlist;
  const service = shortlist.services[0];
  if (!service.requestFlows.includes('ADVICE_AND_GUIDANCE'))
    return fail('INAPPROPRIATE_VALUE', `Service ${service.id} does not offer advice and guidance.`);
  const files = resolveFiles(ctx, 'requestAttachmentFile', all(parsed, 'requestAttachmentFile'), 'ADVICE_REQUEST', undefined, []);
  if (isFailure(files)) return files;

  const ubrn = nextUbrn(
    ctx.world.adviceAndGuidance.map((a) => a.ubrn),
    ADVICE_UBRN_BASE,
  );
  const request: AdviceAndGuidanceRequest = {
    ubrn,
    versionId: 1,
    patientNhsNumber: patient,
    referrerOdsCode: ctx.actor.odsCode,
    providerOdsCode: service.providerOdsCode,
    requesterUserId: requester,
    serviceId: service.id,
    specialty: shortlist.criteria.specialty ?? service.specialty,
    priority: shortlist.criteria.priority,
    searchCriteria: shortlist.criteria,
    shortlist: [service.id],
    status: 'active',
    category: 'PROVIDER_RESPONSE_REQUIRED',
    providerConversionAuthorised: conversion === 'AUTHORISED_TO_CONVERT',
    createdAt: ctx.at,
    lastUpdatedAt: ctx.at,
    messages: [],
    attachmentIds: [],
  };
  if (shortlist.criteria.clinicType) request.clinicType = shortlist.criteria.clinicType;
  const attached = attachFiles(ctx, files, { kind: 'CommunicationRequest', ubrn }, 'ADVICE_REQUEST');
  const first = addMessage(
    ctx,
    request,
    'REFERRER_TO_PROVIDER',
    message!,
    attached.map((a) => a.id),
  );
  ctx.world.adviceAndGuidance.push(request);
  return { request, message: first };
}

const RESPONSE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-SendCommunicationToRequester-Request-Parameters-1';
const OUTCOME_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceResponseOutcome-1';
const RECOMMENDATION_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceIntendedRecommendation-1';
const RECOMMENDATIONS = ['ADVICE_ONLY_NO_REFERRAL_RECOMMENDED', 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED', 'REFERRAL_RECOMMENDED', 'OTHER'];

export interface AdviceActionInput {
  ubrn: string;
  ifMatch: string | undefined;
  body: unknown;
}

/** A026: the provider answers an A&G request awaiting its response. */
export function sendCommunicationToRequester(ctx: ActionContext, input: AdviceActionInput): AdviceWriteResult | ActionFailure {
  const parsed = parseParameters(input.body, RESPONSE_PROFILE, {
    guidanceOutcome: { value: 'valueCoding', min: 1, max: 1 },
    guidanceIntendedRecommendation: { value: 'valueCoding', min: 0, max: 1 },
    guidance: { value: 'valueString', min: 1, max: 1 },
    updatedPriority: { value: 'valueCoding', min: 1, max: 1 },
    guidanceAttachmentFile: { value: 'resource', min: 0, max: Infinity },
  });
  if (isFailure(parsed)) return parsed;
  const outcome = codeOf('guidanceOutcome', one(parsed, 'guidanceOutcome')!, OUTCOME_SYSTEM, [
    'RETURN_TO_REFERRER_WITH_ADVICE',
    'REQUIRE_FURTHER_INFORMATION',
  ]);
  if (isFailure(outcome)) return outcome;
  const recommendationCoding = one(parsed, 'guidanceIntendedRecommendation');
  const recommendation = recommendationCoding
    ? codeOf('guidanceIntendedRecommendation', recommendationCoding, RECOMMENDATION_SYSTEM, RECOMMENDATIONS)
    : undefined;
  if (isFailure(recommendation)) return recommendation;
  if (outcome === 'RETURN_TO_REFERRER_WITH_ADVICE' && recommendation === undefined) {
    return fail('VALUE_IS_REQUIRED', "'guidanceIntendedRecommendation' is mandatory with RETURN_TO_REFERRER_WITH_ADVICE.");
  }
  if (outcome === 'REQUIRE_FURTHER_INFORMATION' && recommendation !== undefined) {
    return fail('CONFLICTING_VALUES', "'guidanceIntendedRecommendation' is only allowed with RETURN_TO_REFERRER_WITH_ADVICE.");
  }
  const guidance = text('guidance', one<string>(parsed, 'guidance'), MAX_MESSAGE);
  if (isFailure(guidance)) return guidance;
  const priority = codeOf('updatedPriority', one(parsed, 'updatedPriority')!, PRIORITY_SYSTEM, PRIORITIES);
  if (isFailure(priority)) return priority;

  const request = loadAdvice(ctx, input.ubrn);
  if (isFailure(request)) return request;
  const stale = checkIfMatch(input.ifMatch, request.versionId, `CommunicationRequest ${request.ubrn}`);
  if (stale) return stale;
  if (request.status !== 'active' || request.category !== 'PROVIDER_RESPONSE_REQUIRED') {
    return fail('INVALID_REQUEST_STATE', `The advice and guidance request is ${request.category}; it is not awaiting a provider response.`);
  }
  const existing = request.attachmentIds.map((id) => ctx.world.attachments.find((a) => a.id === id)).filter((a) => a !== undefined);
  const files = resolveFiles(
    ctx,
    'guidanceAttachmentFile',
    all(parsed, 'guidanceAttachmentFile'),
    'GUIDANCE_RESPONSE',
    request.ubrn,
    existing,
  );
  if (isFailure(files)) return files;

  const attached = attachFiles(ctx, files, { kind: 'CommunicationRequest', ubrn: request.ubrn }, 'GUIDANCE_RESPONSE');
  const message = addMessage(
    ctx,
    request,
    'PROVIDER_TO_REFERRER',
    guidance!,
    attached.map((a) => a.id),
  );
  request.category = outcome === 'REQUIRE_FURTHER_INFORMATION' ? 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION' : 'REFERRER_TO_REVIEW_RESPONSE';
  request.priority = priority as PriorityCode;
  request.searchCriteria = { ...request.searchCriteria, priority: priority as PriorityCode };
  request.versionId += 1;
  request.lastUpdatedAt = ctx.at;
  return { request, message };
}

const CONVERT_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1';

export interface ConvertResult {
  referral: Referral;
  request: AdviceAndGuidanceRequest;
}

/**
 * A027: converts an A&G request (the referrer must have authorised conversion) into a new
 * referral the provider's admin team will book (TRIAGED_PROVIDER_TO_ACTION, reason
 * PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER); the final guidance is added to the
 * conversation and the request ends as ADVICE_CONVERTED. createFrom names the request version (409 when stale).
 */
export function convertAdviceToReferral(ctx: ActionContext, body: unknown): ConvertResult | ActionFailure {
  const parsed = parseParameters(body, CONVERT_PROFILE, {
    createFrom: { value: 'valueReference', min: 1, max: 1 },
    guidance: { value: 'valueString', min: 1, max: 1 },
    newReferralPriority: { value: 'valueCoding', min: 1, max: 1 },
    reviewComments: { value: 'valueString', min: 1, max: 1 },
    guidanceAttachmentFile: { value: 'resource', min: 0, max: Infinity },
    reviewAttachmentFile: { value: 'resource', min: 0, max: Infinity },
  });
  if (isFailure(parsed)) return parsed;
  const reference = one(parsed, 'createFrom')!.reference as string;
  const ref = /^CommunicationRequest\/(\d{12})\/_history\/(\d+)$/.exec(reference);
  if (!ref) return fail('INVALID_VALUE', `createFrom (${reference}) must be CommunicationRequest/<ubrn>/_history/<version>.`);
  const guidance = text('guidance', one<string>(parsed, 'guidance'), MAX_MESSAGE);
  if (isFailure(guidance)) return guidance;
  const comments = text('reviewComments', one<string>(parsed, 'reviewComments'), 2000);
  if (isFailure(comments)) return comments;
  const priority = codeOf('newReferralPriority', one(parsed, 'newReferralPriority')!, PRIORITY_SYSTEM, PRIORITIES);
  if (isFailure(priority)) return priority;

  const request = loadAdvice(ctx, ref[1]);
  if (isFailure(request)) return request.code === 'REC_NOT_FOUND' ? fail('REFERENCE_NOT_FOUND', request.diagnostics) : request;
  const stale = checkVersion(Number(ref[2]), request.versionId, `CommunicationRequest ${request.ubrn}`);
  if (stale) return stale;
  if (request.status !== 'active' || request.convertedToReferralUbrn !== undefined) {
    return fail('INVALID_REQUEST_STATE', `The advice and guidance request is ${request.category}; it can no longer be converted.`);
  }
  if (!request.providerConversionAuthorised)
    return fail('INVALID_STATE', 'The referrer has not authorised the provider to convert this request into a referral.');
  const existing = request.attachmentIds.map((id) => ctx.world.attachments.find((a) => a.id === id)).filter((a) => a !== undefined);
  const guidanceFiles = resolveFiles(
    ctx,
    'guidanceAttachmentFile',
    all(parsed, 'guidanceAttachmentFile'),
    'GUIDANCE_RESPONSE',
    request.ubrn,
    existing,
  );
  if (isFailure(guidanceFiles)) return guidanceFiles;
  const reviewFiles = resolveFiles(ctx, 'reviewAttachmentFile', all(parsed, 'reviewAttachmentFile'), 'PROVIDER', request.ubrn, []);
  if (isFailure(reviewFiles)) return reviewFiles;

  const ubrn = nextUbrn(
    ctx.world.referrals.map((r) => r.ubrn),
    REFERRAL_UBRN_BASE,
  );
  const reason: ReasonCoding = {
    system: 'eRS-ReviewOutcome-1',
    code: 'PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER',
    display: REVIEW_OUTCOMES.PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER,
  };
  const appointment: Appointment = {
    id: nextAppointmentId(ctx.world),
    versionId: 1,
    status: 'proposed',
    serviceId: request.serviceId,
    created: ctx.at,
    referralVersionId: 1,
    reason,
    comment: comments!,
  };
  // The referral carries the request's clinical information (its attachments) and the provider's review files.
  const reviewAttached = attachFiles(ctx, reviewFiles, { kind: 'ReferralRequest', ubrn }, 'PROVIDER');
  const referral: Referral = {
    ubrn,
    requestId: `r.${stableUuid(ctx.world, `referral:${ubrn}`)}`,
    patientNhsNumber: request.patientNhsNumber,
    referrerOdsCode: request.referrerOdsCode,
    providerOdsCode: request.providerOdsCode,
    commissioningRuleOdsCode: ctx.world.commissioner.odsCode,
    requesterUserId: request.requesterUserId,
    createdAt: ctx.at,
    pathwayStart: request.createdAt,
    convertedFromAdviceAndGuidanceUbrn: request.ubrn,
    versions: [],
    versionId: 0,
    recordedAt: ctx.at,
    state: 'TRIAGED_PROVIDER_TO_ACTION',
    stateReason: reason,
    stateComment: comments!,
    status: 'active',
    priority: priority as PriorityCode,
    specialty: request.specialty,
    searchCriteria: { ...request.searchCriteria, priority: priority as PriorityCode },
    shortlist: [...request.shortlist],
    appointment,
    attachmentIds: [...request.attachmentIds, ...reviewAttached.map((a) => a.id)],
    additionalRequirements: [],
    clinicalInfoFirstSubmitted: ctx.at,
  };
  if (request.clinicType) referral.clinicType = request.clinicType;
  commitReferralVersion(referral, {}, ctx.at);
  ctx.world.referrals.push(referral);

  const guidanceAttached = attachFiles(ctx, guidanceFiles, { kind: 'CommunicationRequest', ubrn: request.ubrn }, 'GUIDANCE_RESPONSE');
  addMessage(
    ctx,
    request,
    'PROVIDER_TO_REFERRER',
    guidance!,
    guidanceAttached.map((a) => a.id),
  );
  request.category = 'ADVICE_CONVERTED';
  request.status = 'completed';
  request.convertedToReferralUbrn = ubrn;
  request.versionId += 1;
  request.lastUpdatedAt = ctx.at;
  return { referral, request };
}
