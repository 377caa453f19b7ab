import type { FastifyInstance } from 'fastify';
import { isOnBehalfOfCandidate } from '../access';
import { renderOnBehalfOfBundle } from '../fhir/practitioner-role';
import { problem, registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/** A040 Retrieve "on-behalf-of" practitioner user information: GET /R4/Practitioner?_query=onBehalfOf. */
export function registerPractitionerRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/R4/Practitioner',
    endpoint: 'A040',
    handler: (request, caller) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      if (query._query !== 'onBehalfOf') {
        return problem('INVALID_VALUE', 'The query parameter _query is missing or has an invalid value; expected _query=onBehalfOf.');
      }
      // access.ts admits only SERVICE_PROVIDER_CLINICIAN_ADMIN users at an organisation where they hold that role.
      if (caller.mode !== 'user') return problem('NO_ACCESS', 'A040 needs a user-restricted access token.');
      const candidates = sim.world.practitioners
        .filter((p) => p.userId !== caller.userId && isOnBehalfOfCandidate(p, caller.odsCode))
        .sort((a, b) => a.userId.localeCompare(b.userId));
      return resource(renderOnBehalfOfBundle(candidates, sim.baseUrl, new Date(sim.now())));
    },
  });
}
