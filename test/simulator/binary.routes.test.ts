import axios from 'axios';
import { startSimulator, type RunningSimulator } from '../../simulator';
import { checkPresigned, presignPath } from '../../simulator/http/presigned';
import { asApplication, asUser, OTHER_PRACTICE, OUTSIDERS } from './helpers/caller';
import { call, errorCode } from './helpers/fhir';

describe('attachments (A006, A042) and the clinical information PDF (A007)', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  const available = () =>
    sim.world.attachments.find(
      (a) => a.availability === 'AVAILABLE' && a.owner.kind === 'ReferralRequest' && a.contentType === 'application/pdf',
    )!;
  const binary = { responseType: 'arraybuffer' as const };

  describe('A006 (STU3)', () => {
    it('streams the file bytes with its content type and an attachment disposition', async () => {
      const attachment = available();
      const response = await http.get(`/STU3/Binary/${attachment.binaryId}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'), binary);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(`attachment; filename="${attachment.title}"`);
      expect(Buffer.from(response.data).equals(attachment.bytes)).toBe(true);
    });

    it.each(['PENDING', 'THREATS_FOUND', 'VALIDATION_FAILED'] as const)(
      'answers 422 %s for an attachment in that state',
      async (status) => {
        const attachment = sim.world.attachments.find((a) => a.availability === status && a.owner.kind === 'ReferralRequest')!;
        const response = await http.get(`/STU3/Binary/${attachment.binaryId}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN'));
        expect([response.status, errorCode(response.data)]).toEqual([422, status]);
      },
    );

    it('answers 404 for an unknown id and 403 to a practice with no relationship', async () => {
      const unknown = await http.get('/STU3/Binary/00000000-0000-4000-8000-000000000000', await asUser(sim, 'REFERRING_CLINICIAN'));
      expect(unknown.status).toBe(404);
      const outsider = await http.get(`/STU3/Binary/${available().binaryId}`, await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE));
      expect([outsider.status, errorCode(outsider.data)]).toEqual([403, 'FORBIDDEN']);
    });
  });

  describe('A042 (R4)', () => {
    it('redirects (307) to a pre-signed location that serves the bytes without e-RS headers', async () => {
      const attachment = available();
      const response = await http.get(`/R4/Binary/${attachment.binaryId}`, await asApplication(sim), { maxRedirects: 0 });
      expect(response.status).toBe(307);
      const location = response.headers.location as string;
      expect(location).toMatch(
        new RegExp(
          `^http://127\\.0\\.0\\.1:${sim.port}/object-store/attachments/${attachment.binaryId}\\?X-Expires=\\d+&X-Signature=[0-9a-f]{64}$`,
        ),
      );
      const download = await axios.get(location, { responseType: 'arraybuffer', validateStatus: () => true });
      expect(download.status).toBe(200);
      expect(Buffer.from(download.data).equals(attachment.bytes)).toBe(true);
      expect(download.headers['content-type']).toBe(attachment.contentType);
    });

    it('follows the redirect transparently for clients that follow redirects', async () => {
      const attachment = available();
      const response = await http.get(`/R4/Binary/${attachment.binaryId}`, await asUser(sim, 'REFERRING_CLINICIAN'), binary);
      expect(response.status).toBe(200);
      expect(Buffer.from(response.data).equals(attachment.bytes)).toBe(true);
    });

    it('refuses a tampered location (403) and a location past its expiry', async () => {
      const attachment = available();
      const location = (await http.get(`/R4/Binary/${attachment.binaryId}`, await asApplication(sim), { maxRedirects: 0 })).headers
        .location as string;
      const tampered = location.replace(/X-Expires=(\d+)/, (_m, n) => `X-Expires=${Number(n) + 3600}`);
      const refused = await axios.get(tampered, { validateStatus: () => true });
      expect(refused.status).toBe(403);
      expect(refused.data).toContain('SignatureDoesNotMatch');
      const secret = Buffer.alloc(32, 7);
      const path = presignPath(secret, 'abc', 1_000_000, 60);
      const params = new URLSearchParams(path.split('?')[1]);
      expect(checkPresigned(secret, 'abc', params.get('X-Expires')!, params.get('X-Signature')!, 1_000_000 + 59_000)).toBe('ok');
      expect(checkPresigned(secret, 'abc', params.get('X-Expires')!, params.get('X-Signature')!, 1_000_000 + 61_000)).toBe('expired');
      expect(checkPresigned(secret, 'abd', params.get('X-Expires')!, params.get('X-Signature')!, 1_000_000)).toBe('bad-signature');
    });

    it('answers R4 outcomes: 422 for unavailable files, 403 NO_RELATIONSHIP, 404 unknown', async () => {
      const pending = sim.world.attachments.find((a) => a.availability === 'PENDING')!;
      const response = await http.get(`/R4/Binary/${pending.binaryId}`, await asApplication(sim), { maxRedirects: 0 });
      expect(response.status).toBe(422);
      expect(response.data.issue[0].details.coding[0]).toEqual({
        system: 'https://fhir.nhs.uk/CodeSystem/ers-error-codes',
        code: 'PENDING',
      });
      const outsider = await http.get(`/R4/Binary/${available().binaryId}`, await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE), {
        maxRedirects: 0,
      });
      expect([outsider.status, outsider.data.issue[0].details.coding[0].code]).toEqual([403, 'NO_RELATIONSHIP']);
      expect((await http.get('/R4/Binary/nope-123', await asApplication(sim))).status).toBe(404);
    });
  });

  describe('A007 clinical information PDF', () => {
    it('generates a PDF summary of the referral', async () => {
      const referral = sim.world.referrals.find((r) => r.attachmentIds.length > 1)!;
      const response = await http.post(
        `/STU3/ReferralRequest/${referral.ubrn}/$ers.generateCRI`,
        undefined,
        await asApplication(sim),
        binary,
      );
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${referral.ubrn}_Clinical_Information_\\d{14}\\.pdf"$`),
      );
      const pdf = Buffer.from(response.data).toString('latin1');
      expect(pdf.startsWith('%PDF-1.4')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      expect(pdf).toContain(`UBRN: ${referral.ubrn}`);
    });

    it('answers 404 unknown, 422 INVALID_REQUEST_TYPE for an advice request, 422 NO_RELATIONSHIP for another practice', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      expect((await http.post('/STU3/ReferralRequest/000099999999/$ers.generateCRI', undefined, headers)).status).toBe(404);
      const advice = await http.post(`/STU3/ReferralRequest/${sim.world.adviceAndGuidance[0].ubrn}/$ers.generateCRI`, undefined, headers);
      expect([advice.status, errorCode(advice.data)]).toEqual([422, 'INVALID_REQUEST_TYPE']);
      const outsider = await http.post(
        `/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}/$ers.generateCRI`,
        undefined,
        await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE),
      );
      expect([outsider.status, errorCode(outsider.data)]).toEqual([422, 'NO_RELATIONSHIP']);
    });
  });
});
