import type { FastifyInstance } from 'fastify';
import { CODE_SYSTEM_TYPES, isCodeSystemType } from '../data/reference-data';
import { renderCodeSystem } from '../fhir/code-system';
import { problem, registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/** A004 Retrieve reference data: GET /STU3/CodeSystem/{codeSystemType}. */
export function registerCodeSystemRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute<{ codeSystemType: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/CodeSystem/:codeSystemType',
    endpoint: 'A004',
    handler: (request) => {
      const type = request.params.codeSystemType;
      if (!isCodeSystemType(type)) {
        return problem('NOT_FOUND', `CodeSystem '${type}' not found; expected one of ${CODE_SYSTEM_TYPES.join(', ')}.`);
      }
      // No ETag: the e-RS CodeSystem carries no meta.versionId and A004 documents no ETag header.
      return resource(renderCodeSystem(type, sim.world.referenceData, sim.baseUrl));
    },
  });
}
