import type { FastifyInstance } from 'fastify';
import type { SimulatorState } from '../state';
import { registerCodeSystemRoutes } from './code-system.routes';
import { registerHealthcareServiceRoutes } from './healthcare-service.routes';
import { registerReferralRequestRoutes } from './referral-request.routes';

/** Every e-RS resource's route module; add new modules here. */
export const ROUTE_MODULES: ReadonlyArray<(app: FastifyInstance, sim: SimulatorState) => void> = [
  registerCodeSystemRoutes,
  registerReferralRequestRoutes,
  registerHealthcareServiceRoutes,
];

export { registerCodeSystemRoutes, registerHealthcareServiceRoutes, registerReferralRequestRoutes };
