import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { UbrnScalar } from '../schema/scalars';
import { UsesErs } from '../src/auth/gate';

const VERSION = /^\d{1,9}$/;

/** Referral queries (A005) and the links from a referral to other resources. */
@Resolver(_of => Referral)
export class ReferralResolver {
  /** A005: the referral with this UBRN, or one version of its history. */
  @UsesErs('A005')
  @Query(_returns => Referral, {
    nullable: true,
    description:
      'A referral by its UBRN (e-RS A005). With `version`, that version of the referral ' +
      '(A005 `/_history/{version}`). Unknown UBRN or version: null with a NOT_FOUND error.',
  })
  async referral(
    @Arg('ubrn', _type => UbrnScalar, { description: 'The 12-digit UBRN.' })
    ubrn: string,
    @Arg('version', _type => String, {
      nullable: true,
      description: 'A version number from `Referral.version`; omit for the current version.',
    })
    version: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Referral> {
    if (version !== undefined && version !== null && !VERSION.test(version)) {
      throw new GraphQLError('version must be a whole number, e.g. "3"', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return ctx.loaders.referral.load({ ubrn, version: version ?? undefined });
  }

  @UsesErs('A033')
  @FieldResolver(_returns => [HealthcareService], {
    nullable: 'itemsAndList',
    description:
      'The services on the referral shortlist, in shortlist order (each read with e-RS A033, which e-RS allows ' +
      'to referrer roles only: null with FORBIDDEN for other roles; `shortlistEntries` has ids and names for all). ' +
      'A service that cannot be read is null, with an error at its position.',
  })
  shortlist(@Root() referral: Referral, @Ctx() ctx: RequestContext): Promise<Array<HealthcareService | Error>> {
    return ctx.loaders.healthcareService.loadMany(referral.shortlistServiceIds);
  }

  @UsesErs('A033')
  @FieldResolver(_returns => HealthcareService, {
    nullable: true,
    description: 'The service the referral is booked or deferred to, if any (e-RS A033).',
  })
  async bookedService(
    @Root() referral: Referral,
    @Ctx() ctx: RequestContext,
  ): Promise<HealthcareService | null> {
    if (!referral.bookedServiceId) return null;
    return ctx.loaders.healthcareService.load(referral.bookedServiceId);
  }
}
