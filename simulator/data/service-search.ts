/**
 * Patient service search (A010) over the world's services: who offers what, how far from the
 * patient and how long the wait. Distances and indicative waits are deterministic functions of
 * the postcodes and service ids (the world has no geography), so every run answers alike.
 */
import type { HealthcareService, PriorityCode, RequestFlowType, World } from './world';

export type SearchRequestType = 'APPOINTMENT_REQUEST' | 'ADVICE_AND_GUIDANCE_REQUEST';
export type SearchSortBy = 'DISTANCE' | 'IWT';

export interface ServiceSearchInput {
  requestType: SearchRequestType;
  sortBy: SearchSortBy;
  patientPostcode: string;
  priority: PriorityCode;
  specialty?: string;
  clinicType?: string;
  clinicalTermSnomedCode?: string;
  namedClinicianUserId?: string;
  postcode?: string;
  distanceLimitMiles?: number;
  waitTimeLimitDays?: number;
}

export interface ServiceSearchHit {
  service: HealthcareService;
  distanceMiles: number;
  waitDays: number;
}

/** SNOMED CT codes the simulator's dictionary knows, by the specialty that treats them. */
export const SNOMED_SPECIALTIES: Record<string, string> = {
  '29857009': 'CARDIOLOGY',
  '80313002': 'CARDIOLOGY',
  '271807003': 'DERMATOLOGY',
  '126485001': 'DERMATOLOGY',
  '21522001': 'GASTROENTEROLOGY',
  '62315008': 'GASTROENTEROLOGY',
  '57676002': 'TRAUMA_AND_ORTHOPAEDICS',
  '30989003': 'TRAUMA_AND_ORTHOPAEDICS',
  '34436003': 'UROLOGY',
  '49650001': 'UROLOGY',
  '15188001': 'ENT',
  '36971009': 'ENT',
};

/** The most services one search returns (e-RS returns "the top results" for the sort order). */
export const SEARCH_RESULT_LIMIT = 20;

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Road miles between two postcodes (symmetric; 0 for the same postcode). */
export function distanceMiles(from: string, to: string): number {
  const a = from.replace(/\s+/g, '').toUpperCase();
  const b = to.replace(/\s+/g, '').toUpperCase();
  if (a === b) return 0;
  const [x, y] = a < b ? [a, b] : [b, a];
  return 1 + (hash(`${x}|${y}`) % 40);
}

/** Indicative appointment wait time in days; urgent referrals wait less. */
export function indicativeWaitDays(service: HealthcareService, priority: PriorityCode): number {
  const routine = 14 + (hash(`iwt:${service.id}`) % 90);
  return priority === 'ROUTINE' ? routine : Math.max(2, Math.round(routine / 4));
}

function supports(service: HealthcareService, type: SearchRequestType): boolean {
  const wanted: RequestFlowType[] = type === 'ADVICE_AND_GUIDANCE_REQUEST' ? ['ADVICE_AND_GUIDANCE'] : ['BOOKABLE', 'REVIEW'];
  return service.requestFlows.some((flow) => wanted.includes(flow));
}

/** Services matching the search, sorted and cut to SEARCH_RESULT_LIMIT. */
export function searchServices(world: World, input: ServiceSearchInput): ServiceSearchHit[] {
  const origin = input.postcode ?? input.patientPostcode;
  const snomedSpecialty = input.clinicalTermSnomedCode ? SNOMED_SPECIALTIES[input.clinicalTermSnomedCode] : undefined;
  const hits = world.services
    .filter((s) => supports(s, input.requestType))
    .filter((s) => input.specialty === undefined || s.specialty === input.specialty)
    .filter((s) => snomedSpecialty === undefined || s.specialty === snomedSpecialty)
    .filter((s) => input.clinicType === undefined || s.clinicTypes.includes(input.clinicType))
    .filter((s) => input.namedClinicianUserId === undefined || s.clinicianUserIds.includes(input.namedClinicianUserId))
    .map((service): ServiceSearchHit => {
      const site = world.provider.sites.find((x) => x.siteCode === service.siteCode);
      return {
        service,
        distanceMiles: distanceMiles(origin, site?.postcode ?? world.provider.postcode),
        waitDays: indicativeWaitDays(service, input.priority),
      };
    })
    .filter((h) => input.distanceLimitMiles === undefined || h.distanceMiles <= input.distanceLimitMiles)
    .filter((h) => input.waitTimeLimitDays === undefined || h.waitDays <= input.waitTimeLimitDays);
  const key = (h: ServiceSearchHit): number => (input.sortBy === 'DISTANCE' ? h.distanceMiles : h.waitDays);
  return hits.sort((a, b) => key(a) - key(b) || a.service.id.localeCompare(b.service.id)).slice(0, SEARCH_RESULT_LIMIT);
}

/** The R4 ServiceRequest id of an advice and guidance request (A041); referrals use their request id. */
export function adviceServiceRequestId(ubrn: string): string {
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  const h = [hash(`a:${ubrn}`), hash(`b:${ubrn}`), hash(`c:${ubrn}`), hash(`d:${ubrn}`)].map(hex).join('');
  return `a.${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
