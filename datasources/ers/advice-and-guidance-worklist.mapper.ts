import { AdviceAndGuidanceWorklistItem } from '../../schema/worklist-item.type';
import { build } from './fhir';
import { mapWorklist } from './worklist.mapper';

/**
 * Maps the A023 response (an eRS-FetchWorklist-List-1) to its A&G items, in e-RS order. An entry
 * without the A&G worklist item extension still names an A&G request (A023 lists nothing else):
 * it keeps its common fields, the A&G-specific ones are null. Throws FhirMappingError only when
 * `resource` is not a List.
 */
export function mapAdviceAndGuidanceWorklist(resource: unknown): AdviceAndGuidanceWorklistItem[] {
  return mapWorklist(resource).items.map((item) =>
    item instanceof AdviceAndGuidanceWorklistItem
      ? item
      : build(AdviceAndGuidanceWorklistItem, {
          ubrn: item.ubrn,
          version: item.version,
          worklistType: item.worklistType,
          priority: item.priority,
          patientNhsNumber: item.patientNhsNumber,
          fhir: item.fhir,
          referralUbrn: null,
          referralVersion: null,
          adviceAndGuidanceUbrn: item.adviceAndGuidanceUbrn ?? item.ubrn,
          adviceAndGuidanceVersion: item.adviceAndGuidanceVersion ?? item.version,
          specialty: null,
          clinicType: null,
          serviceId: null,
          serviceName: null,
          namedClinicianUserId: null,
          referrerUserId: null,
          conversationStatus: null,
          firstRequested: null,
          lastUpdated: null,
        }),
  );
}
