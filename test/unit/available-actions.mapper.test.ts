import { mapAvailableActions } from '../../datasources/ers/available-actions.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { ReferralAction } from '../../schema/referral-action.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const bundle = (): Json => loadFhirFixture('task.available-actions.bundle.json');
const SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-1';

/** A bundle of one Task per code, as e-RS sends them. */
function tasks(...codings: Json[]): Json {
  const result = bundle();
  const template = result.entry[0];
  result.entry = codings.map((coding, index) => ({
    ...template,
    resource: { ...template.resource, id: `9900000${index}`, code: { coding: [coding] } },
  }));
  return result;
}

describe('mapAvailableActions', () => {
  it('maps known actions in order and keeps unknown codes', () => {
    expect(mapAvailableActions(deepFreeze(bundle()))).toEqual({
      actions: [ReferralAction.CHANGE_SHORTLIST, ReferralAction.CANCEL_REFERRAL],
      unknownCodes: ['SOME_FUTURE_ACTION'],
    });
  });

  it('maps an empty bundle (no action available) to no actions', () => {
    const empty = bundle();
    empty.entry = [];
    expect(mapAvailableActions(empty)).toEqual({ actions: [], unknownCodes: [] });
    delete empty.entry;
    expect(mapAvailableActions(empty)).toEqual({ actions: [], unknownCodes: [] });
  });

  it.each(Object.values(ReferralAction))('maps the spec action %s', (code) => {
    expect(mapAvailableActions(tasks({ system: SYSTEM, code, display: 'x' }))).toEqual({ actions: [code], unknownCodes: [] });
  });

  it('has every action code the spec lists, and only those', () => {
    expect(Object.values(ReferralAction).sort()).toEqual(
      [
        'RECORD_REVIEW_OUTCOME',
        'CREATE_APPOINTMENT',
        'CHANGE_SHORTLIST',
        'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE',
        'CANCEL_REFERRAL',
        'CANCEL_DIRECTLY_BOOKED_APPOINTMENT',
      ].sort(),
    );
  });

  it.each<[string, Json]>([
    ['an R4 system', { system: 'https://fhir.nhs.uk/CodeSystem/eRS-AvailableActionsForUser', code: 'CANCEL_REFERRAL' }],
    ['a -2 system', { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-2', code: 'CANCEL_REFERRAL' }],
    ['no system', { code: 'CANCEL_REFERRAL' }],
    ['a lower-case code', { system: SYSTEM, code: 'cancel_referral' }],
  ])('accepts %s', (_name, coding) => {
    expect(mapAvailableActions(tasks(coding)).actions).toEqual([ReferralAction.CANCEL_REFERRAL]);
  });

  it('ignores codings of other systems', () => {
    expect(mapAvailableActions(tasks({ system: 'https://example.invalid/Other', code: 'CANCEL_REFERRAL' }))).toEqual({
      actions: [],
      unknownCodes: [],
    });
  });

  it('lists each action and unknown code once', () => {
    const coding = { system: SYSTEM, code: 'CANCEL_REFERRAL' };
    const future = { system: SYSTEM, code: 'FUTURE' };
    expect(mapAvailableActions(tasks(coding, future, coding, future))).toEqual({
      actions: [ReferralAction.CANCEL_REFERRAL],
      unknownCodes: ['FUTURE'],
    });
  });

  it('ignores unknown extensions, elements and non-Task entries', () => {
    const input = bundle();
    input.entry[0].resource.extension = [{ url: 'https://example.invalid/Extension-Unknown', valueString: 'x' }];
    input.entry[0].resource.futureElement = true;
    input.entry.push({ resource: { resourceType: 'OperationOutcome', issue: [] } });
    expect(mapAvailableActions(input)).toEqual(mapAvailableActions(bundle()));
  });

  it.each<[string, (b: Json) => void]>([
    ['entry is an object', (b) => (b.entry = b.entry[0])],
    ['entry holds garbage', (b) => b.entry.push(null, 7, { resource: null }, { resource: { resourceType: 'Task' } })],
    ['a Task code is a string', (b) => (b.entry[0].resource.code = 'CANCEL_REFERRAL')],
    ['a Task code has garbage codings', (b) => (b.entry[0].resource.code = { coding: [null, { code: 7 }, { system: SYSTEM }] })],
    ['a Task code is a bare coding', (b) => (b.entry[0].resource.code = { system: SYSTEM, code: 'CHANGE_SHORTLIST' })],
  ])('does not crash when %s', (_name, mutate) => {
    const input = bundle();
    mutate(input);
    const result = mapAvailableActions(input);
    expect(result.actions.every((action) => Object.values(ReferralAction).includes(action))).toBe(true);
    expect(result.unknownCodes.every((code) => typeof code === 'string')).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a Task rather than a Bundle', { resourceType: 'Task' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapAvailableActions(input)).toThrow(FhirMappingError);
  });
});
