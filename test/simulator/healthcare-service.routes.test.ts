import axios from 'axios';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { asApplication, asUser } from './helpers/caller';
import { call, errorCode, type Json, sub } from './helpers/fhir';

const CS = 'https://fhir.nhs.uk/STU3/CodeSystem';

function searchBody(opts: { requestType?: string; sortBy?: string; nhsNumber: string; criteria?: Json[]; extra?: Json[] }): Json {
  return {
    resourceType: 'Parameters',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-PatientServiceSearch-Parameters-1'] },
    parameter: [
      { name: 'requestType', valueCoding: { system: `${CS}/eRS-RequestType-1`, code: opts.requestType ?? 'APPOINTMENT_REQUEST' } },
      { name: 'sortBy', valueCoding: { system: `${CS}/eRS-SortBy-1`, code: opts.sortBy ?? 'DISTANCE' } },
      { name: 'patient', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: opts.nhsNumber } },
      {
        name: 'searchCriteria',
        resource: {
          id: 'criteria',
          meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1'] },
          resourceType: 'Parameters',
          parameter: [
            { name: 'priority', valueCoding: { system: `${CS}/eRS-Priority-1`, code: 'ROUTINE' } },
            { name: 'ageAndGenderAppropriate', valueBoolean: true },
            ...(opts.criteria ?? []),
          ],
        },
      },
      ...(opts.extra ?? []),
    ],
  };
}

describe('healthcare services: A010 patient service search, A035 search, A037 version', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });
  const search = async (body: Json, headers?: Record<string, string>) =>
    http.post(
      '/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient',
      body,
      headers ?? (await asUser(sim, 'REFERRING_CLINICIAN')),
    );
  const ids = (body: Json): string[] => body.entry.map((e: Json) => e.item.identifier.value);

  describe('A010', () => {
    it('finds bookable and triage services of a specialty, sorted by distance, with the summary view', async () => {
      const response = await search(
        searchBody({
          nhsNumber: sim.world.patients[0].nhsNumber,
          criteria: [{ name: 'specialty', valueCoding: { system: `${sim.baseUrl}/STU3/CodeSystem/SPECIALTY`, code: 'CARDIOLOGY' } }],
        }),
      );
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({
        resourceType: 'List',
        status: 'current',
        mode: 'snapshot',
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchServices-List-1'] },
      });
      const cardiology = sim.world.services.filter((s) => s.specialty === 'CARDIOLOGY' && !s.requestFlows.includes('ADVICE_AND_GUIDANCE'));
      expect(ids(response.data).sort()).toEqual(cardiology.map((s) => s.id).sort());
      const distances = response.data.entry.map((e: Json) => sub(e.extension[0].extension, 'distance')!.valueUnsignedInt);
      expect([...distances].sort((a, b) => a - b)).toEqual(distances);
      for (const entry of response.data.entry) {
        const listItem = entry.extension[0].extension.map((e: Json) => e.url);
        expect(listItem).toEqual(['displayProminently', 'distance', 'indicativeAppointmentWaitTime']);
        const view = entry.item.extension[0];
        expect(view.url).toBe('https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-ServiceSummaryView-1');
        for (const required of [
          'serviceName',
          'supportedRequestFlowType',
          'bookableType',
          'location',
          'genderTreated',
          'referralLetterRequired',
          'specialty',
        ]) {
          expect(sub(view.extension, required)).toBeDefined();
        }
      }
    });

    it('finds only advice services for ADVICE_AND_GUIDANCE_REQUEST and sorts by wait when asked', async () => {
      const response = await search(
        searchBody({ nhsNumber: sim.world.patients[0].nhsNumber, requestType: 'ADVICE_AND_GUIDANCE_REQUEST', sortBy: 'IWT' }),
      );
      expect(response.status).toBe(200);
      const found = ids(response.data).map((id) => sim.world.services.find((s) => s.id === id)!);
      expect(found.length).toBeGreaterThan(0);
      for (const s of found) expect(s.requestFlows).toEqual(['ADVICE_AND_GUIDANCE']);
      const waits = response.data.entry.map((e: Json) => sub(e.extension[0].extension, 'indicativeAppointmentWaitTime')!.valueUnsignedInt);
      expect([...waits].sort((a, b) => a - b)).toEqual(waits);
    });

    it('applies named clinician, clinic type and distance limits, and reports an empty result with emptyReason', async () => {
      const service = sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE')!;
      const clinician = service.clinicianUserIds[0];
      const named = await search(
        searchBody({
          nhsNumber: sim.world.patients[0].nhsNumber,
          criteria: [{ name: 'namedClinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: clinician } }],
        }),
      );
      for (const id of ids(named.data)) expect(sim.world.services.find((s) => s.id === id)!.clinicianUserIds).toContain(clinician);
      expect(ids(named.data)).toContain(service.id);
      const none = await search(
        searchBody({
          nhsNumber: sim.world.patients[0].nhsNumber,
          criteria: [
            { name: 'distanceLimit', valueUnsignedInt: 0 },
            { name: 'postcode', valueString: 'QZ9 9ZZ' },
          ],
        }),
      );
      expect(none.status).toBe(200);
      expect(none.data.entry).toEqual([]);
      expect(none.data.emptyReason.coding[0].code).toBe('nilknown');
    });

    it('answers 422 with the A010 codes for bad requests', async () => {
      const patient = sim.world.patients[0].nhsNumber;
      expect(errorCode((await search(searchBody({ nhsNumber: '9999999999' }))).data)).toBe('REFERENCE_NOT_FOUND');
      expect(errorCode((await search(searchBody({ nhsNumber: patient, requestType: 'BOTH' }))).data)).toBe('INVALID_CODE');
      expect(
        errorCode(
          (
            await search(
              searchBody({
                nhsNumber: patient,
                criteria: [{ name: 'clinicalTerm', valueCoding: { system: 'http://snomed.info/sct', code: '1' } }],
              }),
            )
          ).data,
        ),
      ).toBe('SNOMED_NOT_FOUND');
      const aAndGWithRule = searchBody({
        nhsNumber: patient,
        requestType: 'ADVICE_AND_GUIDANCE_REQUEST',
        extra: [
          {
            name: 'commissioningRuleOrganisation',
            valueIdentifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'Q9Z' },
          },
        ],
      });
      expect(errorCode((await search(aAndGWithRule)).data)).toBe('FIELD_NOT_PERMITTED');
      const notRc = searchBody({
        nhsNumber: patient,
        extra: [{ name: 'referringClinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '555020000002' } }],
      });
      expect(errorCode((await search(notRc)).data)).toBe('REFERENCED_USER_IS_NOT_RC');
      const missing = searchBody({ nhsNumber: patient });
      missing.parameter = missing.parameter.filter((p: Json) => p.name !== 'sortBy');
      const response = await search(missing);
      expect([response.status, errorCode(response.data)]).toEqual([422, 'MISSING_VALUE']);
    });

    it('is refused to provider roles (403)', async () => {
      const response = await search(
        searchBody({ nhsNumber: sim.world.patients[0].nhsNumber }),
        await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'),
      );
      expect(response.status).toBe(403);
    });
  });

  describe('A035', () => {
    it('returns the known services of up to 20 ids as an R4 searchset Bundle', async () => {
      const [a, b] = sim.world.services;
      const response = await http.get(`/R4/HealthcareService?_id=${a.id},${b.id},99999`, await asApplication(sim));
      expect(response.status).toBe(200);
      expect(response.data).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
      expect(response.data.timestamp).toBeDefined();
      expect(response.data.entry.map((e: Json) => [e.resource.id, e.search.mode, e.fullUrl])).toEqual([
        [a.id, 'match', `${sim.baseUrl}/R4/HealthcareService/${a.id}`],
        [b.id, 'match', `${sim.baseUrl}/R4/HealthcareService/${b.id}`],
      ]);
    });

    it('accepts repeated _id parameters and answers 400 REC_BAD_REQUEST for none, bad or more than 20', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      const [a, b] = sim.world.services;
      expect((await http.get(`/R4/HealthcareService?_id=${a.id}&_id=${b.id}`, headers)).data.total).toBe(2);
      for (const query of [
        '',
        '?_id=',
        '?_id=abc',
        `?_id=${sim.world.services
          .slice(0, 21)
          .map((s) => s.id)
          .join(',')}`,
      ]) {
        const response = await http.get(`/R4/HealthcareService${query}`, headers);
        expect([query, response.status, response.data.issue[0].details.coding[0].code]).toEqual([query, 400, 'REC_BAD_REQUEST']);
      }
    });
  });

  describe('A037', () => {
    it('answers HEAD with the version in the ETag and no body; 404 for an unknown service', async () => {
      const service = sim.world.services[3];
      const response = await axios.head(`${sim.baseUrl}/R4/HealthcareService/${service.id}`, {
        headers: await asApplication(sim),
        validateStatus: () => true,
      });
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${service.versionId}"`);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.data).toBe('');
      const missing = await axios.head(`${sim.baseUrl}/R4/HealthcareService/99999`, {
        headers: await asApplication(sim),
        validateStatus: () => true,
      });
      expect(missing.status).toBe(404);
      const recorded = sim.calls.filter((c) => c.method === 'HEAD');
      expect(recorded.length).toBeGreaterThanOrEqual(2);
    });
  });
});
