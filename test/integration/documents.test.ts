import { parse as parseContentDisposition } from 'content-disposition';
import { randomBytes } from 'node:crypto';
import diagnosticsChannel from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { findReferral, type Attachment } from '../../simulator';
import { DownloadTickets } from '../../src/auth/download-ticket';
import { Harness, startHarness, USERS } from '../helpers/harness';

/** A key shared with the server, so tests can mint tickets as another (earlier) clock would. */
const TICKET_KEY = randomBytes(32);
/** A referring clinician at a practice no referral of the world comes from. */
const OUTSIDER = '555090000009';

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  json?: { errors: Array<{ message: string; extensions: Record<string, any> }> };
}

describe('document downloads: /attachments/:id (A042), clinical information (A007), A&G overview (A043)', () => {
  let h: Harness;
  let base: string;
  /** Requests the simulator's object store received (the e-RS call log holds /FHIR only). */
  const objectStoreRequests: Array<{ url: string; headers: IncomingMessage['headers'] }> = [];
  const onServerRequest = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.url?.startsWith('/object-store/')) objectStoreRequests.push({ url: request.url, headers: { ...request.headers } });
  };

  beforeAll(async () => {
    diagnosticsChannel.subscribe('http.server.request.start', onServerRequest);
    h = await startHarness({
      env: { DOWNLOAD_TICKET_KEY: TICKET_KEY.toString('base64') },
      simulator: {
        users: [
          {
            userId: OUTSIDER,
            givenName: 'Olu',
            familyName: 'Outside',
            roles: [{ odsCode: 'A99999', businessFunctions: ['REFERRING_CLINICIAN'] }],
          },
        ],
      },
    });
    base = h.graphqlUrl.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    diagnosticsChannel.unsubscribe('http.server.request.start', onServerRequest);
    await h.close();
  });
  beforeEach(() => {
    h.simulator.setFaults([]);
    h.simulator.resetCalls();
    objectStoreRequests.length = 0;
  });

  const trust = () => h.simulator.world.provider.odsCode;
  /** Attachments of referrals at the trust, which its provider clinicians may download. */
  const atTrust = (availability: Attachment['availability'], contentType?: string) =>
    h.simulator.world.attachments.filter(
      (a) =>
        a.availability === availability &&
        a.owner.kind === 'ReferralRequest' &&
        findReferral(h.simulator.world, a.owner.ubrn)?.providerOdsCode === trust() &&
        (contentType === undefined || a.contentType === contentType),
    );
  const available = () => atTrust('AVAILABLE', 'application/pdf')[0];

  /** GET a path of ers-graph as a user (bearer token), or with no credentials at all (user: null). */
  async function get(path: string, options: { user?: string | null; headers?: Record<string, string> } = {}): Promise<Download> {
    const user = options.user === undefined ? USERS.providerClinician : options.user;
    const headers: Record<string, string> = { ...options.headers };
    if (user !== null) headers.Authorization = `Bearer ${await h.idToken(user)}`;
    const response = await fetch(path.startsWith('http') ? path : `${base}${path}`, { headers, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const json = response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(bytes.toString('utf8')) : undefined;
    return { status: response.status, headers: response.headers, bytes, json };
  }

  /** The downloadUrl of every attachment of a referral, as the user sees them through GraphQL. */
  async function downloadUrls(ubrn: string, user: string = USERS.providerClinician, headers?: Record<string, string>) {
    const result = await h.query<{
      referral: { clinicalInformationUrl: string; attachments: Array<{ url: string; availability: string; downloadUrl: string | null }> };
    }>(
      `query ($ubrn: UBRN!) { referral(ubrn: $ubrn) { clinicalInformationUrl attachments { url availability downloadUrl } } }`,
      { ubrn },
      { user, headers },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.referral;
  }

  describe('with the bearer token and role headers of /graphql', () => {
    it('streams the attachment bytes with their type, a sanitised attachment disposition, the length and no-store', async () => {
      const attachment = available();
      const response = await get(`/attachments/${attachment.binaryId}`);
      expect(response.status).toBe(200);
      expect(response.bytes.equals(attachment.bytes)).toBe(true);
      expect(response.headers.get('content-type')).toBe(attachment.contentType);
      // The name as uploaded (filename* when it is not plain ASCII; issue 14 item 2), an ASCII fallback first.
      const disposition = response.headers.get('content-disposition')!;
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
      expect(parseContentDisposition(disposition).parameters.filename).toBe(attachment.title);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Number(response.headers.get('content-length'))).toBe(attachment.bytes.length);
    });

    it('serves every content type of the world byte for byte', async () => {
      const types = [...new Set(atTrust('AVAILABLE').map((a) => a.contentType))];
      expect(types.length).toBeGreaterThan(1);
      for (const type of types) {
        const attachment = atTrust('AVAILABLE', type)[0];
        const response = await get(`/attachments/${attachment.binaryId}`);
        expect([response.status, response.headers.get('content-type'), response.bytes.equals(attachment.bytes)]).toEqual([200, type, true]);
      }
    });

    it("follows A042's redirect to the object store without the token, role or correlation headers, and asks A042 again each time", async () => {
      const attachment = available();
      await get(`/attachments/${attachment.binaryId}`, { headers: { 'X-Correlation-ID': 'download-test-1' } });
      await get(`/attachments/${attachment.binaryId}`);

      const a042 = h.ersCalls().filter((c) => c.path === `/R4/Binary/${attachment.binaryId}`);
      expect(a042).toHaveLength(2); // the redirect target is never reused
      expect(a042[0].headers['authorization']).toMatch(/^Bearer /);
      expect(a042[0].headers['nhsd-ers-business-function']).toBe('SERVICE_PROVIDER_CLINICIAN');
      expect(a042[0].headers['x-correlation-id']).toBe('download-test-1');

      expect(objectStoreRequests).toHaveLength(2);
      expect(objectStoreRequests[0].url).toMatch(
        new RegExp(`^/object-store/attachments/${attachment.binaryId}\\?X-Expires=\\d+&X-Signature=`),
      );
      for (const request of objectStoreRequests) {
        const names = Object.keys(request.headers).map((n) => n.toLowerCase());
        expect(names).not.toContain('authorization');
        expect(names).not.toContain('x-correlation-id');
        expect(names.filter((n) => n.startsWith('nhsd-'))).toEqual([]);
      }
    });

    it.each(['PENDING', 'THREATS_FOUND', 'VALIDATION_FAILED'] as const)(
      'answers 422 ATTACHMENT_NOT_AVAILABLE with availability %s for a file in that state',
      async (availability) => {
        const attachment = atTrust(availability)[0];
        const response = await get(`/attachments/${attachment.binaryId}`);
        expect(response.status).toBe(422);
        expect(response.json!.errors[0].extensions).toMatchObject({ code: 'ATTACHMENT_NOT_AVAILABLE', availability, endpoint: 'A042' });
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(objectStoreRequests).toHaveLength(0);
      },
    );

    it('answers 401 UNAUTHENTICATED without a token, and calls e-RS not at all', async () => {
      const response = await get(`/attachments/${available().binaryId}`, { user: null });
      expect(response.status).toBe(401);
      expect(response.json!.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
      expect(h.simulator.calls).toHaveLength(0);
    });

    it('answers 401 for a bearer token that is not a valid ID token', async () => {
      const response = await get(`/attachments/${available().binaryId}`, { user: null, headers: { Authorization: 'Bearer not.a.token' } });
      expect([response.status, response.json!.errors[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
      expect(h.simulator.calls).toHaveLength(0);
    });

    it('answers 403 FORBIDDEN to a role that may not use A042, before any e-RS call but the role look-up', async () => {
      const response = await get(`/attachments/${available().binaryId}`, { user: USERS.providerAdminOnly });
      expect(response.status).toBe(403);
      expect(response.json!.errors[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'BUSINESS_FUNCTION_NOT_ALLOWED',
        endpoint: 'A042',
      });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('answers 403 for a referral of another organisation (e-RS NO_RELATIONSHIP), without patient data', async () => {
      const attachment = available();
      const response = await get(`/attachments/${attachment.binaryId}`, { user: OUTSIDER });
      expect(response.status).toBe(403);
      expect(response.json!.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', ersCode: 'NO_RELATIONSHIP' });
      expect(JSON.stringify(response.json)).not.toContain(attachment.owner.ubrn);
    });

    it('answers 404 for an unknown binary id and 400 for a malformed one (without calling e-RS)', async () => {
      const unknown = await get('/attachments/00000000-0000-4000-8000-000000000000');
      expect([unknown.status, unknown.json!.errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
      h.simulator.resetCalls();
      const malformed = await get('/attachments/-bad~id');
      expect([malformed.status, malformed.json!.errors[0].extensions.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect(h.ersCalls()).toHaveLength(0);
    });

    it.each([
      [503, 503],
      [500, 502],
    ])('answers e-RS %i with %i UPSTREAM_UNAVAILABLE', async (upstream, status) => {
      h.simulator.setFaults([{ path: '/R4/Binary/', kind: 'status', status: upstream }]);
      const response = await get(`/attachments/${available().binaryId}`);
      expect(response.status).toBe(status);
      expect(response.json!.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', endpoint: 'A042', httpStatus: upstream });
    });

    it('answers 503 when e-RS drops the connection', async () => {
      h.simulator.setFaults([{ path: '/R4/Binary/', kind: 'drop' }]);
      const response = await get(`/attachments/${available().binaryId}`);
      expect(response.status).toBe(503);
      expect(response.json!.errors[0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'CONNECTION' });
    });

    it('serves the clinical information PDF (A007) of a referral', async () => {
      const referral = h.simulator.world.referrals.find((r) => r.providerOdsCode === trust())!;
      const response = await get(`/referrals/${referral.ubrn}/clinical-information.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(response.headers.get('content-disposition')).toMatch(
        new RegExp(`^attachment; filename="${referral.ubrn}_Clinical_Information_[A-Za-z0-9_.-]*\\.pdf"$`),
      );
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(h.ersCalls().map((c) => [c.method, c.path])).toEqual([['POST', `/STU3/ReferralRequest/${referral.ubrn}/$ers.generateCRI`]]);
    });

    it('serves the A&G overview PDF (A043)', async () => {
      const request = h.simulator.world.adviceAndGuidance.find((r) => r.providerOdsCode === trust())!;
      const response = await get(`/advice-and-guidance/${request.ubrn}/overview.pdf`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(h.ersCalls().map((c) => c.path)).toEqual([`/STU3/CommunicationRequest/${request.ubrn}/$ers.generateCRI`]);
    });

    it('answers 404 NOT_FOUND (e-RS INVALID_REQUEST_TYPE) for an A&G UBRN on the referral PDF route', async () => {
      const request = h.simulator.world.adviceAndGuidance.find((r) => r.providerOdsCode === trust())!;
      const response = await get(`/referrals/${request.ubrn}/clinical-information.pdf`);
      expect(response.status).toBe(404);
      expect(response.json!.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', endpoint: 'A007', ersCode: 'INVALID_REQUEST_TYPE' });
    });
  });

  describe('with a download ticket (links from GraphQL)', () => {
    const referralWithFiles = () => {
      const ubrn = available().owner.ubrn;
      return { ubrn, attachments: h.simulator.world.attachments.filter((a) => a.owner.ubrn === ubrn) };
    };

    it('gives AVAILABLE attachments an absolute downloadUrl that works with no headers at all', async () => {
      const { ubrn } = referralWithFiles();
      const referral = await downloadUrls(ubrn);
      const availableOnes = referral.attachments.filter((a) => a.availability === 'AVAILABLE');
      expect(availableOnes.length).toBeGreaterThan(0);
      for (const attachment of availableOnes) {
        const binaryId = attachment.url.replace(/^.*Binary\//, '');
        expect(attachment.downloadUrl).toMatch(
          new RegExp(`^${base}/attachments/${binaryId}\\?ticket=[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*){4}$`),
        );
        const token = await h.idToken(USERS.providerClinician);
        expect(attachment.downloadUrl).not.toContain(token.split('.')[1]);
        const response = await get(attachment.downloadUrl!, { user: null });
        const expected = h.simulator.world.attachments.find((a) => a.binaryId === binaryId)!;
        expect(response.status).toBe(200);
        expect(response.bytes.equals(expected.bytes)).toBe(true);
      }
    });

    it('gives attachments that are not AVAILABLE a null downloadUrl', async () => {
      const attachment = atTrust('PENDING')[0];
      const referral = await downloadUrls(attachment.owner.ubrn);
      const pending = referral.attachments.find((a) => a.url.endsWith(attachment.binaryId))!;
      expect(pending).toMatchObject({ availability: 'PENDING', downloadUrl: null });
    });

    it('gives the referral a clinicalInformationUrl that serves the PDF with no headers', async () => {
      const referral = await downloadUrls(referralWithFiles().ubrn);
      expect(referral.clinicalInformationUrl).toMatch(new RegExp(`^${base}/referrals/\\d{12}/clinical-information\\.pdf\\?ticket=`));
      const response = await get(referral.clinicalInformationUrl, { user: null });
      expect(response.status).toBe(200);
      expect(response.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('acts in the role of the request that made the link (a user with several roles)', async () => {
      const headers = { 'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN', 'NHSD-End-User-Organisation-ODS': trust() };
      const referral = await downloadUrls(referralWithFiles().ubrn, USERS.twoOrganisations, headers);
      const link = referral.attachments.find((a) => a.downloadUrl)!.downloadUrl!;
      h.simulator.resetCalls();
      const response = await get(link, { user: null });
      expect(response.status).toBe(200);
      const a042 = h.ersCalls().find((c) => c.path.startsWith('/R4/Binary/'))!;
      expect(a042.headers['nhsd-ers-business-function']).toBe('SERVICE_PROVIDER_CLINICIAN');
      expect(a042.headers['nhsd-end-user-organisation-ods']).toBe(trust());
    });

    it('refuses a ticket for attachment A used for attachment B with 401 INVALID_TICKET, before any e-RS call', async () => {
      const [a, b] = atTrust('AVAILABLE');
      const referral = await downloadUrls(a.owner.ubrn);
      const link = referral.attachments.find((x) => x.url.endsWith(a.binaryId))!.downloadUrl!;
      const ticket = new URL(link).searchParams.get('ticket')!;
      h.simulator.resetCalls();
      const response = await get(`/attachments/${b.binaryId}?ticket=${ticket}`, { user: null });
      expect(response.status).toBe(401);
      expect(response.json!.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TICKET' });
      expect(h.simulator.calls).toHaveLength(0);
      // ...and an attachment ticket for a PDF route.
      const pdf = await get(`/referrals/${a.owner.ubrn}/clinical-information.pdf?ticket=${ticket}`, { user: null });
      expect([pdf.status, pdf.json!.errors[0].extensions.reason]).toEqual([401, 'INVALID_TICKET']);
    });

    it('refuses a tampered ticket with 401 INVALID_TICKET', async () => {
      const attachment = available();
      const referral = await downloadUrls(attachment.owner.ubrn);
      const link = referral.attachments.find((x) => x.url.endsWith(attachment.binaryId))!.downloadUrl!;
      const parts = new URL(link).searchParams.get('ticket')!.split('.');
      const i = Math.floor(parts[3].length / 2);
      parts[3] = parts[3].slice(0, i) + (parts[3][i] === 'A' ? 'B' : 'A') + parts[3].slice(i + 1);
      h.simulator.resetCalls();
      const response = await get(`/attachments/${attachment.binaryId}?ticket=${parts.join('.')}`, { user: null });
      expect(response.status).toBe(401);
      expect(response.json!.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'INVALID_TICKET' });
      expect(h.simulator.calls).toHaveLength(0);
    });

    it('refuses an expired ticket with 401 TICKET_EXPIRED', async () => {
      const attachment = available();
      // Issued 6 minutes ago with a 5-minute life, under the server's shared key.
      const earlier = new DownloadTickets(new Uint8Array(TICKET_KEY), { ttlSeconds: 300, now: () => Date.now() - 6 * 60_000 });
      const ticket = await earlier.issue(
        { kind: 'attachment', id: attachment.binaryId },
        { token: await h.idToken(USERS.providerClinician), role: {} },
      );
      const response = await get(`/attachments/${attachment.binaryId}?ticket=${ticket}`, { user: null });
      expect(response.status).toBe(401);
      expect(response.json!.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TICKET_EXPIRED' });
      expect(h.simulator.calls).toHaveLength(0);

      // The same ticket minted now works: the refusal above is the expiry, not the ticket.
      const now = new DownloadTickets(new Uint8Array(TICKET_KEY), { ttlSeconds: 300 });
      const fresh = await now.issue(
        { kind: 'attachment', id: attachment.binaryId },
        { token: await h.idToken(USERS.providerClinician), role: {} },
      );
      expect((await get(`/attachments/${attachment.binaryId}?ticket=${fresh}`, { user: null })).status).toBe(200);
    });

    it('refuses a ticket under another key with 401 INVALID_TICKET', async () => {
      const attachment = available();
      const other = new DownloadTickets(new Uint8Array(randomBytes(32)), { ttlSeconds: 300 });
      const ticket = await other.issue(
        { kind: 'attachment', id: attachment.binaryId },
        { token: await h.idToken(USERS.providerClinician), role: {} },
      );
      const response = await get(`/attachments/${attachment.binaryId}?ticket=${ticket}`, { user: null });
      expect([response.status, response.json!.errors[0].extensions.reason]).toEqual([401, 'INVALID_TICKET']);
    });

    it('still applies the role gate to the role a ticket carries (403, no e-RS call)', async () => {
      const attachment = available();
      const ticket = await new DownloadTickets(new Uint8Array(TICKET_KEY), { ttlSeconds: 300 }).issue(
        { kind: 'attachment', id: attachment.binaryId },
        { token: await h.idToken(USERS.providerAdminOnly), role: {} },
      );
      const response = await get(`/attachments/${attachment.binaryId}?ticket=${ticket}`, { user: null });
      expect([response.status, response.json!.errors[0].extensions.code]).toEqual([403, 'FORBIDDEN']);
      expect(h.ersCalls()).toHaveLength(0);
    });
  });
});
