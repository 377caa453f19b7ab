import { registerEnumType } from 'type-graphql';

/** What an e-RS R4 ServiceRequest is (its category, and code for advice and guidance). */
export enum ServiceRequestKind {
  REFERRAL = 'REFERRAL',
  ADVICE_AND_GUIDANCE = 'ADVICE_AND_GUIDANCE',
}

registerEnumType(ServiceRequestKind, {
  name: 'ServiceRequestKind',
  description: 'Whether a request is a referral or an advice and guidance request (one UBRN can have both).',
  valuesConfig: {
    REFERRAL: { description: 'A referral (category "referral").' },
    ADVICE_AND_GUIDANCE: { description: 'An advice and guidance request (category "request", code "advice-and-guidance").' },
  },
});
