import { startSimulator, type RunningSimulator } from '../../simulator';
import { asApplication, asUser, OTHER_TRUST, OUTSIDERS } from './helpers/caller';
import { call, errorCode, expectKeys, type Json } from './helpers/fhir';

describe('advice and guidance: A024 request, A025 conversation, A043 overview PDF', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  const withAttachments = () => sim.world.adviceAndGuidance.find((a) => a.attachmentIds.length > 0 && a.messages.length >= 2)!;

  describe('A024', () => {
    it('returns the request with its contained shortlist, criteria, documents and requester role, and the ETag', async () => {
      const advice = withAttachments();
      const response = await http.get(`/STU3/CommunicationRequest/${advice.ubrn}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
      expect(response.status).toBe(200);
      expect(response.headers.etag).toBe(`W/"${advice.versionId}"`);
      const body = response.data;
      expectKeys(body, [
        'id',
        'meta',
        'resourceType',
        'contained',
        'extension',
        'status',
        'category',
        'subject',
        'recipient',
        'sender',
        'requester',
        'identifier',
      ]);
      expect(body.meta).toEqual({
        profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CommunicationRequest-1'],
        versionId: String(advice.versionId),
      });
      expect(body.category[0].coding[0]).toEqual({
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AdviceAndGuidanceStatus-1',
        code: advice.category,
      });
      const containedTypes = body.contained.map((c: Json) => c.resourceType);
      expect(containedTypes.filter((t: string) => t === 'DocumentReference')).toHaveLength(advice.attachmentIds.length);
      expect(containedTypes).toEqual(expect.arrayContaining(['List', 'Parameters', 'PractitionerRole']));
      const senderRef = body.sender.extension[0].valueReference.reference;
      expect(body.contained.some((c: Json) => `#${c.id}` === senderRef && c.resourceType === 'PractitionerRole')).toBe(true);
      expect(body.recipient[0].extension[0].valueReference.identifier.value).toBe(advice.serviceId);
      expect(body.extension.map((e: Json) => e.url.split('/').pop())).toEqual([
        'Extension-eRS-ReferralShortlist-1',
        'Extension-eRS-ReferralPriority-1',
        'Extension-eRS-ProviderConversionAuthorisation-1',
        'Extension-eRS-Specialty-1',
      ]);
      expect(body.payload).toHaveLength(advice.attachmentIds.length);
    });

    it('serves the current version from _history and refuses others with 404 HISTORY_NOT_SUPPORTED', async () => {
      const advice = withAttachments();
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      expect((await http.get(`/STU3/CommunicationRequest/${advice.ubrn}/_history/${advice.versionId}`, headers)).status).toBe(200);
      const old = await http.get(`/STU3/CommunicationRequest/${advice.ubrn}/_history/1`, headers);
      expect([old.status, errorCode(old.data)]).toEqual([404, 'HISTORY_NOT_SUPPORTED']);
    });

    it('answers 404 for an unknown UBRN, 422 INVALID_REQUEST_TYPE for a referral UBRN, 422 NO_RELATIONSHIP for another trust, 400 for a malformed one', async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const unknown = await http.get('/STU3/CommunicationRequest/000099999999', headers);
      expect([unknown.status, errorCode(unknown.data)]).toEqual([404, 'REC_NOT_FOUND']);
      const referral = await http.get(`/STU3/CommunicationRequest/${sim.world.referrals[0].ubrn}`, headers);
      expect([referral.status, errorCode(referral.data)]).toEqual([422, 'INVALID_REQUEST_TYPE']);
      const outsider = await http.get(
        `/STU3/CommunicationRequest/${withAttachments().ubrn}`,
        await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN', OTHER_TRUST),
      );
      expect([outsider.status, errorCode(outsider.data)]).toEqual([422, 'NO_RELATIONSHIP']);
      expect((await http.get('/STU3/CommunicationRequest/12ab', headers)).status).toBe(400);
    });
  });

  describe('A025', () => {
    const url = (ubrn: string, version: number, includes: string[] = []): string =>
      `/STU3/Communication?based-on=CommunicationRequest/${ubrn}/_history/${version}${includes.map((i) => `&_include=${encodeURIComponent(i)}`).join('')}`;

    it('returns one Communication per message plus the included roles and documents', async () => {
      const advice = withAttachments();
      const response = await http.get(url(advice.ubrn, advice.versionId), await asApplication(sim));
      expect(response.status).toBe(200);
      const body = response.data;
      expectKeys(body, ['id', 'meta', 'resourceType', 'type', 'total', 'link', 'entry']);
      expect(body.total).toBe(advice.messages.length);
      const matches = body.entry.filter((e: Json) => e.search.mode === 'match');
      expect(matches.map((e: Json) => e.resource.note[0].text)).toEqual(advice.messages.map((m) => m.text));
      for (const e of matches) {
        expectKeys(e.resource, ['id', 'meta', 'resourceType', 'status', 'category', 'recipient', 'sent', 'sender', 'note']);
        expect(['REQUESTER', 'RESPONDER']).toContain(e.resource.category[0].coding[0].code);
      }
      const roles = body.entry.filter((e: Json) => e.resource.resourceType === 'PractitionerRole');
      expect(roles.length).toBeGreaterThanOrEqual(2);
      const senderRefs = new Set(matches.map((e: Json) => e.resource.sender.extension[0].valueReference.reference));
      for (const ref of senderRefs) expect(roles.some((r: Json) => `PractitionerRole/${r.resource.id}` === ref)).toBe(true);
      const docs = body.entry.filter((e: Json) => e.resource.resourceType === 'DocumentReference');
      expect(docs).toHaveLength(advice.messages.flatMap((m) => m.attachmentIds).length);
    });

    it('includes only what _include asks for', async () => {
      const advice = withAttachments();
      const response = await http.get(
        url(advice.ubrn, advice.versionId, ['Communication:requester-practitionerrole:PractitionerRole']),
        await asUser(sim, 'REFERRING_CLINICIAN'),
      );
      expect(response.status).toBe(200);
      const included = response.data.entry.filter((e: Json) => e.search.mode === 'include');
      expect(included).toHaveLength(1);
      expect(included[0].resource.practitioner.identifier.value).toBe(advice.requesterUserId);
      const bad = await http.get(url(advice.ubrn, advice.versionId, ['Communication:foo']), await asUser(sim, 'REFERRING_CLINICIAN'));
      expect([bad.status, errorCode(bad.data)]).toEqual([400, 'INVALID_VALUE']);
    });

    it('answers 400 without based-on, 404 for an old version, 400 INVALID_REQUEST_TYPE for a referral', async () => {
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const missing = await http.get('/STU3/Communication', headers);
      expect([missing.status, errorCode(missing.data)]).toEqual([400, 'MISSING_PARAMETER']);
      const advice = withAttachments();
      const old = await http.get(url(advice.ubrn, advice.versionId - 1), headers);
      expect([old.status, errorCode(old.data)]).toEqual([404, 'HISTORY_NOT_SUPPORTED']);
      const referral = sim.world.referrals[0];
      const wrongType = await http.get(url(referral.ubrn, referral.versionId), headers);
      expect([wrongType.status, errorCode(wrongType.data)]).toEqual([400, 'INVALID_REQUEST_TYPE']);
    });
  });

  describe('A043', () => {
    it('returns a PDF attachment for an advice request and 422 INVALID_REQUEST_TYPE for a referral', async () => {
      const advice = withAttachments();
      const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
      const response = await http.post(`/STU3/CommunicationRequest/${advice.ubrn}/$ers.generateCRI`, undefined, headers, {
        responseType: 'arraybuffer',
      });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${advice.ubrn}_Advice_And_Guidance_Overview_\\d{14}\\.pdf"$`),
      );
      const pdf = Buffer.from(response.data);
      expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
      expect(Number(response.headers['content-length'])).toBe(pdf.length);
      expect(pdf.toString('latin1')).toContain(advice.ubrn);
      const referral = await http.post(`/STU3/CommunicationRequest/${sim.world.referrals[0].ubrn}/$ers.generateCRI`, undefined, headers);
      expect(referral.status).toBe(422);
      expect(errorCode(referral.data)).toBe('INVALID_REQUEST_TYPE');
    });
  });
});
