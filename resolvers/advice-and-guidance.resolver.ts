import { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { UsesErs } from '../kernel/gate';
import { serviceById } from './healthcare-service.support';
import { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { AdviceAndGuidanceWorklistArgs, adviceAndGuidanceWorklistRequest } from '../schema/advice-and-guidance-worklist.args';
import { AdviceAndGuidanceWorklistConnection } from '../schema/advice-and-guidance-worklist.type';
import type { Connection } from '../schema/connection.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { Referral } from '../schema/referral.type';
import { UbrnScalar, VersionScalar } from '../schema/scalars';
import { AdviceAndGuidanceWorklistItem } from '../schema/worklist-item.type';
import { Patient, patientOf } from '../schema/federation';

/** Advice and guidance queries (A024, A023), the links from an A&G request to other resources, and its overview PDF (A043). */
@Resolver((_of) => AdviceAndGuidanceRequest)
export class AdviceAndGuidanceResolver {
  @FieldResolver((_returns) => UbrnScalar, {
    description: 'The A&G request’s id: its UBRN, so normalised client caches key it without configuration (the same for every version).',
  })
  id(@Root() request: AdviceAndGuidanceRequest): string {
    return request.ubrn;
  }

  @FieldResolver((_returns) => Patient, {
    nullable: true,
    description:
      'The patient, by NHS number (`patientNhsNumber`), at no e-RS call. In a federated supergraph a PDS subgraph adds ' +
      'name and date of birth; here it holds the NHS number only. Null when e-RS names no patient.',
  })
  patient(@Root() request: AdviceAndGuidanceRequest): Patient | null {
    return patientOf(request.patientNhsNumber);
  }

  /** A024: the A&G request with this UBRN, or one version of it. */
  @UsesErs('A024')
  @Query((_returns) => AdviceAndGuidanceRequest, {
    nullable: true,
    description:
      'An Advice and Guidance request by its UBRN (e-RS A024). With `version`, that version (A024 `/_history/{version}`; ' +
      'e-RS serves only the current one). Unknown UBRN or version, or the UBRN of a referral: null with a NOT_FOUND error.',
  })
  async adviceAndGuidance(
    @Arg('ubrn', (_type) => UbrnScalar, { description: 'The 12-digit UBRN of the A&G request.' })
    ubrn: string,
    @Arg('version', (_type) => VersionScalar, {
      nullable: true,
      description: 'A version number from `AdviceAndGuidanceRequest.version`; omit for the current version.',
    })
    version: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidanceRequest> {
    return ctx.data.adviceAndGuidance.request(ubrn, version ?? undefined);
  }

  /** A023: the provider's A&G worklist, paged here. */
  @UsesErs('A023')
  @Query((_returns) => AdviceAndGuidanceWorklistConnection, {
    nullable: true,
    description:
      "The service provider's Advice and Guidance requests worklist (e-RS A023; provider roles only), filtered by e-RS. " +
      'e-RS returns the whole list in one call; this server pages it (`first` / `after`, cursors checked against the list: ' +
      'a cursor from a list that has changed since gives BAD_USER_INPUT). Each item links to its request (`adviceAndGuidance`).',
  })
  async adviceAndGuidanceWorklist(
    @Args() args: AdviceAndGuidanceWorklistArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Connection<AdviceAndGuidanceWorklistItem>> {
    const { request, first, after } = adviceAndGuidanceWorklistRequest(args);
    return ctx.data.adviceAndGuidance.worklistPage(request, first, after);
  }

  /** A025: the conversation of this version of the request. */
  @UsesErs('A025')
  @FieldResolver((_returns) => [AdviceAndGuidanceMessage], {
    nullable: true,
    description:
      'The messages between referrer and provider, oldest first, each with its author, organisation, time, text and attachments ' +
      '(e-RS A025, for this version of the request: ask for it on the current version).',
  })
  async conversation(@Root() request: AdviceAndGuidanceRequest, @Ctx() ctx: RequestContext): Promise<AdviceAndGuidanceMessage[]> {
    return ctx.data.adviceAndGuidance.conversation(request);
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => HealthcareService, {
    nullable: true,
    description:
      'The advice service the request was sent to (e-RS A035, which e-RS allows to referrer roles only: null with FORBIDDEN for ' +
      'provider roles; asking for `id` alone reads nothing). `serviceId` and `serviceName` are there for every role.',
  })
  service(
    @Root() request: AdviceAndGuidanceRequest,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HealthcareService | null> {
    return serviceById(ctx, info, request.serviceId);
  }

  @FieldResolver((_returns) => String, {
    nullable: true,
    description: 'The name of the advice service, as the request records it (no extra e-RS call; any role).',
  })
  serviceName(@Root() request: AdviceAndGuidanceRequest): string | null {
    const entry = request.shortlistEntries.find((e) => e.serviceId === request.serviceId) ?? request.shortlistEntries[0];
    return entry?.serviceName ?? null;
  }

  /** A041 (which referral the UBRN became) then A005. */
  @UsesErs('A041', 'A005')
  @FieldResolver((_returns) => Referral, {
    nullable: true,
    description:
      'The referral this request was converted into (e-RS A041 search by UBRN, then A005), or null when it was not converted ' +
      '(no e-RS call unless `conversationStatus` is ADVICE_CONVERTED or unknown) or when the caller may not see that referral.',
  })
  async convertedReferral(@Root() request: AdviceAndGuidanceRequest, @Ctx() ctx: RequestContext): Promise<Referral | null> {
    return ctx.data.adviceAndGuidance.convertedReferral(request);
  }

  @UsesErs('A043')
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'An absolute link to the overview PDF of the advice and guidance request ' +
      '(GET /advice-and-guidance/{ubrn}/overview.pdf, e-RS A043), valid for a few minutes and only for the user ' +
      'and role that asked.',
  })
  overviewUrl(@Root() request: AdviceAndGuidanceRequest, @Ctx() ctx: RequestContext): Promise<string> {
    return ctx.documents.url({ kind: 'advice-overview', ubrn: request.ubrn });
  }
}
