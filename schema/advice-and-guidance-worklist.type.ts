import { ConnectionType } from './connection.type';
import { AdviceAndGuidanceWorklistItem } from './worklist-item.type';

/** A page of the provider's A&G worklist (A023), as a Relay connection. */
export const AdviceAndGuidanceWorklistConnection = ConnectionType(
  'AdviceAndGuidanceWorklist',
  () => AdviceAndGuidanceWorklistItem,
  "A page of the service provider's Advice and Guidance requests worklist (e-RS A023), in e-RS order. " +
    'e-RS returns the whole list; this server pages it, and `totalCount` is the size of the whole list.',
);
