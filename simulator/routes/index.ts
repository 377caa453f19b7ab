import type { FastifyInstance } from 'fastify';
import type { SimulatorState } from '../state';
import { registerPractitionerRoutes } from './practitioner.routes';
import { registerPractitionerRoleRoutes } from './practitioner-role.routes';
import { registerCodeSystemRoutes } from './code-system.routes';
import { registerHealthcareServiceRoutes } from './healthcare-service.routes';
import { registerReferralRequestRoutes } from './referral-request.routes';
import { registerAppointmentRoutes } from './appointment.routes';
import { registerBinaryRoutes } from './binary.routes';
import { registerCommunicationRoutes } from './communication.routes';
import { registerCommunicationRequestRoutes } from './communication-request.routes';
import { registerServiceRequestRoutes } from './service-request.routes';
import { registerSlotRoutes } from './slot.routes';
import { registerTaskRoutes } from './task.routes';
import { registerWriteActionRoutes } from './write-actions.routes';

/** Every e-RS resource's route module; add new modules here. */
export const ROUTE_MODULES: ReadonlyArray<(app: FastifyInstance, sim: SimulatorState) => void> = [
  registerPractitionerRoleRoutes,
  registerPractitionerRoutes, // A030, A040
  registerCodeSystemRoutes,
  registerReferralRequestRoutes, // A005, A007, A008, A019
  registerHealthcareServiceRoutes,
  registerCommunicationRequestRoutes,
  registerCommunicationRoutes,
  registerTaskRoutes,
  registerAppointmentRoutes, // A023-A025, A043, A029, A038
  registerBinaryRoutes,
  registerSlotRoutes,
  registerServiceRequestRoutes, // A006, A042, A015, A041
  registerWriteActionRoutes, // A011-A016, A020-A022, A026-A028, A031, A032, A034, A036, A044
];

export { registerCodeSystemRoutes, registerHealthcareServiceRoutes, registerReferralRequestRoutes };
