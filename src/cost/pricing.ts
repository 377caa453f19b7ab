import {
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
} from 'graphql';
import type { EndpointId } from '../../datasources/ers/endpoints';
import { CodeSystemType } from '../../schema/code-system-type.enum';

/**
 * The price list of the graph in e-RS calls: the one definition that the estimator
 * (src/cost/estimate.ts), the field descriptions (GraphiQL) and the subgraph SDL's `@cost` /
 * `@listSize` directives (schema/subgraph.graphql) are all made from.
 *
 * Prices are upper bounds of what each field's resolver does (checked against resolvers/):
 * the per-request loaders make the real count lower when the same resource is asked for twice.
 */

/** How many items a list field holds, for prices and for the node count. */
export interface ListSize {
  /** The argument that sets the size (e.g. `first`), with its default and the most the field accepts. */
  slicing?: { argument: string; default: number; max: number };
  /** The size is the length of this list argument (e.g. `ids`). */
  lengthOf?: string;
  /** The most items the field accepts (its resolver refuses more before any call). */
  max?: number;
  /** No argument bounds it: the size assumed, from the e-RS specification or e-RS practice. */
  assumed?: number;
  /** Fields of the returned object that hold the items (a connection's `edges`). */
  sizedFields?: string[];
  /** Why this size (e-RS specification or practice); shown in the field description. */
  why?: string;
}

/** The price of one field: the e-RS calls its resolver makes for each parent object. */
export interface FieldPrice {
  /** Calls per resolved parent object, by endpoint (per item with `perItem`). */
  calls: Partial<Record<EndpointId, number>>;
  /** The calls are made once per item of the list (each related referral read with A005). */
  perItem?: boolean;
  /** One call serves this many items of a list argument (A035: up to 20 ids a call). */
  batchOf?: number;
  /**
   * Calls made at most once per request whatever the query shape: A030 (the caller's roles) and
   * A004 (reference data, once per code system). Priced once per operation, not per occurrence.
   */
  oncePerRequest?: 'A030' | 'A004';
  /** A link: no e-RS call while the query runs; opening the link makes one call to this endpoint. */
  link?: EndpointId;
  /** Some calls happen only on some paths (a booking reads pages of slots until it finds its slot): the price is the most. */
  upTo?: boolean;
  /** A link back to the object the parent was read from, already loaded: its endpoint costs nothing here. */
  backLink?: string;
  /** The parent holds the linked object's id: asking for `id` (and `__typename`) alone makes no call. */
  idFromParent?: true;
  /** The list this field returns. */
  list?: ListSize;
}

const SHORTLIST_MAX: ListSize = { assumed: 20, why: 'a shortlist holds at most 20 services, per eRS-Shortlist-List' };
const WORKLIST_PAGE: ListSize = { slicing: { argument: 'first', default: 50, max: 500 }, sizedFields: ['edges'] };
const SLOT_PAGE: ListSize = { slicing: { argument: 'first', default: 20, max: 100 }, sizedFields: ['edges'] };

/**
 * Every field that calls e-RS (or links to a call), with what its resolver really does. A unit
 * test checks that this table covers every field whose schema extensions name e-RS endpoints.
 */
export const FIELD_PRICES: Readonly<Record<string, FieldPrice>> = {
  // --- Root queries
  'Query.referral': { calls: { A005: 1 } },
  'Query.adviceAndGuidance': { calls: { A024: 1 } },
  'Query.adviceAndGuidanceWorklist': { calls: { A023: 1 }, list: WORKLIST_PAGE },
  'Query.appointment': { calls: { A038: 1 } },
  'Query.appointmentSlots': { calls: { A015: 1 }, list: SLOT_PAGE },
  'Query.codeSystem': { calls: {}, oncePerRequest: 'A004' },
  'Query.healthcareService': { calls: { A035: 1 } },
  'Query.healthcareServiceVersion': { calls: { A037: 1 } },
  'Query.healthcareServices': { calls: { A035: 1 }, batchOf: 20, list: { lengthOf: 'ids', max: 20 } },
  'Query.me': { calls: {}, oncePerRequest: 'A030' },
  'Query.referralWorklist': { calls: { A008: 1 }, list: WORKLIST_PAGE },
  'Query.serviceSearch': { calls: { A010: 1 }, list: { assumed: 20, why: 'e-RS returns at most 20 services' } },
  // --- Links between objects
  // A025 is searched by the request's version (based-on), so every message names the version it was read from.
  'AdviceAndGuidanceMessage.adviceAndGuidance': { calls: { A024: 0 }, backLink: 'the A&G request (A024) the conversation was read from' },
  'AdviceAndGuidanceRequest.conversation': {
    calls: { A025: 1 },
    list: { assumed: 20, why: 'e-RS sets no limit; 20 messages is a long exchange' },
  },
  'AdviceAndGuidanceRequest.convertedReferral': { calls: { A041: 1, A005: 1 }, upTo: true },
  'AdviceAndGuidanceRequest.overviewUrl': { calls: {}, link: 'A043' },
  'AdviceAndGuidanceRequest.service': { calls: { A035: 1 }, idFromParent: true },
  'AdviceAndGuidanceWorklistItem.adviceAndGuidance': { calls: { A024: 1 } },
  'AppointmentSlotIssueWorklistItem.referral': { calls: { A005: 1 } },
  'LettersOutstandingWorklistItem.referral': { calls: { A005: 1 } },
  'OtherWorklistItem.referral': { calls: { A005: 1 } },
  'ReferralForReviewWorklistItem.referral': { calls: { A005: 1 } },
  'ReferralStatusWorklistItem.referral': { calls: { A005: 1 } },
  'Appointment.referral': { calls: { A005: 1 } },
  'Appointment.service': { calls: { A035: 1 }, idFromParent: true },
  'Attachment.downloadUrl': { calls: {}, link: 'A042' },
  'Code.display': { calls: {}, oncePerRequest: 'A004' },
  'Me.activeRole': { calls: {}, oncePerRequest: 'A030' },
  'Me.roles': { calls: {}, oncePerRequest: 'A030', list: { assumed: 10, why: 'roles of one user' } },
  'Me.onBehalfOfCandidates': { calls: { A040: 1 }, list: { assumed: 50, why: 'clinicians an admin may act for' } },
  'Referral.appointment': { calls: { A038: 1 } },
  'Referral.availableActions': { calls: { A029: 1 } },
  'Referral.bookedService': { calls: { A035: 1 }, idFromParent: true },
  'Referral.clinicalInformationUrl': { calls: {}, link: 'A007' },
  'Referral.convertedFromAdviceAndGuidance': { calls: { A024: 1 } },
  'Referral.patientLetterUrl': { calls: {}, link: 'A019' },
  'Referral.relatedReferrals': {
    calls: { A005: 1 },
    perItem: true,
    list: { assumed: 10, why: 'e-RS sets no limit on a pathway; 10 onward referrals is a long one' },
  },
  'Referral.serviceRequestIds': { calls: { A041: 1 } },
  // One A035 reads a whole shortlist (at most 20 services); the loader joins shortlists of many referrals too.
  'Referral.shortlist': { calls: { A035: 1 }, idFromParent: true, list: SHORTLIST_MAX },
  'Referral.slots': { calls: { A015: 1 }, list: SLOT_PAGE },
  'ServiceSearchResult.service': { calls: { A035: 1 }, idFromParent: true },
  'Slot.service': { calls: { A035: 1 }, idFromParent: true },
  // --- Mutations: the write, the reads it needs first, and the re-read of the result only where e-RS answers
  // without it (`writtenResource` in datasources/referrals.datasource.ts has the table per endpoint).
  'Mutation.acceptReferral': { calls: { A013: 1 } },
  'Mutation.rejectReferral': { calls: { A014: 1 } },
  'Mutation.recordTriageOutcome': { calls: { A028: 1 } },
  'Mutation.cancelReferral': { calls: { A036: 1 } },
  'Mutation.attachReferralLetters': { calls: { A012: 1 } },
  'Mutation.cancelAppointmentActionLater': { calls: { A022: 1 } },
  'Mutation.changeShortlist': { calls: { A031: 1 } },
  'Mutation.changeShortlistAndSendForTriage': { calls: { A032: 1 } },
  'Mutation.createReferral': { calls: { A011: 1 } },
  'Mutation.createReferralAndSendForTriage': { calls: { A021: 1 } },
  'Mutation.deferAppointment': { calls: { A005: 2, A016: 1 } },
  'Mutation.sendReferralForTriage': { calls: { A005: 2, A016: 1 } },
  // A015 cannot be asked for one slot: its pages are read until the slot is found (MAX_SLOT_PAGES in referrals.datasource.ts).
  'Mutation.bookAppointment': { calls: { A005: 2, A015: 20, A016: 1 }, upTo: true },
  'Mutation.cancelAppointment': { calls: { A005: 2, A038: 1, A034: 1 } },
  'Mutation.createAdviceAndGuidance': { calls: { A044: 1 } },
  'Mutation.respondToAdviceAndGuidance': { calls: { A026: 1 } },
  'Mutation.convertAdviceAndGuidanceToReferral': { calls: { A027: 1, A024: 1 } },
  'Mutation.uploadAttachment': { calls: { A020: 1 } },
};

/** Most items assumed for a list field with no entry here (codes, attachments, contacts of one record). */
export const DEFAULT_LIST_SIZE = 10;

/** Sizes of lists that call nothing themselves but multiply what is asked under them. */
export const LIST_SIZES: Readonly<Record<string, ListSize>> = {
  'Referral.shortlistEntries': SHORTLIST_MAX,
  'AdviceAndGuidanceRequest.shortlistEntries': { assumed: 1, why: 'an A&G request goes to one service (A044)' },
  'CodeSystem.concepts': { assumed: 1000, why: 'the largest e-RS code system (CLINIC-TYPE) has hundreds of concepts' },
};

/** The federation field a gateway or router reads entities with (schema/federation/subgraph.ts). */
export const ENTITIES_FIELD = '_entities';

/**
 * Each entity type `_entities` resolves, priced as the root field that reads one, as its reference
 * resolver reads it (resolvers/entity-references.ts): N distinct Referrals cost N A005, N services
 * ceil(N / 20) A035.
 */
export const ENTITY_READS: Readonly<Record<string, string>> = {
  Referral: 'Query.referral',
  AdviceAndGuidanceRequest: 'Query.adviceAndGuidance',
  HealthcareService: 'Query.healthcareServices',
  Appointment: 'Query.appointment',
};

/** Whether `type.field` is the subgraph's `_entities` (on the Query type). */
export function isEntitiesField(schema: GraphQLSchema, type: GraphQLNamedType, fieldName: string): boolean {
  return fieldName === ENTITIES_FIELD && type === schema.getQueryType();
}

/**
 * The e-RS calls of reading these representations: per entity type, one read of the type's price
 * per distinct representation (the loaders read each key once per request), batched where the read
 * batches (A035). A representation of a type ers-graph does not resolve reads nothing (it is refused).
 */
export function entityCalls(representations: unknown): number {
  if (!Array.isArray(representations)) return 0;
  const distinct = new Map<string, Set<string>>();
  for (const representation of representations) {
    const typename = (representation as { __typename?: unknown } | null)?.__typename;
    if (typeof typename !== 'string' || !Object.hasOwn(ENTITY_READS, typename)) continue;
    const keys = distinct.get(typename) ?? new Set<string>();
    keys.add(JSON.stringify(representation));
    distinct.set(typename, keys);
  }
  let calls = 0;
  for (const [typename, keys] of distinct) {
    const price = FIELD_PRICES[ENTITY_READS[typename]];
    calls += price.batchOf ? ownCalls(price, keys.size) : keys.size * ownCalls(price, 1);
  }
  return calls;
}

/** Code systems A004 serves: reference data is read at most once per code system per request. */
export const CODE_SYSTEM_COUNT = Object.keys(CodeSystemType).length;

/** The price of `type.field`; for an interface, the highest price among its implementations. */
export function priceOf(schema: GraphQLSchema, type: GraphQLNamedType, fieldName: string): FieldPrice | undefined {
  const own = FIELD_PRICES[`${type.name}.${fieldName}`];
  if (own || !isAbstractType(type)) return own;
  let highest: FieldPrice | undefined;
  for (const possible of schema.getPossibleTypes(type)) {
    const price = FIELD_PRICES[`${possible.name}.${fieldName}`];
    if (price && (!highest || totalCalls(price) > totalCalls(highest))) highest = price;
  }
  return highest;
}

function totalCalls(price: FieldPrice): number {
  return Object.values(price.calls).reduce((sum, n) => sum + (n ?? 0), 0);
}

/** The size of a list field's answer (1 for a single object), from its arguments when they set it. */
export function listSizeOf(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number {
  // `_entities` holds one entity per representation.
  if (isEntitiesField(schema, type, field.name)) return Array.isArray(args.representations) ? args.representations.length : 1;
  const size = priceOf(schema, type, field.name)?.list ?? LIST_SIZES[`${type.name}.${field.name}`];
  if (size?.slicing) {
    const given = args[size.slicing.argument];
    const value = typeof given === 'number' && Number.isFinite(given) ? given : size.slicing.default;
    // More than the field accepts is refused by its resolver before any call.
    return Math.max(0, Math.min(Math.floor(value), size.slicing.max));
  }
  if (size?.lengthOf) {
    const given = args[size.lengthOf];
    return Array.isArray(given) ? given.length : 1;
  }
  if (size?.assumed !== undefined) return size.assumed;
  // A connection's items were counted by the field that returned it (`first`).
  if (type.name.endsWith('Connection') && field.name === 'edges') return 1;
  return isListType(getNullableType(field.type)) ? DEFAULT_LIST_SIZE : 1;
}

/** The e-RS calls a field makes itself for one parent object (once-per-request calls excluded). */
export function ownCalls(price: FieldPrice, listSize: number): number {
  const calls = totalCalls(price);
  if (price.batchOf) return Math.ceil(listSize / price.batchOf) * calls;
  return price.perItem ? calls * listSize : calls;
}

function callList(calls: FieldPrice['calls']): string {
  return Object.entries(calls)
    .map(([endpoint, n]) => (n === 1 ? endpoint : `${endpoint} x${n}`))
    .join(', ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What one parent object of each type is called in a price sentence. */
const UNIT: Record<string, string> = {
  Referral: 'referral',
  AdviceAndGuidanceRequest: 'A&G request',
  AdviceAndGuidanceMessage: 'message',
  Appointment: 'appointment',
  Attachment: 'attachment',
  ServiceSearchResult: 'search result',
  Slot: 'slot',
};

function unitOf(typeName: string): string {
  if (typeName.endsWith('WorklistItem')) return 'worklist item';
  return UNIT[typeName] ?? typeName;
}

/** The sentence a field's description ends with, saying what it costs in e-RS calls. */
export function costSentence(typeName: string, fieldName: string): string | undefined {
  const price = FIELD_PRICES[`${typeName}.${fieldName}`];
  if (!price) return undefined;
  // Query, Mutation and Me (reached only from Query.me) are priced per occurrence in the operation.
  const per = ['Query', 'Mutation', 'Me'].includes(typeName) ? '' : ` per ${unitOf(typeName)}`;
  if (price.link) return `Cost: no e-RS call here; opening the link makes 1 (${price.link}).`;
  if (price.oncePerRequest === 'A004') {
    const none = typeName === 'Code' ? ', none when e-RS sent the text' : '';
    return `Cost: at most 1 e-RS call (A004) per code system per request${none}.`;
  }
  if (price.oncePerRequest === 'A030') return "Cost: at most 1 e-RS call (A030, the caller's roles) per request.";
  if (price.backLink) return `Cost: no e-RS call: ${price.backLink} is already loaded.`;
  const n = totalCalls(price);
  const endpoints = callList(price.calls);
  const list = price.list ?? LIST_SIZES[`${typeName}.${fieldName}`];
  const why = list?.why ? ` (${list.why})` : '';
  if (price.batchOf) return `Cost: ${plural(n, 'e-RS call')} (${endpoints}) per ${price.batchOf} ids.`;
  if (price.perItem) {
    return `Cost: ${plural(n, 'e-RS call')} (${endpoints}) per item${per}, priced as ${list?.assumed} items${why}; each distinct one is read once per request.`;
  }
  const upTo = price.upTo ? 'up to ' : '';
  const idOnly = price.idFromParent ? '; none when only `id` is asked for' : '';
  const sized = list?.slicing
    ? `; the fields under it are priced once per item of the page (\`${list.slicing.argument}\`)`
    : list?.assumed !== undefined
      ? `; the fields under it are priced for ${list.assumed} items${why}`
      : '';
  return `Cost: ${upTo}${plural(n, 'e-RS call')} (${endpoints})${per}${idOnly}${sized}.`;
}

/**
 * Ends the description of every priced field with its cost sentence, so GraphiQL and the
 * emitted SDL show the same prices the estimator uses. type-graphql has no hook for this, so the
 * built schema's field descriptions are extended in place, once, before the schema is used.
 */
export function describePrices(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const sentence = isInterfaceType(type) ? interfaceSentence(schema, type.name, field.name) : costSentence(type.name, field.name);
      if (!sentence || field.description?.includes(sentence)) continue;
      field.description = field.description ? `${field.description} ${sentence}` : sentence;
    }
  }
  return schema;
}

/** An interface field's sentence: the one its implementations share, if they all agree. */
function interfaceSentence(schema: GraphQLSchema, typeName: string, fieldName: string): string | undefined {
  const type = schema.getType(typeName);
  if (!type || !isAbstractType(type)) return undefined;
  const sentences = new Set(schema.getPossibleTypes(type).map((t) => costSentence(t.name, fieldName)));
  return sentences.size === 1 ? [...sentences][0] : undefined;
}

/** Whether a field's answer holds objects (counted by the node limit). */
export function holdsObjects(field: GraphQLField<unknown, unknown>): boolean {
  return isCompositeType(getNamedType(field.type));
}
