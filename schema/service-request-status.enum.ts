import { registerEnumType } from 'type-graphql';

/** FHIR R4 ServiceRequest status as e-RS uses it (eRS-ServiceRequest). TS values are the FHIR codes. */
export enum ServiceRequestStatus {
  ACTIVE = 'active',
  COMPLETED = 'completed',
  DRAFT = 'draft',
  REVOKED = 'revoked',
}

registerEnumType(ServiceRequestStatus, {
  name: 'ServiceRequestStatus',
  description: 'Where a referral or advice and guidance request is in its life, as e-RS reports it over FHIR R4.',
  valuesConfig: {
    ACTIVE: { description: 'Ready to be acted upon.' },
    COMPLETED: { description: 'Fully performed; no further activity will occur.' },
    DRAFT: { description: 'Incomplete, not yet ready to be processed (e-RS does not return this yet).' },
    REVOKED: { description: 'Terminated; no further activity will occur.' },
  },
});
