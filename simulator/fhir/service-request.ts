/** A041: referrals and advice requests found by UBRN as an R4 searchset Bundle of eRS-ServiceRequest. */
import { randomUUID } from 'node:crypto';
import { adviceServiceRequestId } from '../data/service-search';
import type { AdviceAndGuidanceRequest, FhirRequestStatus, Referral } from '../data/world';
import type { FhirJson } from './systems';

export const UBRN_SYSTEM = 'https://fhir.nhs.uk/Id/UBRN';
const STATUS: Record<FhirRequestStatus, string> = { active: 'active', completed: 'completed', cancelled: 'revoked' };

export type ServiceRequestMatch = { kind: 'referral'; referral: Referral } | { kind: 'advice'; request: AdviceAndGuidanceRequest };

function renderServiceRequest(match: ServiceRequestMatch): FhirJson {
  const category = (code: 'referral' | 'request'): FhirJson[] => [
    { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/message-category-servicerequest', code }] },
  ];
  if (match.kind === 'referral') {
    const r = match.referral;
    return {
      id: r.requestId,
      meta: { versionId: String(r.versionId) },
      resourceType: 'ServiceRequest',
      identifier: [{ system: UBRN_SYSTEM, value: r.ubrn }],
      status: STATUS[r.status],
      intent: 'order',
      category: category('referral'),
      subject: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: r.patientNhsNumber } },
    };
  }
  const a = match.request;
  return {
    id: adviceServiceRequestId(a.ubrn),
    meta: { versionId: String(a.versionId) },
    resourceType: 'ServiceRequest',
    identifier: [{ system: UBRN_SYSTEM, value: a.ubrn }],
    status: STATUS[a.status],
    intent: 'order',
    category: category('request'),
    code: { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/servicerequest-code', code: 'advice-and-guidance' }] },
    subject: { identifier: { system: 'https://fhir.nhs.uk/Id/nhs-number', value: a.patientNhsNumber } },
  };
}

export function renderServiceRequestBundle(
  matches: ServiceRequestMatch[],
  baseUrl: string,
  selfUrl: string,
  now: Date = new Date(),
): FhirJson {
  return {
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString() },
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: now.toISOString(),
    total: matches.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: matches.map((match) => {
      const resource = renderServiceRequest(match);
      return { fullUrl: `${baseUrl}/R4/ServiceRequest/${String(resource.id)}`, resource, search: { mode: 'match' } };
    }),
  };
}
