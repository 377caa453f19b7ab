import { Field, InputType, registerEnumType } from 'type-graphql';
import { OdsCodeScalar } from './scalars';
import { PatientRequestInput, withSearchCriteria } from './search-criteria.inputs';

export enum ServiceSearchRequestType {
  APPOINTMENT_REQUEST = 'APPOINTMENT_REQUEST',
  ADVICE_AND_GUIDANCE_REQUEST = 'ADVICE_AND_GUIDANCE_REQUEST',
}

registerEnumType(ServiceSearchRequestType, {
  name: 'ServiceSearchRequestType',
  description: 'What the services are searched for (eRS-RequestType-1).',
  valuesConfig: {
    APPOINTMENT_REQUEST: { description: 'Services a patient can be referred to.' },
    ADVICE_AND_GUIDANCE_REQUEST: { description: 'Services that give advice and guidance.' },
  },
});

export enum ServiceSearchSort {
  DISTANCE = 'DISTANCE',
  IWT = 'IWT',
}

registerEnumType(ServiceSearchSort, {
  name: 'ServiceSearchSort',
  description: 'How e-RS orders the results (eRS-SortBy-1).',
  valuesConfig: {
    DISTANCE: { description: 'Nearest first.' },
    IWT: { description: 'Shortest indicative appointment wait time first.' },
  },
});

/** A patient service search (A010). */
@InputType('ServiceSearchInput', { description: 'A search for services that meet a patient’s referral needs (e-RS A010).' })
export class ServiceSearchInput extends withSearchCriteria(PatientRequestInput) {
  @Field((_type) => ServiceSearchRequestType, {
    nullable: false,
    defaultValue: ServiceSearchRequestType.APPOINTMENT_REQUEST,
    description: 'Referral or advice and guidance.',
  })
  requestType!: ServiceSearchRequestType;

  @Field((_type) => ServiceSearchSort, { nullable: false, defaultValue: ServiceSearchSort.DISTANCE, description: 'Result order.' })
  sortBy!: ServiceSearchSort;

  @Field((_type) => OdsCodeScalar, { nullable: true, description: 'The commissioning rule organisation (ODS code) to apply.' })
  commissioningRuleOrgOdsCode?: string;
}
