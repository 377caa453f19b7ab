import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../kernel/context';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { UbrnScalar, VersionScalar } from '../schema/scalars';
import { UsesErs } from '../kernel/gate';
import { ReferralAction } from '../schema/referral-action.enum';
import { Appointment } from '../schema/appointment.type';
import { serviceById, servicesByIds } from './healthcare-service.support';

/** Referral queries (A005), the links from a referral to other resources, and its PDFs as download links (A007, A019). */
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
  @FieldResolver((_returns) => [String], {
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
}
