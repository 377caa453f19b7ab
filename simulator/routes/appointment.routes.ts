import type { FastifyInstance } from 'fastify';
import type { CallerContext } from '../access';
import { appointmentVersions } from '../data/world';
import { renderContainedAppointment } from '../fhir/referral-request';
import { callerSide, hasRelationship } from '../http/caller-side';
import { type FhirResult, problem, registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

/** A038: GET /STU3/Appointment/{id} and /STU3/Appointment/{id}/_history/{version}. */
export function registerAppointmentRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute<{ id: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/Appointment/:id',
    endpoint: 'A038',
    handler: (request, caller) => readAppointment(sim, request.params.id, undefined, caller),
  });
  registerFhirRoute<{ id: string; version: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/Appointment/:id/_history/:version',
    endpoint: 'A038',
    handler: (request, caller) => readAppointment(sim, request.params.id, request.params.version, caller),
  });
}

function readAppointment(sim: SimulatorState, id: string, version: string | undefined, caller: CallerContext): FhirResult {
  if (!/^\d+$/.test(id)) return problem('INVALID_VALUE', `Appointment id (${id}) must be numeric.`);
  if (version !== undefined && !/^[1-9]\d*$/.test(version))
    return problem('INVALID_VALUE', `'version' (${version}) must be a positive integer.`);
  const found = appointmentVersions(sim.world.referrals, id);
  if (!found) return problem('NOT_FOUND', `Appointment ${id} not found.`);
  if (!callerSide(caller, 'A038') || !hasRelationship(sim, caller, found.referral)) {
    return problem('NO_RELATIONSHIP', `The user has no legitimate relationship with the referral of Appointment ${id}.`);
  }
  // Like A005, the simulator keeps earlier versions readable (e-RS itself serves only the latest).
  const appointment =
    version === undefined ? found.versions[found.versions.length - 1] : found.versions.find((a) => a.versionId === Number(version));
  if (!appointment) return problem('NOT_FOUND', `Version ${version} of Appointment ${id} not found.`);
  return resource(
    renderContainedAppointment(sim.world, found.referral, appointment, { baseUrl: sim.baseUrl }, appointment.id),
    appointment.versionId,
  );
}
