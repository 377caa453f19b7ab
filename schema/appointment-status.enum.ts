import { registerEnumType } from 'type-graphql';

/** FHIR STU3 appointment status. TS values are the FHIR codes. */
export enum AppointmentStatus {
  PROPOSED = 'proposed',
  PENDING = 'pending',
  BOOKED = 'booked',
  ARRIVED = 'arrived',
  FULFILLED = 'fulfilled',
  CANCELLED = 'cancelled',
  NOSHOW = 'noshow',
  ENTERED_IN_ERROR = 'entered-in-error',
}

registerEnumType(AppointmentStatus, {
  name: 'AppointmentStatus',
  description: 'The FHIR status of an appointment.',
  valuesConfig: {
    PROPOSED: { description: 'Not booked yet: e.g. deferred to the provider to arrange.' },
    PENDING: { description: 'Some participants have not yet confirmed.' },
    BOOKED: { description: 'A date and time is booked.' },
    ARRIVED: { description: 'The patient has arrived.' },
    FULFILLED: { description: 'The appointment took place.' },
    CANCELLED: { description: 'The appointment was cancelled.' },
    NOSHOW: { description: 'The patient did not attend.' },
    ENTERED_IN_ERROR: { description: 'The appointment was recorded by mistake.' },
  },
});
