import { ReferralAction } from '../../schema/referral-action.enum';
import { bundleResources, enumValue, expectResource, readCodings } from './fhir';

/** The code system of the actions A029 returns (matched case-insensitively, without scheme, host or version). */
export const AVAILABLE_ACTIONS_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-1';

/** The actions a user may perform on a referral now. */
export interface AvailableActions {
  /** The known actions, in bundle order, without repeats. */
  actions: ReferralAction[];
  /** Action codes this server does not know yet, as sent, without repeats (kept, never fatal). */
  unknownCodes: string[];
}

/**
 * Maps the A029 response (`GET /STU3/Task?focus=ReferralRequest/{ubrn}/_history/{version}&intent=proposal&status=ready`,
 * a TaskBundle of CareConnect-Task-1) to the actions the current user may perform on the
 * referral. Each Task's code is an eRS-AvailableActionsForUser-1 coding; codings of other
 * systems are ignored, Tasks without one are skipped. Throws FhirMappingError only when
 * `bundle` is not a Bundle.
 */
export function mapAvailableActions(bundle: unknown): AvailableActions {
  const resource = expectResource(bundle, 'Bundle');
  const actions = new Set<ReferralAction>();
  const unknownCodes = new Set<string>();
  for (const task of bundleResources(resource, 'Task')) {
    for (const coding of readCodings(task.code)) {
      if (coding.system !== null && !isActionSystem(coding.system)) continue;
      const action = enumValue(ReferralAction, coding.code.trim().toUpperCase());
      if (action) actions.add(action);
      else unknownCodes.add(coding.code);
    }
  }
  return { actions: [...actions], unknownCodes: [...unknownCodes] };
}

/** True for the eRS-AvailableActionsForUser code system, STU3 or R4, any version. */
function isActionSystem(system: string): boolean {
  const name = (system.split('/').pop() ?? '').replace(/-\d+$/, '').toLowerCase();
  return name === 'ers-availableactionsforuser';
}
