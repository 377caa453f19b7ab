import type { FastifyInstance } from 'fastify';
import { findService } from '../data/world';
import { renderHealthcareService } from '../fhir/healthcare-service';
import { problem, registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/** A033 Retrieve healthcare service: GET /R4/HealthcareService/{id}. */
export function registerHealthcareServiceRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute<{ id: string }>(app, sim, {
    method: 'GET',
    url: '/R4/HealthcareService/:id',
    endpoint: 'A033',
    handler: (request) => {
      const service = findService(sim.world, request.params.id);
      if (!service) return problem('NOT_FOUND', `HealthcareService ${request.params.id} not found.`);
      return resource(renderHealthcareService(service), service.versionId);
    },
  });
}
