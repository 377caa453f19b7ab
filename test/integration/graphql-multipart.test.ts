import { Harness, startHarness, USERS } from '../helpers/harness';
import { MAX_UPLOAD_BYTES } from '../../datasources/ers/document-store.api';
import { uploadsOf } from '../../simulator/actions/upload';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const UPLOAD = `mutation($file: Upload!, $ubrn: UBRN) { uploadAttachment(file: $file, referralId: $ubrn) { url contentType title size } }`;

interface GraphQLBody {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions?: Record<string, any> }>;
}

/**
 * The GraphQL multipart request spec on /graphql: `uploadAttachment(file: Upload!)` stores a file
 * with A020 under the same rules as POST /attachments, and Apollo's CSRF prevention stays on.
 */
describe('GraphQL multipart uploads (uploadAttachment, A020)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const a020Calls = () => h.ersCalls().filter((call) => call.path === '/STU3/Binary');

  /** A multipart GraphQL request: operations, map, then the file as field "0". */
  async function send(bytes: Buffer, filename: string, options: { ubrn?: string; headers?: Record<string, string>; user?: string } = {}) {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD, variables: { file: null, ubrn: options.ubrn ?? null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([bytes], { type: 'application/octet-stream' }), filename);
    const headers = {
      Authorization: `Bearer ${await h.idToken(options.user ?? USERS.referrer)}`,
      'Apollo-Require-Preflight': 'true',
      ...options.headers,
    };
    const response = await fetch(h.graphqlUrl, { method: 'POST', headers, body: form });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  }

  it('uploads a file for a referral; the reference is the one the attach mutations take', async () => {
    const ubrn = h.simulator.world.referrals.find((r) => r.state === 'NOT_BOOKED')!.ubrn;
    const { status, body } = await send(PDF, 'Blood results.pdf', { ubrn });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const attachment = body.data!.uploadAttachment;
    expect(attachment).toEqual({
      url: expect.stringMatching(/^Binary\/[A-Za-z0-9.-]+$/),
      contentType: 'application/pdf',
      title: 'Blood results.pdf',
      size: PDF.length,
    });
    expect(a020Calls()).toHaveLength(1);
    const stored = [...uploadsOf(h.simulator.world).values()].find((u) => `Binary/${u.binaryId}` === attachment.url);
    expect(stored).toMatchObject({ referralId: ubrn, fileName: 'Blood results.pdf' });
    expect(Buffer.compare(stored!.bytes, PDF)).toBe(0);
  });

  it('uploads once per Idempotency-Key: a retry gets the first reference; another file with the key is refused', async () => {
    const headers = { 'Idempotency-Key': 'upload-retry-1' };
    const first = await send(PDF, 'discharge.pdf', { headers });
    expect(first.body.errors).toBeUndefined();
    const retry = await send(PDF, 'discharge.pdf', { headers });
    expect(retry.body.data).toEqual(first.body.data);
    expect(a020Calls()).toHaveLength(1);

    const other = await send(Buffer.concat([PDF, Buffer.from('% another page\n')]), 'discharge.pdf', { headers });
    expect(other.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'IDEMPOTENCY_KEY_REUSED' });
    expect(a020Calls()).toHaveLength(1);
  });

  it('answers a repeated upload with an idempotencyKey argument whole from the store', async () => {
    const form = () => {
      const body = new FormData();
      body.append(
        'operations',
        JSON.stringify({
          query: `mutation($file: Upload!) { uploadAttachment(file: $file, idempotencyKey: "upload-arg-1") { url } }`,
          variables: { file: null },
        }),
      );
      body.append('map', JSON.stringify({ 0: ['variables.file'] }));
      body.append('0', new Blob([PDF]), 'results.pdf');
      return body;
    };
    const headers = { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' };
    const first = await fetch(h.graphqlUrl, { method: 'POST', headers, body: form() });
    const again = await fetch(h.graphqlUrl, { method: 'POST', headers, body: form() });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect(a020Calls()).toHaveLength(1);
  });

  it('keeps CSRF prevention on: a multipart request without a preflight header is refused before anything runs', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }));
    form.append('map', JSON.stringify({ 0: ['variables.file'] }));
    form.append('0', new Blob([PDF]), 'letter.pdf');
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/i);
    expect(a020Calls()).toHaveLength(0);
  });

  it('refuses a file over 5 MB, a type e-RS does not take and content that is not what its name says, with no e-RS call', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES, 0x20)]);
    const tooLarge = await send(big, 'scan.pdf');
    expect(tooLarge.body.errors![0].extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', maxBytes: MAX_UPLOAD_BYTES });

    const exe = await send(Buffer.from('MZ\x90\x00', 'latin1'), 'setup.exe');
    expect(exe.body.errors![0].extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'FILE_TYPE_NOT_ALLOWED' });

    const fake = await send(Buffer.from('<html>not a pdf</html>'), 'letter.pdf');
    expect(fake.body.errors![0].extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'CONTENT_MISMATCH' });
    expect(a020Calls()).toHaveLength(0);
  });

  it('refuses a role that may not upload before reading e-RS, and an Upload given as plain JSON', async () => {
    const refused = await send(PDF, 'letter.pdf', { user: USERS.providerAdminOnly });
    expect(refused.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', endpoint: 'A020' });

    const json = await h.query(UPLOAD, { file: 'not a file' });
    expect(json.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(a020Calls()).toHaveLength(0);
  });

  it('answers a malformed multipart request (a map naming a missing file) with 400 and a clear message', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: UPLOAD, variables: { file: null } }));
    form.append('map', JSON.stringify({ 1: ['variables.file'] }));
    form.append('0', new Blob([PDF]), 'letter.pdf');
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' },
      body: form,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as GraphQLBody).errors![0].message).toMatch(/map names a file field/);
  });
});
