import type { FastifyInstance } from 'fastify';
import { availableActions } from '../data/available-actions';
import { findAdviceAndGuidance, findReferral } from '../data/world';
import { stu3Error } from '../fhir/outcomes';
import { renderTaskBundle } from '../fhir/task';
import { callerSide, hasRelationship } from '../http/caller-side';
import { registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

const FOCUS = /^ReferralRequest\/(\d{12})\/_history\/(\d+)$/;

/** A029: GET /STU3/Task?focus=ReferralRequest/{ubrn}/_history/{version}&intent=proposal&status=ready. */
export function registerTaskRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/STU3/Task',
    endpoint: 'A029',
    handler: (request, caller) => {
      const search = new URLSearchParams(request.url.split('?')[1] ?? '');
      for (const name of ['focus', 'intent', 'status']) {
        if (!search.get(name)) return stu3Error(400, 'MISSING_PARAMETER', `The '${name}' search parameter is required.`);
      }
      if (search.get('intent') !== 'proposal') return stu3Error(400, 'INVALID_VALUE', "'intent' must be 'proposal'.");
      if (search.get('status') !== 'ready') return stu3Error(400, 'INVALID_VALUE', "'status' must be 'ready'.");
      const focus = FOCUS.exec(search.get('focus')!);
      if (!focus) return stu3Error(400, 'INVALID_VALUE', "'focus' must be ReferralRequest/{ubrn}/_history/{version}.");
      const [, ubrn, version] = focus;
      const referral = findReferral(sim.world, ubrn);
      if (!referral) {
        const what = findAdviceAndGuidance(sim.world, ubrn) ? 'is an advice and guidance request, not a referral' : 'was not found';
        return stu3Error(400, 'REFERENCE_NOT_FOUND', `ReferralRequest ${ubrn} ${what}.`);
      }
      if (Number(version) !== referral.versionId) {
        return stu3Error(
          400,
          'HISTORY_NOT_SUPPORTED',
          `Only the current version (${referral.versionId}) of ReferralRequest ${ubrn} is permissible.`,
        );
      }
      const side = callerSide(caller, 'A029');
      // A user without a relationship to the referral has no actions on it.
      const actions = side && hasRelationship(sim, caller, referral) ? availableActions(sim.world, referral, side) : [];
      return resource(renderTaskBundle(referral, actions, sim.baseUrl, `${sim.baseUrl}${request.url.replace(/^\/FHIR/, '')}`));
    },
  });
}
