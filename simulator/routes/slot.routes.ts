import type { FastifyInstance } from 'fastify';
import { findSchedule, freeSlots, type Schedule } from '../data/slots';
import { findService, type PriorityCode } from '../data/world';
import { stu3Error } from '../fhir/outcomes';
import { renderSlotBundle } from '../fhir/slot';
import { registerFhirRoute, resource } from '../http/fhir-route';
import type { SimulatorState } from '../state';

const PRIORITIES: PriorityCode[] = ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'];
const SERVICE = 'schedule.actor:HealthcareService';
const CLINICIAN = 'schedule.actor:Practitioner';

/**
 * A015: GET /STU3/Slot?schedule.actor:HealthcareService=..&appointmentType=..&status=free&_count=..&page=..
 * [&schedule.actor:Practitioner=..][&_include=Slot:schedule], header NHSD-eRS-Comm-Rule-Org.
 */
export function registerSlotRoutes(app: FastifyInstance, sim: SimulatorState): void {
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/STU3/Slot',
    endpoint: 'A015',
    handler: (request) => {
      const query = request.url.split('?')[1] ?? '';
      const search = new URLSearchParams(query);
      const commRuleOrg = request.headers['nhsd-ers-comm-rule-org'];
      if (typeof commRuleOrg !== 'string' || commRuleOrg.trim() === '') {
        return stu3Error(400, 'MISSING_HEADER', "NHSD-eRS-Comm-Rule-Org is required: pass the referral's commissioning rule organisation.");
      }
      for (const name of [SERVICE, 'appointmentType', 'status', '_count', 'page']) {
        if (!search.get(name)) return stu3Error(400, 'MISSING_PARAMETER', `The '${name}' search parameter is required.`);
      }
      const priority = search.get('appointmentType') as PriorityCode;
      if (!PRIORITIES.includes(priority))
        return stu3Error(400, 'INVALID_CODE', `'appointmentType' must be one of ${PRIORITIES.join(', ')}.`);
      if (search.get('status') !== 'free') return stu3Error(400, 'INVALID_CODE', "'status' must be 'free'.");
      const count = Number(search.get('_count'));
      if (!/^\d+$/.test(search.get('_count')!) || count < 1 || count > 100)
        return stu3Error(400, 'INVALID_VALUE', "'_count' must be an integer from 1 to 100.");
      const page = Number(search.get('page'));
      if (!/^\d+$/.test(search.get('page')!) || page < 1) return stu3Error(400, 'INVALID_VALUE', "'page' must be an integer from 1.");

      if (commRuleOrg.trim() !== sim.world.commissioner.odsCode) {
        return stu3Error(400, 'REFERENCE_NOT_FOUND', `Commissioning rule organisation ${commRuleOrg.trim()} not found.`);
      }
      const serviceId = search.get(SERVICE)!;
      const service = findService(sim.world, serviceId);
      if (!service) return stu3Error(400, 'REFERENCE_NOT_FOUND', `Service ${serviceId} not found.`);
      if (service.bookableType !== 'DIRECTLY_BOOKABLE')
        return stu3Error(400, 'INVALID_STATE', `Service ${serviceId} is not directly bookable; it has no slots.`);
      const clinician = search.get(CLINICIAN) ?? undefined;
      if (clinician !== undefined && !service.clinicianUserIds.includes(clinician)) {
        return stu3Error(400, 'REFERENCE_NOT_FOUND', `Clinician ${clinician} is not a named clinician of service ${serviceId}.`);
      }

      // Only slots still to come: a slot that has started can no longer be booked (A016).
      const after = new Date(sim.now()).toISOString();
      const all = freeSlots(sim.world.slotSchedule, { serviceId, priority, after, clinicianUserId: clinician });
      const pages = Math.max(1, Math.ceil(all.length / count));
      if (page > pages)
        return stu3Error(
          400,
          'INVALID_VALUE',
          `'page' ${page} is out of range; there ${pages === 1 ? 'is 1 page' : `are ${pages} pages`}.`,
        );
      const slots = all.slice((page - 1) * count, page * count);
      const schedules = [...new Set(slots.map((s) => s.scheduleId))]
        .map((id) => findSchedule(sim.world.slotSchedule, id))
        .filter((s): s is Schedule => s !== undefined);

      const pageUrl = (n: number): string => {
        const params = new URLSearchParams(query);
        params.set('page', String(n));
        return `${sim.baseUrl}/STU3/Slot?${params.toString()}`;
      };
      const links: Array<{ relation: 'self' | 'previous' | 'next'; url: string }> = [{ relation: 'self', url: pageUrl(page) }];
      if (page > 1) links.push({ relation: 'previous', url: pageUrl(page - 1) });
      if (page < pages) links.push({ relation: 'next', url: pageUrl(page + 1) });
      return resource(renderSlotBundle({ slots, schedules, total: all.length, links }, sim.baseUrl));
    },
  });
}
