import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../kernel/context';
import { Appointment } from '../schema/appointment.type';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { UsesErs } from '../kernel/gate';
import { serviceById } from './healthcare-service.support';
import { AppointmentIdScalar, VersionScalar } from '../schema/scalars';

/** Appointments (A038) and their links. */
@Resolver((_of) => Appointment)
export class AppointmentResolver {
  @UsesErs('A038')
  @Query((_returns) => Appointment, {
    nullable: true,
    description: 'An e-RS appointment by id (A038); with `version`, that version.',
  })
  appointment(
    @Arg('id', (_type) => AppointmentIdScalar, { description: 'The e-RS appointment id, e.g. "70000" (Referral.appointmentId).' })
    id: string,
    @Arg('version', (_type) => VersionScalar, {
      nullable: true,
      description: 'A past version of the appointment; the current one when omitted.',
    })
    version: string | undefined,
    @Ctx() ctx: RequestContext,
  ): Promise<Appointment> {
    return ctx.data.appointments.appointment(id, version ?? undefined);
  }

  @UsesErs('A005')
  @FieldResolver((_returns) => Referral, {
    nullable: true,
    description: 'The referral the appointment is for, at the version it names (A005).',
  })
  referral(@Root() appointment: Appointment, @Ctx() ctx: RequestContext): Promise<Referral | null> {
    return ctx.data.appointments.referralOf(appointment);
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => HealthcareService, {
    nullable: true,
    description: 'The service booked (A035, referrer roles; `id` alone reads nothing).',
  })
  service(
    @Root() appointment: Appointment,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HealthcareService | null> {
    return serviceById(ctx, info, appointment.serviceId);
  }
}
