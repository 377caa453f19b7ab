import { Harness, startHarness, USERS } from '../helpers/harness';
import { MAX_UPLOAD_BYTES } from '../../datasources/ers/document-store.api';
import { uploadsOf } from '../../simulator/actions/upload';

/** Small files with real signatures (the server sniffs content, not the part's declared type). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('\x00\x00\x00\x0dIHDR', 'latin1'),
  Buffer.alloc(32, 1),
]);
const TEXT = Buffer.from('Referral letter\r\nPlease see this patient.\r\n', 'utf8');

interface UploadResponse {
  status: number;
  headers: Headers;
  body: {
    attachment?: { url: string; contentType: string; title: string; size: number };
    errors?: Array<{ message: string; extensions: Record<string, any> }>;
  };
}

describe('POST /attachments: upload to the e-RS document store (A020)', () => {
  let h: Harness;
  let url: string;

  beforeAll(async () => {
    h = await startHarness();
    url = h.graphqlUrl.replace(/\/graphql$/, '/attachments');
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.simulator.setFaults([]);
    h.simulator.resetCalls();
  });

  const a020Calls = () => h.ersCalls().filter((call) => call.path === '/STU3/Binary');

  /** Posts a form as a user (bearer token; null: none). */
  async function post(
    form: FormData | { body: string | Buffer; contentType: string },
    options: { user?: string | null; headers?: Record<string, string> } = {},
  ): Promise<UploadResponse> {
    const user = options.user === undefined ? USERS.referrer : options.user;
    const headers: Record<string, string> = { ...options.headers };
    if (user !== null) headers.Authorization = `Bearer ${await h.idToken(user)}`;
    let body: FormData | Buffer | string;
    if (form instanceof FormData) {
      body = form;
    } else {
      body = form.body;
      headers['Content-Type'] = form.contentType;
    }
    const response = await fetch(url, { method: 'POST', headers, body });
    return { status: response.status, headers: response.headers, body: (await response.json()) as UploadResponse['body'] };
  }

  const formWith = (bytes: Buffer, filename: string, type = 'application/octet-stream', fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob([bytes], { type }), filename);
    return form;
  };

  describe('refusals, each before any e-RS call', () => {
    it('refuses a file over 5 MB with 413', async () => {
      const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1 - PDF.length, 0x20)]);
      const response = await post(formWith(big, 'letter.pdf', 'application/pdf'));
      expect(response.status).toBe(413);
      expect(response.body.errors?.[0]).toEqual({
        message: `The file is larger than e-RS accepts (${MAX_UPLOAD_BYTES} bytes, 5 MB)`,
        extensions: { code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_UPLOAD_BYTES },
      });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a request far over the limit from its Content-Length, without reading it', async () => {
      const huge = Buffer.concat([PDF, Buffer.alloc(3 * MAX_UPLOAD_BYTES, 0x20)]);
      const response = await post(formWith(huge, 'letter.pdf', 'application/pdf'));
      expect(response.status).toBe(413);
      expect(response.body.errors?.[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('accepts a file of exactly 5 MB as far as the size goes', async () => {
      // Content that is not a PDF: refused as a mismatch (415), so the size check passed without a call.
      const exact = Buffer.alloc(MAX_UPLOAD_BYTES, 0x00);
      const response = await post(formWith(exact, 'letter.pdf'));
      expect(response.status).toBe(415);
      expect(response.body.errors?.[0].extensions.reason).toBe('CONTENT_MISMATCH');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it.each(['macro.xlsm', 'sheet.xls', 'sheet.xlsx', 'run.exe', 'page.html', 'no-extension'])(
      'refuses %s with 415 and the allowed extensions',
      async (filename) => {
        const response = await post(formWith(TEXT, filename, 'text/plain'));
        expect(response.status).toBe(415);
        expect(response.body.errors?.[0].extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'FILE_TYPE_NOT_ALLOWED' });
        expect(response.body.errors?.[0].extensions.allowedExtensions).toEqual(
          expect.arrayContaining(['.pdf', '.docx', '.dcm', '.txt', '.jpe']),
        );
        expect(response.body.errors?.[0].extensions.allowedExtensions).not.toContain('.xls');
        expect(h.ersCalls()).toHaveLength(0);
      },
    );

    it('refuses a .pdf that is really a PNG with 415, saying what it looks like', async () => {
      const response = await post(formWith(PNG, 'letter.pdf', 'application/pdf'));
      expect(response.status).toBe(415);
      expect(response.body.errors?.[0]).toEqual({
        message: "The file's content is not PDF as its name .pdf says (it looks like PNG Image)",
        extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'CONTENT_MISMATCH', detected: 'PNG Image' },
      });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a .txt that is really a PDF', async () => {
      const response = await post(formWith(PDF, 'notes.txt', 'text/plain'));
      expect(response.status).toBe(415);
      expect(response.body.errors?.[0].extensions).toMatchObject({ reason: 'CONTENT_MISMATCH', detected: 'PDF' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a form without a file with 400', async () => {
      const form = new FormData();
      form.append('referralId', '000000070000');
      const response = await post(form);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'NO_FILE' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses two files in one request with 400', async () => {
      const form = formWith(PDF, 'one.pdf');
      form.append('file2', new Blob([PDF]), 'two.pdf');
      const response = await post(form);
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_FILES' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses an empty file with 400', async () => {
      const response = await post(formWith(Buffer.alloc(0), 'empty.txt', 'text/plain'));
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'EMPTY_FILE' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a body that is not multipart with 415', async () => {
      const response = await post({ body: PDF, contentType: 'application/pdf' });
      expect(response.status).toBe(415);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'NOT_MULTIPART' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a referralId that is not a UBRN with 400', async () => {
      const response = await post(formWith(PDF, 'letter.pdf', 'application/pdf', { referralId: '12345' }));
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_REFERRAL_ID' });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a caller without a token with 401, before reading the file', async () => {
      const response = await post(formWith(PDF, 'letter.pdf'), { user: null });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      expect(response.body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses an invalid token with 401', async () => {
      const response = await post(formWith(PDF, 'letter.pdf'), { user: null, headers: { Authorization: 'Bearer not.a.token' } });
      expect(response.status).toBe(401);
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('refuses a role A020 does not allow (SERVICE_PROVIDER_ADMIN) with 403', async () => {
      const response = await post(formWith(PDF, 'letter.pdf'), { user: USERS.providerAdminOnly });
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'BUSINESS_FUNCTION_NOT_ALLOWED',
        endpoint: 'A020',
      });
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('checks the gate before the file: a forbidden caller with a bad file still gets 403', async () => {
      const response = await post(formWith(PNG, 'letter.exe'), { user: USERS.providerAdminOnly });
      expect(response.status).toBe(403);
      expect(h.ersCalls()).toHaveLength(0);
    });

    it('does not let a plain form post reach /graphql: without a preflight header it is refused (CSRF prevention)', async () => {
      const response = await fetch(h.graphqlUrl, {
        method: 'POST',
        headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
        body: formWith(PDF, 'letter.pdf'),
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(h.ersCalls()).toHaveLength(0);
    });
  });

  describe('uploads', () => {
    it('uploads once per Idempotency-Key: a retried post answers with the first reference', async () => {
      const headers = { 'Idempotency-Key': 'route-upload-1' };
      const first = await post(formWith(PDF, 'letter.pdf'), { headers });
      const retry = await post(formWith(PDF, 'letter.pdf'), { headers });
      expect(first.status).toBe(201);
      expect(retry.status).toBe(201);
      expect(retry.body.attachment).toEqual(first.body.attachment);
      expect(a020Calls()).toHaveLength(1);
      const other = await post(formWith(TEXT, 'letter.txt'), { headers });
      expect(other.status).toBe(400);
      expect(other.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
      expect(a020Calls()).toHaveLength(1);
    });

    it('sends the bytes to A020 with the headers the page requires, and answers 201 with the attachment reference', async () => {
      const ubrn = h.simulator.world.referrals[0].ubrn;
      const response = await post(formWith(PDF, 'Referral letter.PDF', 'application/octet-stream', { referralId: ubrn }), {
        headers: { 'X-Correlation-ID': 'upload-test-1' },
      });
      expect(response.status).toBe(201);
      expect(response.body.attachment).toEqual({
        url: expect.stringMatching(/^Binary\/[A-Za-z0-9][A-Za-z0-9.-]*$/),
        contentType: 'application/pdf',
        title: 'Referral letter.pdf',
        size: PDF.length,
      });
      const calls = a020Calls();
      expect(calls).toHaveLength(1);
      expect(calls[0].method).toBe('POST');
      expect(calls[0].status).toBe(201);
      expect(calls[0].headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(PDF.length),
        'nhsd-ers-file-name': 'Referral letter.pdf',
        'nhsd-ers-referral-id': ubrn,
        'nhsd-ers-business-function': 'REFERRING_CLINICIAN',
        'x-correlation-id': 'upload-test-1',
      });
      expect(calls[0].headers['authorization']).toMatch(/^Bearer /);
      // e-RS stored exactly the bytes sent, under the id of the returned URL.
      const stored = uploadsOf(h.simulator.world).get(response.body.attachment!.url.replace(/^Binary\//, ''));
      expect(stored?.bytes.equals(PDF)).toBe(true);
    });

    it.each([
      ['notes.txt', 'text/plain', TEXT],
      ['scan.png', 'image/png', PNG],
    ])('uploads %s as %s', async (filename, contentType, bytes) => {
      const response = await post(formWith(bytes, filename));
      expect(response.status).toBe(201);
      expect(response.body.attachment).toMatchObject({ contentType, title: filename, size: bytes.length });
      expect(a020Calls()[0].headers['content-type']).toBe(contentType);
    });

    it('makes the file name plain ASCII for the NHSD-eRS-File-Name header, keeping its extension', async () => {
      const response = await post(formWith(PDF, 'Lettre "spéciale"\r\n.pdf'));
      expect(response.status).toBe(201);
      expect(response.body.attachment?.title).toMatch(/^[A-Za-z0-9._() -]+\.pdf$/);
      expect(a020Calls()[0].headers['nhsd-ers-file-name']).toBe(response.body.attachment?.title);
    });

    it.each([
      [503, 503, 'UPSTREAM_UNAVAILABLE'],
      [500, 502, 'UPSTREAM_UNAVAILABLE'],
      [429, 429, 'RATE_LIMITED'],
    ])('answers e-RS %i as %i %s, without retrying the write', async (upstream, status, code) => {
      h.simulator.setFaults([{ method: 'POST', path: '/STU3/Binary', kind: 'status', status: upstream }]);
      const response = await post(formWith(PDF, 'letter.pdf'));
      expect(response.status).toBe(status);
      expect(response.body.errors?.[0].extensions).toMatchObject({ code, endpoint: 'A020', httpStatus: upstream });
      expect(a020Calls()).toHaveLength(1);
    });
  });
});
