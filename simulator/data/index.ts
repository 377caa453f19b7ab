export * from './world';
export {
  buildWorld,
  anchorFor,
  DEFAULT_SEED,
  COMMISSIONER_ODS_CODE,
  PROVIDER_ODS_CODE,
  REFERRER_ODS_CODE,
  STATE_COUNTS,
  type WorldOptions,
} from './seed';
export { isValidNhsNumber, nhsNumberCheckDigit } from './nhs-number';
export { CODE_SYSTEM_TYPES, type CodeSystemType, type ReferenceData } from './reference-data';
export {
  businessFunctionsAt,
  DEFAULT_ASSURANCE,
  devUsers,
  formatDevUsers,
  holdsRole,
  type DevUserSummary,
  type SimulatorUser,
} from './identity-users';
