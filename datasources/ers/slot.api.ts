import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, ODS_CODE, SDS_USER_ID, SERVICE_ID } from '../../schema/scalars';

/** What A015 searches by. */
export interface SlotSearch {
  serviceId: string;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  /** The referral's commissioning rule organisation (from A005): only suitable slots are returned. */
  commissioningRuleOrgOdsCode: string;
  clinicianUserId?: string;
  /** 1..100 */
  count: number;
  /** 1-based */
  page: number;
}

/** A015: one page of free appointment slots of a directly bookable service. */
export function fetchAppointmentSlots(ers: ErsClient, search: SlotSearch): Promise<ErsResponse> {
  assertIdentifier(SERVICE_ID, search.serviceId, 'serviceId');
  // A header value: a line break or a comma here would be a header of its own.
  assertIdentifier(ODS_CODE, search.commissioningRuleOrgOdsCode, 'commissioningRuleOrgOdsCode');
  if (search.clinicianUserId) assertIdentifier(SDS_USER_ID, search.clinicianUserId, 'clinicianUserId');
  const params: Record<string, string> = {
    'schedule.actor:HealthcareService': search.serviceId,
    appointmentType: search.priority,
    status: 'free',
    _count: String(search.count),
    page: String(search.page),
    _include: 'Slot:schedule',
  };
  // e-RS uses the `:Practitioner` modifier here (a documented known issue of A015).
  if (search.clinicianUserId) params['schedule.actor:Practitioner'] = search.clinicianUserId;
  return ers.send({
    endpoint: 'A015',
    method: 'GET',
    path: '/STU3/Slot',
    params,
    headers: { 'NHSD-eRS-Comm-Rule-Org': search.commissioningRuleOrgOdsCode },
  });
}
