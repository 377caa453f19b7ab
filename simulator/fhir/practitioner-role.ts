/**
 * A030 and A040 response bodies: the R4 PractitionerRoleBundle (the user's business functions
 * per organisation) and PractitionerBundle (the on-behalf-of candidates), shaped as
 * components/r4/schemas/PractitionerRoleBundle.yaml and PractitionerBundle.yaml define them.
 */
import { randomUUID } from 'node:crypto';
import type { Practitioner } from '../data/world';
import type { FhirJson } from './systems';

export const R4_SYSTEM = {
  sdsUserId: 'https://fhir.nhs.uk/Id/sds-user-id',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  businessFunction: 'https://fhir.nhs.uk/CodeSystem/eRS-BusinessFunction-1',
} as const;

/** A030: one PractitionerRole per organisation the user holds roles at, every code as held (unknown ones too). */
export function renderPractitionerRoleBundle(user: Practitioner, baseUrl: string, now: Date): FhirJson {
  const lastUpdated = now.toISOString();
  // Roles at the same organisation (should a user be given two grants for one code) become one PractitionerRole.
  const byOrganisation = new Map<string, string[]>();
  for (const role of user.roles) {
    const codes = byOrganisation.get(role.odsCode) ?? [];
    for (const code of role.businessFunctions) if (!codes.includes(code)) codes.push(code);
    byOrganisation.set(role.odsCode, codes);
  }
  const entry = [...byOrganisation].map(([odsCode, codes]) => {
    const id = `PractitionerRole-${odsCode}-${user.userId}`;
    return {
      fullUrl: `${baseUrl}/R4/PractitionerRole/${id}`,
      resource: {
        id,
        meta: { lastUpdated },
        resourceType: 'PractitionerRole',
        practitioner: { identifier: { system: R4_SYSTEM.sdsUserId, value: user.userId } },
        organization: { identifier: { system: R4_SYSTEM.odsOrganisation, value: odsCode } },
        code: codes.map((code) => ({ coding: [{ system: R4_SYSTEM.businessFunction, code }] })),
      },
      search: { mode: 'match' },
    };
  });
  return searchset(entry, `${baseUrl}/R4/PractitionerRole`, lastUpdated);
}

/** A040: the Service Provider Clinicians a Service Provider Clinician Admin may act for. */
export function renderOnBehalfOfBundle(candidates: readonly Practitioner[], baseUrl: string, now: Date): FhirJson {
  const lastUpdated = now.toISOString();
  const entry = candidates.map((p) => ({
    fullUrl: `Practitioner/${p.userId}`,
    resource: {
      id: p.userId,
      resourceType: 'Practitioner',
      meta: { lastUpdated },
      // A single identifier object (not an array): PractitionerBundle.yaml defines it so.
      identifier: { system: R4_SYSTEM.sdsUserId, value: p.userId },
    },
    search: { mode: 'match' },
  }));
  return searchset(entry, `${baseUrl}/R4/Practitioner?_query=onBehalfOf`, lastUpdated);
}

function searchset(entry: FhirJson[], selfUrl: string, lastUpdated: string): FhirJson {
  return {
    id: randomUUID(),
    meta: { lastUpdated },
    resourceType: 'Bundle',
    type: 'searchset',
    total: entry.length,
    timestamp: lastUpdated,
    link: [{ relation: 'self', url: selfUrl }],
    entry,
  };
}
