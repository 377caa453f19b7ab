import type { FastifyInstance } from 'fastify';
import { searchServices, SNOMED_SPECIALTIES } from '../data/service-search';
import { findPractitioner, findService, type HealthcareService } from '../data/world';
import { renderHealthcareService } from '../fhir/healthcare-service';
import { r4Error, stu3Error } from '../fhir/outcomes';
import { parsePatientServiceSearch, renderFetchServicesList, renderHealthcareServiceBundle } from '../fhir/service-search';
import { type FhirRouteDefinition, problem, registerFhirRoute, resource } from '../http/fhir-route';
import { installReplyOverrides, setReplyOverride } from '../http/reply-overrides';
import type { SimulatorState } from '../state';

/** A035 accepts at most this many service ids. */
export const MAX_SERVICE_IDS = 20;

/**
 * Healthcare services: A033 read, A037 version (HEAD), A035 search by id (R4) and A010 patient
 * service search (STU3).
 */
export function registerHealthcareServiceRoutes(app: FastifyInstance, sim: SimulatorState): void {
  installReplyOverrides(app);

  /**
   * A037: HEAD /R4/HealthcareService/{id} — the version in the ETag, no body. Registered before
   * A033's GET so Fastify does not derive the HEAD route from it.
   */
  registerFhirRoute<{ id: string }>(app, sim, {
    // registerFhirRoute's method union has no HEAD yet; Fastify accepts it.
    method: 'HEAD' as FhirRouteDefinition<{ id: string }>['method'],
    url: '/R4/HealthcareService/:id',
    endpoint: 'A037',
    handler: (request) => {
      const service = findService(sim.world, request.params.id);
      if (!service) return problem('NOT_FOUND', `HealthcareService ${request.params.id} not found.`);
      setReplyOverride(request, { headers: { 'cache-control': 'no-cache' } });
      return resource(renderHealthcareService(service), service.versionId);
    },
  });

  /** A033: GET /R4/HealthcareService/{id}. */
  registerFhirRoute<{ id: string }>(app, sim, {
    method: 'GET',
    url: '/R4/HealthcareService/:id',
    endpoint: 'A033',
    handler: (request) => {
      const service = findService(sim.world, request.params.id);
      if (!service) return problem('NOT_FOUND', `HealthcareService ${request.params.id} not found.`);
      return resource(renderHealthcareService(service), service.versionId);
    },
  });

  /** A035: GET /R4/HealthcareService?_id=1,2,... (repeated or comma-separated, up to 20). */
  registerFhirRoute(app, sim, {
    method: 'GET',
    url: '/R4/HealthcareService',
    endpoint: 'A035',
    handler: (request) => {
      const search = new URLSearchParams(request.url.split('?')[1] ?? '');
      const ids = search
        .getAll('_id')
        .flatMap((v) => v.split(','))
        .map((v) => v.trim());
      if (ids.length === 0 || ids.every((id) => id === ''))
        return r4Error(400, 'REC_BAD_REQUEST', 'invalid', "The '_id' search parameter is required.");
      const bad = ids.find((id) => !/^\d{1,12}$/.test(id));
      if (bad !== undefined) return r4Error(400, 'REC_BAD_REQUEST', 'invalid', `Service id '${bad}' is invalid.`);
      const distinct = [...new Set(ids)];
      if (distinct.length > MAX_SERVICE_IDS)
        return r4Error(
          400,
          'REC_BAD_REQUEST',
          'invalid',
          `At most ${MAX_SERVICE_IDS} service ids may be requested; got ${distinct.length}.`,
        );
      const services = distinct.map((id) => findService(sim.world, id)).filter((s): s is HealthcareService => s !== undefined);
      return resource(renderHealthcareServiceBundle(services, sim.baseUrl, `${sim.baseUrl}${request.url.replace(/^\/FHIR/, '')}`));
    },
  });

  /** A010: POST /STU3/HealthcareService/$ers.searchHealthcareServicesForPatient. */
  registerFhirRoute(app, sim, {
    method: 'POST',
    url: '/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient',
    endpoint: 'A010',
    handler: (request, caller) => {
      const parsed = parsePatientServiceSearch(request.body);
      if ('kind' in parsed) return parsed;
      const world = sim.world;
      const patient = world.patients.find((p) => p.nhsNumber === parsed.patientNhsNumber);
      if (!patient) return stu3Error(422, 'REFERENCE_NOT_FOUND', `Patient ${parsed.patientNhsNumber} not found.`);
      if (parsed.referringClinicianUserId !== undefined) {
        const clinician = findPractitioner(world, parsed.referringClinicianUserId);
        if (!clinician) return stu3Error(422, 'REFERENCE_NOT_FOUND', `Referring clinician ${parsed.referringClinicianUserId} not found.`);
        const roles = clinician.roles ?? [{ odsCode: clinician.odsCode, businessFunctions: clinician.businessFunctions }];
        if (!roles.some((r) => r.businessFunctions.includes('REFERRING_CLINICIAN'))) {
          return stu3Error(422, 'REFERENCED_USER_IS_NOT_RC', `User ${clinician.userId} is not a Referring Clinician.`);
        }
        const odsCode = caller.mode === 'user' ? caller.odsCode : undefined;
        if (odsCode && !roles.some((r) => r.odsCode === odsCode && r.businessFunctions.includes('REFERRING_CLINICIAN'))) {
          return stu3Error(422, 'REFERENCED_USER_IS_NOT_RC_AT_ORG', `User ${clinician.userId} is not a Referring Clinician at ${odsCode}.`);
        }
      }
      if (parsed.commissioningRuleOdsCode !== undefined && parsed.commissioningRuleOdsCode !== world.commissioner.odsCode) {
        return stu3Error(
          422,
          'ORGANISATION_NOT_APPROPRIATE',
          `Organisation ${parsed.commissioningRuleOdsCode} is not a commissioning rule organisation.`,
        );
      }
      const { specialty, clinicType, clinicalTermSnomedCode, namedClinicianUserId } = parsed.input;
      if (specialty !== undefined && !world.referenceData.specialties.some((s) => s.code === specialty)) {
        return stu3Error(422, 'INVALID_CODE', `Specialty '${specialty}' is not an e-RS specialty.`);
      }
      if (clinicType !== undefined && !world.referenceData.clinicTypes.some((c) => c.code === clinicType)) {
        return stu3Error(422, 'INVALID_CODE', `Clinic type '${clinicType}' is not an e-RS clinic type.`);
      }
      if (clinicalTermSnomedCode !== undefined && SNOMED_SPECIALTIES[clinicalTermSnomedCode] === undefined) {
        return stu3Error(422, 'SNOMED_NOT_FOUND', `SNOMED CT code ${clinicalTermSnomedCode} is not in the e-RS dictionary.`);
      }
      if (namedClinicianUserId !== undefined) {
        const named = findPractitioner(world, namedClinicianUserId);
        if (!named) return stu3Error(422, 'REFERENCE_NOT_FOUND', `Named clinician ${namedClinicianUserId} not found.`);
        const roles = named.roles ?? [{ odsCode: named.odsCode, businessFunctions: named.businessFunctions }];
        if (!roles.some((r) => r.businessFunctions.includes('SERVICE_PROVIDER_CLINICIAN'))) {
          return stu3Error(422, 'REFERENCED_USER_IS_NOT_SPC', `User ${namedClinicianUserId} is not a Service Provider Clinician.`);
        }
      }
      const hits = searchServices(world, { ...parsed.input, patientPostcode: patient.postcode });
      return resource(renderFetchServicesList(world, hits, sim.baseUrl, true));
    },
  });
}
