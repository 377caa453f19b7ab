import { ServiceRequest } from '../../schema/service-request.type';
import { isIdentifier, UBRN } from '../../schema/scalars';
import { ServiceRequestKind } from '../../schema/service-request-kind.enum';
import { ServiceRequestStatus } from '../../schema/service-request-status.enum';
import { toCode } from './code.mapper';
import {
  FhirElement,
  asArray,
  build,
  bundleResources,
  child,
  enumValue,
  expectResource,
  readCodings,
  readIdentifier,
  readReference,
  readString,
  referenceId,
  resourceVersion,
  systemNamed,
} from './fhir';

/**
 * Maps the A041 response (`GET /R4/ServiceRequest?identifier=https://fhir.nhs.uk/Id/UBRN|{ubrn}`,
 * an R4 searchset Bundle of eRS-ServiceRequest) to the referral and/or advice and guidance
 * request the UBRN identifies, in bundle order. Entries without an id are skipped. Throws
 * FhirMappingError only when `bundle` is not a Bundle.
 */
export function mapServiceRequests(bundle: unknown): ServiceRequest[] {
  const resource = expectResource(bundle, 'Bundle');
  return bundleResources(resource, 'ServiceRequest')
    .filter((request) => readString(request.id) !== null)
    .map((request) => mapServiceRequest(request));
}

/**
 * Maps one e-RS R4 ServiceRequest (an entry of the A041 Bundle) to a `ServiceRequest`. Throws
 * FhirMappingError only when `resource` is not a ServiceRequest. `etag` supplies the version
 * when meta.versionId is missing.
 */
export function mapServiceRequest(resource: unknown, etag?: string): ServiceRequest {
  const request = expectResource(resource, 'ServiceRequest');
  const ubrn = requestUbrn(request);
  const kind = requestKind(request);
  return build(ServiceRequest, {
    id: readString(request.id) ?? '',
    version: resourceVersion(request, etag),
    ubrn,
    kind,
    category: toCode(request.category),
    status: enumValue(ServiceRequestStatus, readString(request.status)),
    patientNhsNumber: patientNhsNumber(request.subject),
    fhir: request,
    referralUbrn: kind === ServiceRequestKind.REFERRAL ? ubrn : null,
    adviceAndGuidanceUbrn: kind === ServiceRequestKind.ADVICE_AND_GUIDANCE ? ubrn : null,
  });
}

/** The 12-digit value of the UBRN identifier (https://fhir.nhs.uk/Id/UBRN; an identifier without system is accepted). */
function requestUbrn(request: FhirElement): string | null {
  for (const item of asArray(request.identifier)) {
    const identifier = readIdentifier(item);
    if (!identifier || !isIdentifier(UBRN, identifier.value)) continue;
    if (identifier.system === null || systemNamed(identifier.system, 'ubrn')) return identifier.value;
  }
  return null;
}

/**
 * Advice and guidance when the code says "advice-and-guidance" or the category is "request";
 * a referral when the category is "referral"; else null.
 */
function requestKind(request: FhirElement): ServiceRequestKind | null {
  const codes = readCodings(request.code).map((coding) => coding.code.toLowerCase());
  const categories = readCodings(request.category).map((coding) => coding.code.toLowerCase());
  if (codes.includes('advice-and-guidance') || categories.includes('request')) return ServiceRequestKind.ADVICE_AND_GUIDANCE;
  if (categories.includes('referral')) return ServiceRequestKind.REFERRAL;
  return null;
}

function patientNhsNumber(subject: unknown): string | null {
  const identifier = readIdentifier(child(subject, 'identifier'));
  if (identifier && (identifier.system === null || systemNamed(identifier.system, 'nhs-number'))) return identifier.value;
  const reference = readReference(subject);
  const id = reference?.startsWith('Patient/') ? referenceId(reference) : null;
  return id && /^\d{10}$/.test(id) ? id : null;
}
