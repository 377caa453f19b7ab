/**
 * A011 Create referral: a new referral (next UBRN of the referral range, deterministic request
 * id) in NOT_BOOKED with the given shortlist; A021 the same sent straight to its triage service;
 * and A012 Maintain referral letter (attach uploaded referrer files; the referral leaves
 * LETTERS_OUTSTANDING once clinical information exists).
 */
import { holdsRole } from '../data/identity-users';
import { commitReferralVersion, findPractitioner, type Referral, type World } from '../data/world';
import type { Json } from './parameters';
import { type ActionContext, type ActionFailure, actingUserId, fail, isFailure, nextUbrn, stableUuid } from './common';
import { sendForTriage } from './book-or-defer';
import { all, one, type ParameterSpec, type ParsedParameters, parseParameters } from './parameters';
import { type ReferralActionInput, referralForUpdate } from './review';
import { type ParsedShortlist, SHORTLIST_PARAMETERS, shortlistFields, shortlistOf } from './shortlist';
import { attachFiles, resolveFiles } from './upload';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateReferral-Parameters-1';
export const REFERRAL_UBRN_BASE = 50_000_000;
const DAY = 86_400_000;

/** The patient parameter (an NHS number the world knows) or REFERENCE_NOT_FOUND / INVALID_VALUE. */
export function patientOf(world: World, identifier: Json): string | ActionFailure {
  if (identifier.system !== 'http://fhir.nhs.net/Id/nhs-number' || !/^\d{10}$/.test(identifier.value)) {
    return fail('INVALID_VALUE', "'patient' must be a 10-digit NHS number (http://fhir.nhs.net/Id/nhs-number).");
  }
  if (!world.patients.some((p) => p.nhsNumber === identifier.value)) return fail('REFERENCE_NOT_FOUND', 'The patient could not be found.');
  return identifier.value;
}

/**
 * The referring clinician a request is made for: a Referring Clinician Admin must name one
 * (VALUE_IS_REQUIRED) who is a referring clinician at the organisation; a Referring Clinician
 * may not (FIELD_NOT_PERMITTED) and is the requester.
 */
export function requesterOf(ctx: ActionContext, parsed: ParsedParameters): string | ActionFailure {
  const named = one(parsed, 'referringClinician');
  if (ctx.actor.businessFunction === 'REFERRING_CLINICIAN_ADMIN') {
    if (!named) return fail('VALUE_IS_REQUIRED', "'referringClinician' is mandatory for the REFERRING_CLINICIAN_ADMIN business function.");
    if (named.system !== 'http://fhir.nhs.net/Id/sds-user-id') return fail('INVALID_VALUE', "'referringClinician' must be an SDS user id.");
    const clinician = findPractitioner(ctx.world, named.value);
    if (!clinician) return fail('REFERENCE_NOT_FOUND', `User ${named.value} not found.`);
    if (!holdsRole(clinician, 'REFERRING_CLINICIAN', ctx.actor.odsCode)) {
      return fail('REFERENCED_USER_IS_NOT_RC_AT_ORG', `User ${named.value} is not a referring clinician at ${ctx.actor.odsCode}.`);
    }
    return named.value;
  }
  if (named)
    return fail('FIELD_NOT_PERMITTED', "'referringClinician' is only permitted for the REFERRING_CLINICIAN_ADMIN business function.");
  return actingUserId(ctx.actor);
}

/** A011: a new referral in NOT_BOOKED with the given shortlist. */
export function createReferral(ctx: ActionContext, body: unknown): Referral | ActionFailure {
  const parsed = parseParameters(body, PROFILE, { ...CREATE_PARAMETERS, eReferralPathwayStart: { value: 'valueInstant', min: 0, max: 1 } });
  if (isFailure(parsed)) return parsed;
  const pathwayStart = one<string>(parsed, 'eReferralPathwayStart');
  if (pathwayStart !== undefined) {
    const ms = Date.parse(pathwayStart);
    const now = Date.parse(ctx.at);
    if (ms > now || ms < now - 365 * DAY)
      return fail('INAPPROPRIATE_VALUE', 'eReferralPathwayStart must be in the past and no more than 365 days ago.');
  }
  const request = newReferralRequest(ctx, parsed);
  if (isFailure(request)) return request;
  const referral = newReferral(ctx, request);
  if (pathwayStart !== undefined) referral.pathwayStart = new Date(pathwayStart).toISOString();
  commitReferralVersion(referral, {}, ctx.at);
  ctx.world.referrals.push(referral);
  return referral;
}

const TRIAGE_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CreateReferralAndSendForTriage-Parameters-1';

/**
 * A021 Create referral and send for triage: A011 with a shortlist of exactly one triage service,
 * sent straight to it. Version 1 is AWAITING_TRIAGE with a proposed TRIAGE appointment.
 */
export function createReferralAndSendForTriage(ctx: ActionContext, body: unknown): Referral | ActionFailure {
  const parsed = parseParameters(body, TRIAGE_PROFILE, CREATE_PARAMETERS);
  if (isFailure(parsed)) return parsed;
  // A triage service needs the referral letter, so the only intention allowed is to add it later.
  const request = newReferralRequest(ctx, parsed, { intentions: ['NEED_TO_ADD_LATER'] });
  if (isFailure(request)) return request;
  const referral = newReferral(ctx, request);
  const triage = sendForTriage(ctx, referral, request.shortlist.services[0]);
  if (isFailure(triage)) return triage;
  commitReferralVersion(referral, triage.change, ctx.at);
  ctx.world.referrals.push(referral);
  return referral;
}

/** The parameters A011 and A021 share. */
const CREATE_PARAMETERS: Record<string, ParameterSpec> = {
  patient: { value: 'valueIdentifier', min: 1, max: 1 },
  referringClinician: { value: 'valueIdentifier', min: 0, max: 1 },
  ...SHORTLIST_PARAMETERS,
};

interface NewReferralRequest {
  patient: string;
  requester: string;
  shortlist: ParsedShortlist;
}

/** The patient, requester and shortlist of a create request (A011, A021). */
function newReferralRequest(
  ctx: ActionContext,
  parsed: ParsedParameters,
  triage?: { intentions: readonly string[] },
): NewReferralRequest | ActionFailure {
  const patient = patientOf(ctx.world, one(parsed, 'patient')!);
  if (isFailure(patient)) return patient;
  const requester = requesterOf(ctx, parsed);
  if (isFailure(requester)) return requester;
  const shortlist = shortlistOf(ctx.world, parsed, triage);
  if (isFailure(shortlist)) return shortlist;
  return { patient, requester, shortlist };
}

/** A new, not yet committed referral (version 0) in NOT_BOOKED: next UBRN of the referral range, deterministic request id. */
function newReferral(ctx: ActionContext, request: NewReferralRequest): Referral {
  const ubrn = nextUbrn(
    ctx.world.referrals.map((r) => r.ubrn),
    REFERRAL_UBRN_BASE,
  );
  const { clinicType, ...fields } = shortlistFields(request.shortlist);
  const referral: Referral = {
    ubrn,
    requestId: `r.${stableUuid(ctx.world, `referral:${ubrn}`)}`,
    patientNhsNumber: request.patient,
    referrerOdsCode: ctx.actor.odsCode,
    providerOdsCode: request.shortlist.services[0].providerOdsCode,
    commissioningRuleOdsCode: ctx.world.commissioner.odsCode,
    requesterUserId: request.requester,
    createdAt: ctx.at,
    versions: [],
    versionId: 0,
    recordedAt: ctx.at,
    state: 'NOT_BOOKED',
    status: 'active',
    ...fields,
    attachmentIds: [],
    additionalRequirements: [],
  };
  if (clinicType) referral.clinicType = clinicType;
  return referral;
}

const LETTER_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-MaintainReferralLetter-Parameters-1';

/** A012: attaches referrer files (uploaded with A020 for this UBRN) to a live referral as its referral letter. */
export function maintainReferralLetter(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const parsed = parseParameters(input.body, LETTER_PROFILE, { referralLetterFile: { value: 'resource', min: 1, max: Infinity } });
  if (isFailure(parsed)) return parsed;
  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  if (referral.status !== 'active')
    return fail('INVALID_REQUEST_STATE', `The referral is ${referral.status}; its referral letter can no longer be changed.`);
  if (ctx.actor.side !== 'REFERRER') return fail('INVALID_REQUEST_STATE', 'Only the referrer maintains the referral letter.');
  const existing = referral.attachmentIds.map((id) => ctx.world.attachments.find((a) => a.id === id)).filter((a) => a !== undefined);
  const files = resolveFiles(ctx, 'referralLetterFile', all(parsed, 'referralLetterFile'), 'REFERRER', referral.ubrn, existing);
  if (isFailure(files)) return files;
  const attached = attachFiles(ctx, files, { kind: 'ReferralRequest', ubrn: referral.ubrn }, 'REFERRER');
  commitReferralVersion(
    referral,
    {
      attachmentIds: [...referral.attachmentIds, ...attached.map((a) => a.id)],
      ...(referral.clinicalInfoFirstSubmitted === undefined ? { clinicalInfoFirstSubmitted: ctx.at } : { clinicalInfoLastUpdated: ctx.at }),
    },
    ctx.at,
  );
  return referral;
}
