import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../kernel/context';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { SdsUserIdScalar, ServiceIdScalar, UbrnScalar, VersionScalar } from '../schema/scalars';
import { AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { ReferralPriority } from '../schema/referral-priority.enum';
import { SlotConnection } from './slot.resolver';
import { badInput, slotSearch } from './slot-search.support';
import { UsesErs } from '../kernel/gate';
import { ReferralAction } from '../schema/referral-action.enum';
import { Appointment } from '../schema/appointment.type';
import { serviceById, servicesByIds } from './healthcare-service.support';
import { Organisation, organisationOf, Patient, patientOf } from '../schema/federation';

/**
 * Referral queries (A005), the links from a referral to other resources (services, appointment, slots,
 * related referrals, the A&G request it came from), and its PDFs as download links (A007, A019).
 */
@Resolver((_of) => Referral)
export class ReferralResolver {
  /** A005: the referral with this UBRN, or one version of its history. */
  @UsesErs('A005')
  @Query((_returns) => Referral, {
    nullable: true,
    description:
      'A referral by its UBRN (e-RS A005). With `version`, that version of the referral ' +
      '(A005 `/_history/{version}`). Unknown UBRN or version: null with a NOT_FOUND error.',
  })
  async referral(
    @Arg('ubrn', (_type) => UbrnScalar, { description: 'The 12-digit UBRN.' })
    ubrn: string,
    @Arg('version', (_type) => VersionScalar, {
      nullable: true,
      description: 'A version number from `Referral.version`; omit for the current version.',
    })
    version: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Referral> {
    return ctx.data.referrals.referral(ubrn, version ?? undefined);
  }

  @FieldResolver((_returns) => UbrnScalar, {
    description:
      'The referral’s id: its UBRN, so normalised client caches (Apollo Client, urql, Relay-style stores) key it ' +
      'without configuration. Every version of a referral has the same id; read past versions (`version:`) without caching them.',
  })
  id(@Root() referral: Referral): string {
    return referral.ubrn;
  }

  @FieldResolver((_returns) => Patient, {
    nullable: true,
    description:
      'The patient, by NHS number (`patientNhsNumber`), at no e-RS call. In a federated supergraph a PDS subgraph adds ' +
      'name and date of birth; here it holds the NHS number only. Null when e-RS names no patient.',
  })
  patient(@Root() referral: Referral): Patient | null {
    return patientOf(referral.patientNhsNumber);
  }

  @FieldResolver((_returns) => Organisation, {
    nullable: true,
    description:
      'The organisation whose commissioning rules apply (`commissioningRuleOrganisationOdsCode`), at no e-RS call; ' +
      'an ODS subgraph adds its name in a supergraph.',
  })
  commissioningRuleOrganisation(@Root() referral: Referral): Organisation | null {
    return organisationOf(referral.commissioningRuleOrganisationOdsCode);
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => [HealthcareService], {
    nullable: 'itemsAndList',
    description:
      'The services on the referral shortlist, in shortlist order (read with e-RS A035, up to 20 services a call, which e-RS allows ' +
      'to referrer roles only: null with FORBIDDEN for other roles; `shortlistEntries` has ids and names for all; ' +
      'asking for `id` alone reads nothing). ' +
      'A service that cannot be read is null, with an error at its position.',
  })
  shortlist(
    @Root() referral: Referral,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Array<HealthcareService | Error>> {
    return servicesByIds(ctx, info, referral.shortlistServiceIds);
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => HealthcareService, {
    nullable: true,
    description: 'The service the referral is booked or deferred to, if any (e-RS A035; asking for `id` alone reads nothing).',
  })
  bookedService(
    @Root() referral: Referral,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HealthcareService | null> {
    return serviceById(ctx, info, referral.bookedServiceId);
  }

  @UsesErs('A029')
  @FieldResolver((_returns) => [ReferralAction], {
    nullable: true,
    description:
      'What the current user may do with this version of the referral now (e-RS A029), e.g. CREATE_APPOINTMENT. ' +
      'Only called when asked for.',
  })
  async availableActions(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<ReferralAction[]> {
    return ctx.data.referrals.availableActions(referral.ubrn, referral.version);
  }

  @UsesErs('A038')
  @FieldResolver((_returns) => Appointment, {
    nullable: true,
    description:
      'The e-RS appointment of the referral (A038), at the version the referral names, with its reasons; null when ' +
      'it has none. `appointmentSummary` holds what the referral itself carries, at no extra cost.',
  })
  async appointment(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Appointment | null> {
    if (!referral.appointmentId) return null;
    return ctx.data.appointments.appointment(referral.appointmentId, referral.appointmentSummary?.version ?? undefined);
  }

  @UsesErs('A005')
  @FieldResolver((_returns) => [Referral], {
    nullable: 'items',
    description:
      'The other referrals of the same pathway (onward referrals), each read with A005 once per request, so a ' +
      'provider can gather the clinical information of the whole pathway in one query.',
  })
  relatedReferrals(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Array<Referral | Error>> {
    return ctx.data.referrals.referrals(referral.relatedReferralUbrns);
  }

  @UsesErs('A041')
  @FieldResolver((_returns) => [ID], {
    nullable: true,
    description: 'The R4 ServiceRequest ids of this referral (e-RS A041), which the R4 endpoints use instead of the UBRN.',
  })
  async serviceRequestIds(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<string[]> {
    return ctx.data.referrals.serviceRequestIds(referral.ubrn);
  }

  @UsesErs('A007')
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'An absolute link to the clinical information summary PDF of the referral ' +
      '(GET /referrals/{ubrn}/clinical-information.pdf, e-RS A007), valid for a few minutes and only for the user ' +
      'and role that asked. It does not include attachments: see `attachments { downloadUrl }`.',
  })
  clinicalInformationUrl(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.documents.url({ kind: 'clinical-information', ubrn: referral.ubrn });
  }

  @UsesErs('A019')
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'An absolute link to a patient letter for the referral (GET /referrals/{ubrn}/patient-letter.pdf, e-RS A019): ' +
      'e-RS generates it when the link is opened, with the referral as it is then and the steps the patient should ' +
      'take. Referrer roles only; valid for a few minutes and only for the user and role that asked.',
  })
  patientLetterUrl(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.documents.url({ kind: 'patient-letter', ubrn: referral.ubrn });
  }

  @UsesErs('A015')
  @FieldResolver((_returns) => SlotConnection, {
    nullable: true,
    description:
      'Free slots of one shortlisted, directly bookable service for this referral (e-RS A015), searched with the ' +
      'referral’s priority and commissioning rule organisation.',
  })
  slots(
    @Root() referral: Referral,
    @Arg('serviceId', (_type) => ServiceIdScalar, { description: 'A directly bookable service on the referral’s shortlist.' })
    serviceId: string,
    @Arg('clinicianUserId', (_type) => SdsUserIdScalar, {
      nullable: true,
      description: 'Only slots of this named clinician (12-digit SDS user id).',
    })
    clinicianUserId: string | undefined,
    @Arg('first', (_type) => Int, { defaultValue: 20, description: 'Slots per page, 1 to 100.' }) first: number,
    @Arg('after', (_type) => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    if (!referral.shortlistServiceIds.includes(serviceId)) throw badInput('serviceId is not on the referral shortlist');
    const priority = referral.priority ?? undefined;
    if (!priority || !Object.values(ReferralPriority).includes(priority))
      throw badInput('the referral has no priority to search slots for');
    if (!referral.commissioningRuleOrganisationOdsCode) throw badInput('the referral has no commissioning rule organisation');
    return ctx.data.appointments.slotPage(
      slotSearch(
        {
          serviceId,
          priority,
          commissioningRuleOrgOdsCode: referral.commissioningRuleOrganisationOdsCode,
          clinicianUserId: clinicianUserId ?? undefined,
        },
        first,
        after ?? undefined,
      ),
    );
  }

  @UsesErs('A024')
  @FieldResolver((_returns) => AdviceAndGuidanceRequest, {
    nullable: true,
    description:
      'The Advice and Guidance request this referral was converted from (e-RS A024, current version); null if it was not converted.',
  })
  async convertedFromAdviceAndGuidance(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<AdviceAndGuidanceRequest | null> {
    if (!referral.convertedFromAdviceAndGuidanceUbrn) return null;
    return ctx.data.adviceAndGuidance.request(referral.convertedFromAdviceAndGuidanceUbrn);
  }
}
