/** A029: available actions as a searchset Bundle of CareConnect-Task-1 (TaskBundle.yaml, CareConnect-Task.yaml). */
import { randomUUID } from 'node:crypto';
import { AVAILABLE_ACTIONS, type AvailableAction } from '../data/available-actions';
import type { Referral } from '../data/world';
import { type FhirJson, STU3_CODE_SYSTEM } from './systems';

export const TASK_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Task-1';

export function renderTaskBundle(
  referral: Referral,
  actions: AvailableAction[],
  baseUrl: string,
  selfUrl: string,
  now: Date = new Date(),
): FhirJson {
  return {
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString(), profile: ['http://hl7.org/fhir/STU3/StructureDefinition/Bundle'] },
    resourceType: 'Bundle',
    type: 'searchset',
    link: [{ relation: 'self', url: selfUrl }],
    entry: actions.map((action) => {
      const id = `${referral.ubrn}-${referral.versionId}-${action}`;
      return {
        fullUrl: `${baseUrl}/STU3/Task/${id}`,
        resource: {
          id,
          meta: { profile: [TASK_PROFILE] },
          resourceType: 'Task',
          status: 'ready',
          intent: 'proposal',
          focus: { reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` },
          code: {
            coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-AvailableActionsForUser-1`, code: action, display: AVAILABLE_ACTIONS[action] }],
          },
        },
        search: { mode: 'match' },
      };
    }),
  };
}
