import type { FastifyInstance } from 'fastify';
import { findAdviceAndGuidance, findReferral } from '../data/world';
import { r4Error } from '../fhir/outcomes';
import { renderServiceRequestBundle, type ServiceRequestMatch, UBRN_SYSTEM } from '../fhir/service-request';
import { hasRelationship } from '../http/caller-side';
import { registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/**
 * A041: GET /R4/ServiceRequest?identifier=[https://fhir.nhs.uk/Id/UBRN|]{ubrn} — the R4 ids of the
 * referral and/or advice request behind a UBRN. A converted advice request also yields the
 * referral it became (e-RS keeps one UBRN for both; the simulator's world gives the referral its own).
 */
export function registerServiceRequestRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/R4/ServiceRequest',
    endpoint: 'A041',
    handler: (request, caller) => {
      const search = new URLSearchParams(request.url.split('?')[1] ?? '');
      const values = search.getAll('identifier');
      if (values.length === 0 || values[0] === '')
        return r4Error(400, 'REC_BAD_REQUEST', 'required', "The 'identifier' search parameter is required.");
      if (values.length > 1) return r4Error(400, 'REC_BAD_REQUEST', 'invalid', "'identifier' may be given once.");
      const token = values[0];
      const bar = token.lastIndexOf('|');
      const system = bar >= 0 ? token.slice(0, bar) : undefined;
      const ubrn = bar >= 0 ? token.slice(bar + 1) : token;
      if (system !== undefined && system !== UBRN_SYSTEM)
        return r4Error(400, 'REC_BAD_REQUEST', 'invalid', `'identifier' system must be ${UBRN_SYSTEM}.`);
      if (!/^\d{12}$/.test(ubrn)) return r4Error(400, 'REC_BAD_REQUEST', 'invalid', `'${ubrn}' is not a 12-digit UBRN.`);

      const matches: ServiceRequestMatch[] = [];
      const advice = findAdviceAndGuidance(sim.world, ubrn);
      if (advice) matches.push({ kind: 'advice', request: advice });
      const referral =
        findReferral(sim.world, ubrn) ??
        (advice?.convertedToReferralUbrn ? findReferral(sim.world, advice.convertedToReferralUbrn) : undefined);
      if (referral) matches.unshift({ kind: 'referral', referral });
      // Requests the user has no relationship with are not disclosed: the search simply does not find them.
      const visible = matches.filter((m) => hasRelationship(sim, caller, m.kind === 'referral' ? m.referral : m.request));
      return resource(renderServiceRequestBundle(visible, sim.baseUrl, `${sim.baseUrl}${request.url.replace(/^\/FHIR/, '')}`));
    },
  });
}
