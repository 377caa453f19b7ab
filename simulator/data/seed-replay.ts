/**
 * The seed's bridge to the simulator's own write actions: the seed reaches each referral state by
 * replaying the action e-RS would have taken (A036 cancel, A014 reject, ...) instead of writing
 * the end state, so the seeded world and the write endpoints share one state machine.
 */
import { type ActionContext, type ActionFailure, type Actor, isFailure } from '../actions/common';
import type { Json } from '../actions/parameters';
import type { Referral, World } from './world';

const PROFILE_BASE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const CODE_SYSTEM_BASE = 'https://fhir.nhs.uk/STU3/CodeSystem/';

/** The context an action runs in at a seed instant; relationships hold by construction. */
export function seedContext(world: World, at: string, actor: Actor): ActionContext {
  return { world, at, actor, enforceRelationships: false };
}

/** The referring clinician who made the referral, acting as the referrer. */
export function referrerActor(referral: Referral): Actor {
  return { side: 'REFERRER', odsCode: referral.referrerOdsCode, businessFunction: 'REFERRING_CLINICIAN', userId: referral.requesterUserId };
}

/** A provider clinician of the referral's provider organisation. */
export function providerActor(referral: Referral, userId: string): Actor {
  return { side: 'PROVIDER', odsCode: referral.providerOdsCode, businessFunction: 'SERVICE_PROVIDER_CLINICIAN', userId };
}

/** The action's result; a refusal means the seed asked for something the state machine forbids, a bug in the seed. */
export function replayed<T>(what: string, result: T | ActionFailure): T {
  if (isFailure(result)) throw new Error(`Seed replay of ${what} was refused: ${result.code} ${result.diagnostics}`);
  return result;
}

/** The If-Match header naming the referral's current version. */
export function ifMatch(referral: Referral): string {
  return `W/"${referral.versionId}"`;
}

type Parameter = { name: string } & Json;

/** A FHIR Parameters body of the given eRS profile, leaving out parameters whose value is undefined. */
export function parametersBody(profile: string, parameters: Array<Parameter | undefined>): Json {
  return {
    resourceType: 'Parameters',
    meta: { profile: [`${PROFILE_BASE}${profile}`] },
    parameter: parameters.filter((p): p is Parameter => p !== undefined),
  };
}

/** A valueCoding parameter in an eRS code system. */
export function codingParameter(name: string, codeSystem: string, code: string): Parameter {
  return { name, valueCoding: { system: `${CODE_SYSTEM_BASE}${codeSystem}`, code } };
}

/** A valueString parameter, or nothing when the text is undefined. */
export function stringParameter(name: string, value: string | undefined): Parameter | undefined {
  return value === undefined ? undefined : { name, valueString: value };
}
