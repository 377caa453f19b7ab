/** Request bodies and small helpers for the simulator's write-endpoint tests. */
import axios, { type AxiosResponse } from 'axios';
import type { RunningSimulator } from '../../../simulator';
import type { Referral, ReferralState } from '../../../simulator/data/world';
import type { Json } from './fhir';

export const ifMatch = (version: number | string): Record<string, string> => ({ 'If-Match': `W/"${version}"` });

export function parameters(profile: string, parameter: Json[]): Json {
  return { resourceType: 'Parameters', meta: { profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${profile}`] }, parameter };
}

export const coding = (system: string, code: string): Json => ({ system, code });
export const PRIORITY = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1';

/** Live referrals (status active) in a state, that no earlier test has touched (version history unchanged since seeding is not tracked; callers take distinct ones). */
export function referralsIn(sim: RunningSimulator, state: ReferralState, filter: (r: Referral) => boolean = () => true): Referral[] {
  return sim.world.referrals.filter((r) => r.state === state && filter(r));
}

/** A picker of referrals in a state that no earlier test in the file has taken; `reserve` keeps one a test made out of it. */
export function unusedReferrals(sim: () => RunningSimulator) {
  const used = new Set<string>();
  const take = (state: ReferralState, filter: (r: Referral) => boolean = () => true): Referral => {
    const referral = referralsIn(sim(), state, (r) => !used.has(r.ubrn) && filter(r))[0];
    if (!referral) throw new Error(`no unused ${state} referral`);
    used.add(referral.ubrn);
    return referral;
  };
  return Object.assign(take, { reserve: (ubrn: string) => void used.add(ubrn) });
}

/** An A008 body asking for one referral worklist (eRS-ReferralListSelector-1 code). */
export const worklistRequest = (code: string): Json => ({
  resourceType: 'Parameters',
  meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1'] },
  parameter: [
    {
      name: 'listType',
      valueCodeableConcept: { coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1', code }] },
    },
  ],
});

/** An eRS-Shortlist-List with its search criteria. */
export function shortlist(serviceIds: string[], priority = 'ROUTINE', specialty?: string): Json {
  const criteria: Json[] = [{ name: 'priority', valueCoding: coding(PRIORITY, priority) }];
  if (specialty) criteria.push({ name: 'specialty', valueCoding: coding('https://example.org/STU3/CodeSystem/SPECIALTY', specialty) });
  criteria.push({ name: 'ageAndGenderAppropriate', valueBoolean: true });
  return {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Shortlist-List-1'] },
    resourceType: 'List',
    status: 'current',
    mode: 'snapshot',
    contained: [
      {
        resourceType: 'Parameters',
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1'] },
        id: 'criteria',
        parameter: criteria,
      },
    ],
    entry: serviceIds.map((value) => ({ item: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value } } })),
    extension: [
      {
        url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Shortlist-SearchCriteria-1',
        valueReference: { reference: '#criteria' },
      },
    ],
  };
}

/** A DocumentReference parameter resource pointing at an uploaded file. */
export function documentReference(location: string, type: string, description = 'Attached file'): Json {
  return {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1'] },
    resourceType: 'DocumentReference',
    type: { coding: [coding('https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', type)] },
    status: 'current',
    indexed: '2025-03-03T09:00:00.000Z',
    description,
    content: [{ attachment: { url: location } }],
  };
}

/** The referral state code of a rendered ReferralRequest. */
export function stateOf(referral: Json): { state: string; reason?: string; comments?: string } {
  const ext = referral.extension.find((e: Json) => e.url === 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ReferralState-1');
  const part = (url: string): Json | undefined => ext.extension.find((e: Json) => e.url === url);
  return { state: part('state')!.valueCoding.code, reason: part('reason')?.valueCoding.code, comments: part('comments')?.valueString };
}

/** A020: uploads raw bytes; resolves the response (never throws on status). */
export async function uploadFile(
  sim: RunningSimulator,
  headers: Record<string, string>,
  file: { name?: string; contentType?: string; bytes: Buffer | string; referralId?: string },
): Promise<AxiosResponse<any>> {
  const extra: Record<string, string> = {};
  if (file.name !== undefined) extra['NHSD-eRS-File-Name'] = file.name;
  if (file.referralId !== undefined) extra['NHSD-eRS-Referral-ID'] = file.referralId;
  return axios.post(`${sim.baseUrl}/STU3/Binary`, file.bytes, {
    headers: { ...headers, 'Content-Type': file.contentType ?? 'text/plain', ...extra },
    validateStatus: () => true,
    maxBodyLength: Infinity,
    transformRequest: [(data) => data],
  });
}
