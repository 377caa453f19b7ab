import { registerEnumType } from 'type-graphql';

/** FHIR STU3 slot status. TS values are the FHIR codes. */
export enum SlotStatus {
  FREE = 'free',
  BUSY = 'busy',
  BUSY_UNAVAILABLE = 'busy-unavailable',
  BUSY_TENTATIVE = 'busy-tentative',
  ENTERED_IN_ERROR = 'entered-in-error',
}

registerEnumType(SlotStatus, {
  name: 'SlotStatus',
  description: 'Whether an appointment slot can be booked. e-RS slot searches return free slots only.',
  valuesConfig: {
    FREE: { description: 'The slot is free to book.' },
    BUSY: { description: 'The slot is already booked.' },
    BUSY_UNAVAILABLE: { description: 'The slot cannot be booked (e.g. the clinic is closed).' },
    BUSY_TENTATIVE: { description: 'The slot is held but not yet confirmed.' },
    ENTERED_IN_ERROR: { description: 'The slot was recorded by mistake.' },
  },
});
