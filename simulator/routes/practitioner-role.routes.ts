import type { FastifyInstance } from 'fastify';
import { findPractitioner } from '../data/world';
import { renderPractitionerRoleBundle } from '../fhir/practitioner-role';
import { problem, registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/** A030 Retrieve user business functions: GET /R4/PractitionerRole (token only, no role headers). */
export function registerPractitionerRoleRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/R4/PractitionerRole',
    endpoint: 'A030',
    handler: (_request, caller) => {
      // access.ts lets only user tokens through to A030 (it does not support application-restricted access).
      if (caller.mode === 'application') return problem('NO_ACCESS', 'A030 needs a user-restricted access token.');
      const user = findPractitioner(sim.world, caller.userId);
      if (!user) return problem('FORBIDDEN', `User ${caller.userId} is not registered with e-RS.`);
      return resource(renderPractitionerRoleBundle(user, sim.baseUrl, new Date(sim.now())));
    },
  });
}
