import type { NonEmptyArray } from 'type-graphql';
import { ReferralResolver } from './referral.resolver';
import { HealthcareServiceResolver } from './healthcare-service.resolver';
import { CodeSystemResolver } from './code-system.resolver';
import { CodeResolver } from './code.resolver';
import { MeResolver } from './me.resolver';
import { AdviceAndGuidanceResolver } from './advice-and-guidance.resolver';
import { AdviceAndGuidanceMessageResolver } from './advice-and-guidance-message.resolver';
import { AdviceAndGuidanceWorklistItemResolver } from './advice-and-guidance-worklist-item.resolver';
import { ReferralWorklistItemResolver } from './referral-worklist-item.resolver';
import { AttachmentResolver } from './attachment.resolver';
import { AppointmentResolver } from './appointment.resolver';
import { SlotResolver } from './slot.resolver';
import { ServiceSearchResolver } from './service-search.resolver';
import { ReferralMutations } from './referral.mutations';
import { ReferralShortlistMutations } from './referral-shortlist.mutations';
import { AppointmentMutations } from './appointment.mutations';
import { UploadMutations } from './upload.mutations';
import { AdviceAndGuidanceMutations } from './advice-and-guidance.mutations';

/**
 * Every resolver class of the graph: one per object type (its queries and field links), and the
 * mutations grouped by e-RS area (all fields of the root Mutation type).
 */
// type-graphql's buildSchema takes resolver classes as `Function`s.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const resolvers: NonEmptyArray<Function> = [
  ReferralResolver,
  HealthcareServiceResolver,
  CodeSystemResolver,
  CodeResolver,
  MeResolver,
  AdviceAndGuidanceResolver,
  AdviceAndGuidanceMessageResolver,
  AdviceAndGuidanceWorklistItemResolver,
  ReferralWorklistItemResolver,
  AppointmentResolver,
  SlotResolver,
  ServiceSearchResolver,
  ReferralMutations,
  ReferralShortlistMutations,
  AppointmentMutations,
  UploadMutations,
  AdviceAndGuidanceMutations,
  AttachmentResolver,
];
