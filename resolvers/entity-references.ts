import type { RequestContext } from '../kernel/context';
import type { EndpointId } from '../datasources/ers/endpoints';
import type { ReferenceResolver } from '../schema/federation';
import { APPOINTMENT_ID, SERVICE_ID, UBRN, assertIdentifier, type IdentifierFormat } from '../schema/scalars';

/** An entity ers-graph owns, as `_entities` reads it: its `@key` field and the read behind it. */
export interface OwnedEntity {
  /** The `@key` field (the type class carries `@EntityKey` with the same field). */
  key: string;
  /** The key's identifier format, checked before any e-RS call (BAD_USER_INPUT, the value never echoed). */
  format: IdentifierFormat;
  /** The e-RS endpoints of the read: the same gate as the root field that reads one. */
  endpoints: EndpointId[];
  /** The read, through the request's data sources and loaders (so repeats and batches cost what they cost in the graph). */
  read(ctx: RequestContext, key: string): Promise<unknown>;
}

/**
 * The entities a gateway or router can ask ers-graph for (`_entities`), each read exactly as its
 * root field reads it: Referral as `referral(ubrn)` (A005, once per UBRN per request),
 * AdviceAndGuidanceRequest as `adviceAndGuidance(ubrn)` (A024), HealthcareService as
 * `healthcareService(id)` (A035, 20 ids a call through the batch loader), Appointment as
 * `appointment(id)` (A038, its current version).
 */
export const OWNED_ENTITIES: Readonly<Record<string, OwnedEntity>> = {
  Referral: { key: 'ubrn', format: UBRN, endpoints: ['A005'], read: (ctx, ubrn) => ctx.data.referrals.referral(ubrn) },
  AdviceAndGuidanceRequest: {
    key: 'ubrn',
    format: UBRN,
    endpoints: ['A024'],
    read: (ctx, ubrn) => ctx.data.adviceAndGuidance.request(ubrn),
  },
  HealthcareService: { key: 'id', format: SERVICE_ID, endpoints: ['A035'], read: (ctx, id) => ctx.data.directory.service(id) },
  Appointment: { key: 'id', format: APPOINTMENT_ID, endpoints: ['A038'], read: (ctx, id) => ctx.data.appointments.appointment(id) },
};

/**
 * The reference resolver of an owned entity: the role gate first (UNAUTHENTICATED / FORBIDDEN
 * with no e-RS call, as for the root field), then the key's format, then the read.
 */
export function referenceResolver(entity: OwnedEntity): ReferenceResolver<RequestContext> {
  return async (representation, ctx) => {
    await ctx.auth.authorize(entity.endpoints);
    const key = assertIdentifier(entity.format, representation[entity.key], `representations.${entity.key}`);
    return entity.read(ctx, key);
  };
}

/** Every owned entity's reference resolver, by type name. */
export function referenceResolvers(): Record<string, ReferenceResolver<RequestContext>> {
  return Object.fromEntries(Object.entries(OWNED_ENTITIES).map(([name, entity]) => [name, referenceResolver(entity)]));
}
