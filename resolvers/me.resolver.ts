import { Ctx, Extensions, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { ActiveRoleType, AuthModeValue, CallerKind, Me } from '../schema/me.type';
import { UserRole } from '../schema/user-role.type';
import { OnBehalfOfUser } from '../schema/on-behalf-of-user.type';
import { BusinessFunction } from '../schema/business-function.enum';
import { ERS_ENDPOINTS_EXTENSION } from '../kernel/gate';

/** `Query.me`: who is calling, their e-RS roles (A030) and on-behalf-of candidates (A040). */
@Resolver((_of) => Me)
export class MeResolver {
  @Query((_returns) => Me, {
    nullable: false,
    description: 'The caller: identity and assurance, e-RS roles (A030), the role in use, on-behalf-of candidates (A040).',
  })
  async me(@Ctx() ctx: RequestContext): Promise<Me> {
    const identity = ctx.auth.requireIdentity();
    const mode = ctx.auth.mode as AuthModeValue;
    if (identity.kind === 'application') {
      return {
        kind: CallerKind.APPLICATION,
        mode,
        userId: null,
        applicationId: identity.subject,
        displayName: null,
        identityAssuranceLevel: null,
        authenticationAssuranceLevel: null,
      };
    }
    // In apim mode the token is opaque: who it belongs to is learned from A030.
    const userId = identity.userId ?? (await ctx.auth.roles()).find((role) => role.userId)?.userId ?? null;
    return {
      kind: CallerKind.USER,
      mode,
      userId,
      applicationId: null,
      displayName: identity.name ?? null,
      identityAssuranceLevel: identity.identityAssuranceLevel ?? null,
      authenticationAssuranceLevel: identity.authenticationAssuranceLevel ?? null,
    };
  }

  @Extensions({ [ERS_ENDPOINTS_EXTENSION]: ['A030'] })
  @FieldResolver((_returns) => [UserRole], {
    nullable: false,
    description: 'Every e-RS role the user holds, per organisation (A030). Empty for applications.',
  })
  async roles(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<UserRole[]> {
    if (me.kind === CallerKind.APPLICATION) return [];
    await ctx.auth.authorize(['A030']);
    return ctx.auth.roles();
  }

  @Extensions({ [ERS_ENDPOINTS_EXTENSION]: ['A030'] })
  @FieldResolver((_returns) => ActiveRoleType, {
    nullable: true,
    description:
      'The role this request acts in: the NHSD-* request headers, or the only role the user holds. Null when ' +
      'the user holds several and the request chose none.',
  })
  async activeRole(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<ActiveRoleType | null> {
    if (me.kind === CallerKind.APPLICATION) return null;
    const role = await ctx.auth.activeRoleIfAny();
    return role
      ? { ...role, businessFunction: role.businessFunction as BusinessFunction, onBehalfOfUserId: role.onBehalfOfUserId ?? null }
      : null;
  }

  @Extensions({ [ERS_ENDPOINTS_EXTENSION]: ['A040'] })
  @FieldResolver((_returns) => [OnBehalfOfUser], {
    nullable: true,
    description:
      'When the role in use is SERVICE_PROVIDER_CLINICIAN_ADMIN: the clinicians it may act for (A040); send one ' +
      'as NHSD-eRS-On-Behalf-Of-User-ID. Null for other roles.',
  })
  async onBehalfOfCandidates(@Root() me: Me, @Ctx() ctx: RequestContext): Promise<OnBehalfOfUser[] | null> {
    if (me.kind === CallerKind.APPLICATION) return null;
    const role = await ctx.auth.activeRoleIfAny();
    if (role?.businessFunction !== 'SERVICE_PROVIDER_CLINICIAN_ADMIN') return null;
    await ctx.auth.authorize(['A040']);
    return ctx.data.identity.onBehalfOfUsers();
  }
}
