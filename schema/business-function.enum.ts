import { registerEnumType } from 'type-graphql';

/**
 * The e-RS roles (business functions, eRS-BusinessFunction-1) the e-RS API acts in: the values of
 * the NHSD-eRS-Business-Function header. Defined once; the endpoint access table uses these.
 */
export enum BusinessFunction {
  REFERRING_CLINICIAN = 'REFERRING_CLINICIAN',
  REFERRING_CLINICIAN_ADMIN = 'REFERRING_CLINICIAN_ADMIN',
  REFERRING_ADMIN = 'REFERRING_ADMIN',
  COMMISSIONER = 'COMMISSIONER',
  SERVICE_PROVIDER_CLINICIAN_ADMIN = 'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  SERVICE_PROVIDER_CLINICIAN = 'SERVICE_PROVIDER_CLINICIAN',
  SERVICE_PROVIDER_ADMIN = 'SERVICE_PROVIDER_ADMIN',
  INFORMATION_ANALYST = 'INFORMATION_ANALYST',
  BOOKING_MANAGER = 'BOOKING_MANAGER',
  ADDITIONAL_REQUIREMENTS_MANAGER = 'ADDITIONAL_REQUIREMENTS_MANAGER',
}

registerEnumType(BusinessFunction, {
  name: 'BusinessFunction',
  description: 'An e-RS role (business function) the e-RS API acts in: the NHSD-eRS-Business-Function header value.',
  valuesConfig: {
    REFERRING_CLINICIAN: { description: 'Referring clinician.' },
    REFERRING_CLINICIAN_ADMIN: { description: 'Referring clinician admin: acts on behalf of a referring clinician.' },
    REFERRING_ADMIN: { description: 'Referring admin.' },
    COMMISSIONER: { description: 'Commissioner.' },
    SERVICE_PROVIDER_CLINICIAN_ADMIN: { description: 'Service provider clinician admin: acts on behalf of a provider clinician.' },
    SERVICE_PROVIDER_CLINICIAN: { description: 'Service provider clinician.' },
    SERVICE_PROVIDER_ADMIN: { description: 'Service provider admin.' },
    INFORMATION_ANALYST: { description: 'Information analyst.' },
    BOOKING_MANAGER: { description: 'Booking manager.' },
    ADDITIONAL_REQUIREMENTS_MANAGER: { description: 'Additional requirements manager.' },
  },
});
