import { startSimulator, type RunningSimulator } from '../../simulator';
import type { AdviceAndGuidanceRequest } from '../../simulator/data/world';
import { asUser } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';
import { coding, documentReference, ifMatch, parameters, PRIORITY, shortlist, stateOf, uploadFile } from './helpers/write';

const OUTCOME = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceResponseOutcome-1';
const RECOMMENDATION = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceIntendedRecommendation-1';

describe('advice and guidance write endpoints', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });
  const used = new Set<string>();
  const fresh = (filter: (a: AdviceAndGuidanceRequest) => boolean): AdviceAndGuidanceRequest => {
    const found = sim.world.adviceAndGuidance.find((a) => !used.has(a.ubrn) && filter(a));
    if (!found) throw new Error('no suitable A&G request');
    used.add(found.ubrn);
    return found;
  };
  const awaitingProvider = (a: AdviceAndGuidanceRequest): boolean => a.status === 'active' && a.category === 'PROVIDER_RESPONSE_REQUIRED';
  const readAdvice = async (ubrn: string) =>
    http.get(`/STU3/CommunicationRequest/${ubrn}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
  const conversation = async (ubrn: string) => {
    const version = sim.world.adviceAndGuidance.find((a) => a.ubrn === ubrn)!.versionId;
    return http.get(
      `/STU3/Communication?based-on=CommunicationRequest/${ubrn}/_history/${version}`,
      await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'),
    );
  };
  const adviceWorklist = async (): Promise<string[]> => {
    const body = {
      resourceType: 'Parameters',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1'] },
      parameter: [
        {
          name: 'listType',
          valueCodeableConcept: {
            coding: [
              { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-CommunicationListSelector-1', code: 'ADVICE_AND_GUIDANCE_REQUESTS' },
            ],
          },
        },
      ],
    };
    const response = await http.post(
      '/STU3/CommunicationRequest/$ers.fetchworklist',
      body,
      await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'),
    );
    return response.data.entry.map((e: Json) => e.item.reference.replace('CommunicationRequest/', ''));
  };

  describe('A044 createAdviceAndGuidance', () => {
    const url = '/STU3/CommunicationRequest/$ers.createAdviceAndGuidance';
    const body = (extra: Json[] = [], serviceIds?: string[]): Json => {
      const service = sim.world.services.find((s) => s.requestFlows.includes('ADVICE_AND_GUIDANCE'))!;
      return parameters('eRS-CreateAdviceAndGuidance-Request-Parameters-1', [
        { name: 'patient', valueIdentifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: sim.world.patients[1].nhsNumber } },
        {
          name: 'providerConversionAuthorisation',
          valueCoding: coding('https://fhir.nhs.uk/STU3/CodeSystem/eRS-ProviderConversionAuthorisation-1', 'AUTHORISED_TO_CONVERT'),
        },
        { name: 'shortlist', resource: shortlist(serviceIds ?? [service.id]) },
        { name: 'request', valueString: 'Would you advise further investigation?' },
        ...extra,
      ]);
    };

    it('creates a request awaiting the provider, with its first message, on the A&G worklist and readable by A024/A025', async () => {
      const highest = Math.max(...sim.world.adviceAndGuidance.map((a) => Number(a.ubrn)));
      const response = await http.post(url, body(), await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(response.status).toBe(200);
      expect(response.data.parameter.map((p: Json) => p.name)).toEqual(['createdCommunicationRequest', 'createdCommunication']);
      const ubrn = response.data.parameter[0].resource.id;
      expect(ubrn).toBe(String(highest + 1).padStart(12, '0'));
      used.add(ubrn);
      const read = await readAdvice(ubrn);
      expect(read.status).toBe(200);
      expect(read.headers.etag).toBe('W/"1"');
      const talk = await conversation(ubrn);
      expect(talk.data.entry.filter((e: Json) => e.resource.resourceType === 'Communication')).toHaveLength(1);
      expect(await adviceWorklist()).toContain(ubrn);
    });

    it('answers 422 for malformed bodies, more than one service and a non-A&G service; 403 for providers', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      const noRequest = body();
      noRequest.parameter = noRequest.parameter.filter((p: Json) => p.name !== 'request');
      expect(errorCode((await http.post(url, noRequest, headers)).data)).toBe('MISSING_VALUE');
      expect(errorCode((await http.post(url, body([{ name: 'priority', valueString: 'x' }]), headers)).data)).toBe('UNEXPECTED_FIELD');
      const ag = sim.world.services.filter((s) => s.requestFlows.includes('ADVICE_AND_GUIDANCE')).map((s) => s.id);
      expect(errorCode((await http.post(url, body([], ag.slice(0, 2)), headers)).data)).toBe('TOO_MANY_ITEMS');
      const dbs = sim.world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE')!.id;
      expect(errorCode((await http.post(url, body([], [dbs]), headers)).data)).toBe('INAPPROPRIATE_VALUE');
      expect((await http.post(url, body(), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'))).status).toBe(403);
    });
  });

  describe('A026 sendCommunicationToRequester', () => {
    const respond = (ubrn: string, body: unknown, headers: Record<string, string>) =>
      http.post(`/STU3/CommunicationRequest/${ubrn}/$ers.sendCommunicationToRequester`, body, headers);
    const body = (outcome: string, extra: Json[] = []): Json =>
      parameters('eRS-SendCommunicationToRequester-Request-Parameters-1', [
        { name: 'guidanceOutcome', valueCoding: coding(OUTCOME, outcome) },
        { name: 'guidance', valueString: 'Please repeat the bloods.' },
        { name: 'updatedPriority', valueCoding: coding(PRIORITY, 'URGENT') },
        ...extra,
      ]);

    it('records the response with an attachment: new version, REFERRER_TO_REVIEW_RESPONSE, a new message in A025', async () => {
      const request = fresh(awaitingProvider);
      const provider = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const upload = await uploadFile(sim, provider, { name: 'plan.txt', bytes: 'Plan', referralId: request.ubrn });
      const version = request.versionId;
      const response = await respond(
        request.ubrn,
        body('RETURN_TO_REFERRER_WITH_ADVICE', [
          { name: 'guidanceIntendedRecommendation', valueCoding: coding(RECOMMENDATION, 'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED') },
          { name: 'guidanceAttachmentFile', resource: documentReference(upload.headers.location, 'GUIDANCE_RESPONSE') },
        ]),
        { ...provider, ...ifMatch(version) },
      );
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${version + 1}"`);
      expect(response.data.parameter[1].resource.payload).toHaveLength(1);
      const read = await readAdvice(request.ubrn);
      expect(read.data.meta.versionId).toBe(String(version + 1));
      expect(JSON.stringify(read.data)).toContain('REFERRER_TO_REVIEW_RESPONSE');
      const messages = (await conversation(request.ubrn)).data.entry.filter((e: Json) => e.resource.resourceType === 'Communication');
      expect(messages).toHaveLength(request.messages.length);
      expect(messages.map((m: Json) => m.resource.note[0].text)).toContain('Please repeat the bloods.');
    });

    it('asks for more information (REFERRER_TO_SUBMIT_FURTHER_INFORMATION) and then refuses a second response', async () => {
      const request = fresh(awaitingProvider);
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      expect((await respond(request.ubrn, body('REQUIRE_FURTHER_INFORMATION'), { ...headers, ...ifMatch(request.versionId) })).status).toBe(
        200,
      );
      expect(request.category).toBe('REFERRER_TO_SUBMIT_FURTHER_INFORMATION');
      const again = await respond(request.ubrn, body('REQUIRE_FURTHER_INFORMATION'), { ...headers, ...ifMatch(request.versionId) });
      expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    });

    it('answers 422 for malformed bodies, 409 / 412 for If-Match problems and 403 for referrers', async () => {
      const request = fresh(awaitingProvider);
      const headers = { ...(await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN')), ...ifMatch(request.versionId) };
      expect(errorCode((await respond(request.ubrn, body('RETURN_TO_REFERRER_WITH_ADVICE'), headers)).data)).toBe('VALUE_IS_REQUIRED');
      expect(errorCode((await respond(request.ubrn, body('ESCALATE'), headers)).data)).toBe('INVALID_CODE');
      expect(errorCode((await respond(request.ubrn, { resourceType: 'Bundle' }, headers)).data)).toBe('INVALID_FHIR_STRUCTURE');
      expect(
        (await respond(request.ubrn, body('REQUIRE_FURTHER_INFORMATION'), { ...headers, ...ifMatch(request.versionId + 1) })).status,
      ).toBe(409);
      expect(
        (await respond(request.ubrn, body('REQUIRE_FURTHER_INFORMATION'), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'))).status,
      ).toBe(412);
      expect(
        (
          await respond(request.ubrn, body('REQUIRE_FURTHER_INFORMATION'), {
            ...(await asUser(sim, 'REFERRING_CLINICIAN')),
            ...ifMatch(request.versionId),
          })
        ).status,
      ).toBe(403);
      expect(request.category).toBe('PROVIDER_RESPONSE_REQUIRED');
    });
  });

  describe('A027 createFromCommunicationRequestActionLater', () => {
    const url = '/STU3/ReferralRequest/$ers.createFromCommunicationRequestActionLater';
    const body = (request: AdviceAndGuidanceRequest, version = request.versionId, extra: Json[] = []): Json =>
      parameters('eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1', [
        { name: 'createFrom', valueReference: { reference: `CommunicationRequest/${request.ubrn}/_history/${version}` } },
        { name: 'guidance', valueString: 'Converting to a referral.' },
        { name: 'newReferralPriority', valueCoding: coding(PRIORITY, 'URGENT') },
        { name: 'reviewComments', valueString: 'Book into the next clinic.' },
        ...extra,
      ]);

    it('creates a referral based on the request (TRIAGED_PROVIDER_TO_ACTION) and ends the request as ADVICE_CONVERTED', async () => {
      const request = fresh((a) => a.status === 'active' && a.providerConversionAuthorised);
      const response = await http.post(url, body(request), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(response.status).toBe(201);
      expect(response.headers.etag).toBe('W/"1"');
      // Linked where e-RS lists it (A027's example answer): supportingInfo, not basedOn.
      expect(response.data.basedOn).toBeUndefined();
      expect(response.data.supportingInfo).toContainEqual({ reference: `CommunicationRequest/${request.ubrn}` });
      expect(stateOf(response.data)).toEqual({
        state: 'TRIAGED_PROVIDER_TO_ACTION',
        reason: 'PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER',
        comments: 'Book into the next clinic.',
      });
      const referral = await http.get(`/STU3/ReferralRequest/${response.data.id}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(referral.status).toBe(200);
      const advice = await readAdvice(request.ubrn);
      expect(JSON.stringify(advice.data)).toContain('ADVICE_CONVERTED');
      expect(await adviceWorklist()).not.toContain(request.ubrn);
      const again = await http.post(url, body(request), await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect([again.status, errorCode(again.data)]).toEqual([422, 'INVALID_REQUEST_STATE']);
    });

    it('refuses unauthorised conversion, stale versions, malformed bodies and referrers', async () => {
      const notAuthorised = fresh((a) => a.status === 'active' && !a.providerConversionAuthorised);
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const refused = await http.post(url, body(notAuthorised), headers);
      expect([refused.status, errorCode(refused.data)]).toEqual([422, 'INVALID_STATE']);
      const request = fresh((a) => a.status === 'active' && a.providerConversionAuthorised);
      expect((await http.post(url, body(request, request.versionId - 1), headers)).status).toBe(409);
      const noGuidance = body(request);
      noGuidance.parameter = noGuidance.parameter.filter((p: Json) => p.name !== 'guidance');
      expect(errorCode((await http.post(url, noGuidance, headers)).data)).toBe('MISSING_VALUE');
      expect((await http.post(url, body(request), await asUser(sim, 'REFERRING_CLINICIAN'))).status).toBe(403);
      expect(request.convertedToReferralUbrn).toBeUndefined();
    });
  });
});
