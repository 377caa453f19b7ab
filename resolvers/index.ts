import type { NonEmptyArray } from 'type-graphql';
import { ReferralResolver } from './referral.resolver';
import { HealthcareServiceResolver } from './healthcare-service.resolver';
import { CodeSystemResolver } from './code-system.resolver';
import { CodeResolver } from './code.resolver';
import { MeResolver } from './me.resolver';
import { WorklistResolver } from './worklist.resolver';
import { AppointmentResolver } from './appointment.resolver';

/** Every resolver class of the graph. */
export const resolvers: NonEmptyArray<Function> = [
  ReferralResolver,
  HealthcareServiceResolver,
  CodeSystemResolver,
  CodeResolver,
  MeResolver,
  WorklistResolver,
  AppointmentResolver,
];
