/**
 * The schema's consistency rules (issue: a front-end developer's first hour), read from the
 * emitted SDL (drift-checked against the code): one name and one type per identifier, an `id`
 * for normalised caches, enums for closed value sets (the same in and out), Date and DateTime
 * apart, and mutations that fail alone.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import {
  buildSchema,
  getNamedType,
  GraphQLField,
  GraphQLInputField,
  GraphQLNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  GraphQLType,
} from 'graphql';

const schema = buildSchema(readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8'));

type AnyField = { where: string; name: string; type: GraphQLType; description?: string | null; output: boolean };

function fields(): AnyField[] {
  const found: AnyField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields()) as Array<GraphQLField<unknown, unknown>>) {
        found.push({
          where: `${type.name}.${field.name}`,
          name: field.name,
          type: field.type,
          description: field.description,
          output: true,
        });
        for (const arg of field.args) {
          found.push({ where: `${type.name}.${field.name}(${arg.name})`, name: arg.name, type: arg.type, output: false });
        }
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields()) as GraphQLInputField[]) {
        found.push({
          where: `${type.name}.${field.name}`,
          name: field.name,
          type: field.type,
          description: field.description,
          output: false,
        });
      }
    }
  }
  return found;
}

const ALL = fields();
const named = (type: GraphQLType): GraphQLNamedType => getNamedType(type);
const isList = (type: GraphQLType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/** Identifier kinds: the field names that hold one, and its one scalar. */
const IDENTIFIERS: Array<{ kind: string; names: RegExp; scalar: string }> = [
  { kind: 'service', names: /^(serviceId|\w+ServiceId|serviceIds|\w+ServiceIds)$/, scalar: 'ServiceId' },
  { kind: 'user', names: /^(userId|\w+UserId|userIds|\w+UserIds)$/, scalar: 'SdsUserId' },
  { kind: 'organisation', names: /^(odsCode|\w+OdsCode|odsCodes|\w+OdsCodes)$/, scalar: 'OdsCode' },
  { kind: 'referral or A&G request', names: /^(ubrn|\w+Ubrn|ubrns|\w+Ubrns)$/, scalar: 'UBRN' },
  { kind: 'appointment', names: /^(appointmentId|appointmentIds)$/, scalar: 'AppointmentId' },
  { kind: 'slot', names: /^(slotId|slotIds)$/, scalar: 'SlotId' },
];

/** The `id` of each object type with an identity, and its type. */
const IDS: Record<string, string> = {
  Referral: 'UBRN',
  AdviceAndGuidanceRequest: 'UBRN',
  HealthcareService: 'ServiceId',
  Appointment: 'AppointmentId',
  Slot: 'SlotId',
  Attachment: 'ID',
  AdviceAndGuidanceMessage: 'ID',
};

describe('schema consistency', () => {
  it('reads the schema it checks', () => {
    expect(ALL.length).toBeGreaterThan(300);
  });

  it.each(IDENTIFIERS)('gives every $kind identifier, in and out, the one scalar $scalar', ({ names, scalar }) => {
    const wrong = ALL.filter((f) => names.test(f.name) && named(f.type).name !== scalar).map((f) => `${f.where}: ${String(f.type)}`);
    expect(wrong).toEqual([]);
    expect(ALL.filter((f) => names.test(f.name)).length).toBeGreaterThan(0);
  });

  it('names every user and organisation field for what it holds: an SDS user id field ends in UserId, an ODS code field in OdsCode', () => {
    const outputs = ALL.filter((f) => f.output && f.description);
    const users = outputs.filter((f) => /^SDS user id/i.test(f.description!) && !/UserIds?$|^userId$/.test(f.name));
    const organisations = outputs.filter((f) => /^ODS code/i.test(f.description!) && !/OdsCodes?$|^odsCode$/.test(f.name));
    expect([...users, ...organisations].map((f) => f.where)).toEqual([]);
  });

  it.each(Object.entries(IDS))('gives %s an id of type %s for normalised caches', (typeName, scalar) => {
    const type = schema.getType(typeName);
    expect(isObjectType(type)).toBe(true);
    const id = isObjectType(type) ? type.getFields().id : undefined;
    expect(id && named(id.type).name).toBe(scalar);
  });

  it('has no String field named like an identifier', () => {
    const stringIds = ALL.filter((f) => /^id$|Id$|Ids$/.test(f.name) && named(f.type).name === 'String').map((f) => f.where);
    expect(stringIds).toEqual([]);
  });

  it('uses the same enum in and out: an output field named like an enum input has that enum', () => {
    // `type` and `reason` name different things in different places (a worklist's type, an attachment's;
    // the reasons a user may give, the wider set e-RS reports), so they are not one value set.
    const GENERIC = new Set(['type', 'reason']);
    const inputs = new Map<string, string>();
    for (const f of ALL.filter((f) => !f.output && isEnumType(named(f.type)) && !GENERIC.has(f.name)))
      inputs.set(f.name, named(f.type).name);
    expect(inputs.get('priority')).toBe('ReferralPriority');
    const differ = ALL.filter((f) => f.output && inputs.has(f.name) && named(f.type).name !== inputs.get(f.name)).map(
      (f) => `${f.where}: ${named(f.type).name}, input ${inputs.get(f.name)}`,
    );
    expect(differ).toEqual([]);
  });

  it.each([
    ['priority', 'ReferralPriority'],
    ['businessFunction', 'BusinessFunction'],
    ['conversationStatus', 'AdviceAndGuidanceConversationStatus'],
    ['sentBy', 'CommunicationSentBy'],
    ['referralType', 'ReferralType'],
    ['reviewStatus', 'ReviewStatus'],
    ['clinicalInformationStatus', 'ClinicalInformationStatus'],
  ])('gives every %s field the closed value set %s, never a Code or String', (name, enumName) => {
    const found = ALL.filter((f) => f.output && f.name === name);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((f) => named(f.type).name !== enumName).map((f) => f.where)).toEqual([]);
  });

  it('gives every status field an enum', () => {
    const statuses = ALL.filter((f) => f.output && /^status$|Status$/.test(f.name));
    expect(statuses.filter((f) => !isEnumType(named(f.type))).map((f) => `${f.where}: ${String(f.type)}`)).toEqual([]);
  });

  it('keeps Date and DateTime apart: days are Dates, and a Date field is described as a day', () => {
    expect(schema.getType('Date')).toBeDefined();
    expect(schema.getType('DateTime')).toBeDefined();
    const dated = ALL.filter((f) => f.output && ['Date', 'DateTime'].includes(named(f.type).name));
    const daysAsMoments = dated.filter(
      (f) => named(f.type).name === 'DateTime' && /\b(a date|the day|day by)\b/i.test(f.description ?? ''),
    );
    const momentsAsDays = dated.filter((f) => named(f.type).name === 'Date' && !/\bday\b/i.test(f.description ?? ''));
    expect([...daysAsMoments, ...momentsAsDays].map((f) => f.where)).toEqual([]);
    for (const day of [
      'LettersOutstandingWorklistItem.letterDue',
      'AppointmentSlotIssueWorklistItem.patientContactExpected',
      'Attachment.created',
    ]) {
      expect(dated.find((f) => f.where === day) && named(dated.find((f) => f.where === day)!.type).name).toBe('Date');
    }
  });

  it('lets a mutation fail alone: every mutation field is nullable', () => {
    const mutation = schema.getMutationType()!;
    const nonNull = Object.values(mutation.getFields()).filter((f) => isNonNullType(f.type));
    expect(Object.keys(mutation.getFields()).length).toBeGreaterThan(10);
    expect(nonNull.map((f) => f.name)).toEqual([]);
  });

  it('offers the referral link only on referral worklist items', () => {
    const aAndG = schema.getType('AdviceAndGuidanceWorklistItem');
    expect(isObjectType(aAndG) && aAndG.getFields().referral).toBeUndefined();
    const referralItems = schema.getType('ReferralWorklistItem');
    expect(isInterfaceType(referralItems) && referralItems.getFields().referral).toBeDefined();
    expect(isList(schema.getQueryType()!.getFields().referralWorklist.type)).toBe(false);
  });

  it('promises no link that is not there: a description naming a field `x` of its own type has that field', () => {
    const broken: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
      const own = type.getFields();
      for (const field of Object.values(own)) {
        const promised = /also links `(\w+)`/.exec(field.description ?? '');
        if (promised && !own[promised[1]]) broken.push(`${type.name}.${field.name} -> ${promised[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
