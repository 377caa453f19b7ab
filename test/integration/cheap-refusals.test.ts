import { request as httpRequest, type ClientRequest } from 'node:http';
import type { Socket } from 'node:net';
import { Harness, startHarness, USERS } from '../helpers/harness';
import { registerTestApplication, userAccessToken } from '../simulator/helpers';
import { MAX_UPLOAD_BYTES } from '../../datasources/ers/document-store.api';

const A030 = '/R4/PractitionerRole';
const ME = '{ me { userId } }';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> };
}

/** A multipart body as a browser would send it; built once and written as is (node:http does not copy it). */
async function multipartBody(parts: Array<[string, string | Blob, string?]>): Promise<{ body: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename);
  }
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { body: Buffer.from(await request.arrayBuffer()), contentType: request.headers.get('content-type')! };
}

/** The GraphQL multipart request of `files` files of `size` bytes each. */
function graphqlUpload(files: number, size: number) {
  const names = Array.from({ length: files }, (_, i) => `f${i}`);
  const operations = {
    query: `mutation(${names.map((n) => `$${n}: Upload!`).join(', ')}) { ${names.map((n) => `${n}: uploadAttachment(file: $${n}) { url }`).join(' ')} }`,
    variables: Object.fromEntries(names.map((n) => [n, null])),
  };
  const map = Object.fromEntries(names.map((n, i) => [String(i), [`variables.${n}`]]));
  const file = new Blob([Buffer.concat([PDF, Buffer.alloc(size - PDF.length, 0x20)])]);
  return multipartBody([
    ['operations', JSON.stringify(operations)],
    ['map', JSON.stringify(map)],
    ...names.map((_, i): [string, Blob, string] => [String(i), file, `letter-${i}.pdf`]),
  ]);
}

/** Starts a POST; `send` bytes of the body go now, the rest when `finish` is called. */
function startPost(url: string, headers: Record<string, string>, body: Buffer, send = body.length) {
  let request!: ClientRequest;
  const response = new Promise<RawResponse>((resolve, reject) => {
    request = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') }),
      );
    });
    request.on('error', reject);
  });
  if (send >= body.length) request.end(body);
  else request.write(body.subarray(0, send));
  return {
    response,
    localPort: () => request.socket?.localPort,
    finish: () => request.end(body.subarray(send)),
    abort: () => request.destroy(),
  };
}

const post = (url: string, headers: Record<string, string>, body: Buffer) => startPost(url, headers, body).response;

/** Bytes the server read from each connection, by the client's port. */
function socketsOf(h: Harness): Map<number, Socket> {
  const sockets = new Map<number, Socket>();
  h.server.app.server.on('connection', (socket: Socket) => sockets.set(socket.remotePort!, socket));
  return sockets;
}

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('apim mode: a token e-RS refused is refused again without asking e-RS', () => {
  let h: Harness;
  let accessToken: string;
  beforeAll(async () => {
    h = await startHarness({ auth: async () => ({ mode: 'apim' }) });
    const app = await registerTestApplication(h.simulator, { cis2ClientId: 'front-end' });
    accessToken = await userAccessToken(h.simulator, app, USERS.referrer);
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.simulator.setFaults([]);
    h.simulator.resetCalls();
  });
  const a030Calls = () => h.simulator.calls.filter((call) => call.path === A030).length;

  it('asks A030 once for a junk token; the same token again is UNAUTHENTICATED (401) with no e-RS call', async () => {
    const junk = { user: null, headers: { Authorization: 'Bearer junk-token-of-a-careless-client' } };
    const first = await h.query(ME, undefined, junk);
    expect(first.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', endpoint: 'A030', httpStatus: 401 });
    expect(a030Calls()).toBe(1);

    for (let i = 0; i < 3; i++) {
      const again = await h.query(ME, undefined, junk);
      expect(again.status).toBe(401);
      expect(again.data ?? null).toBeNull();
      expect(again.errors).toEqual([
        { message: 'e-RS refused this access token', extensions: { code: 'UNAUTHENTICATED', reason: 'TOKEN_REJECTED' } },
      ]);
    }
    expect(a030Calls()).toBe(1);
  });

  it('does not remember a 5xx or a timeout of A030: the token is asked about again, and works', async () => {
    h.simulator.setFaults([{ path: A030, kind: 'status', status: 503, times: 1 }]);
    const failed = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${accessToken}` } });
    expect(failed.errors![0].extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', endpoint: 'A030' });

    const retried = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${accessToken}` } });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.me.userId).toBe(USERS.referrer);
    expect(a030Calls()).toBe(2);
  });
});

describe('failed authentications are limited per client address', () => {
  let h: Harness;
  let known: string;
  let stranger: string;
  beforeAll(async () => {
    h = await startHarness({ auth: async () => ({ mode: 'apim' }) });
    const app = await registerTestApplication(h.simulator, { cis2ClientId: 'front-end' });
    known = await userAccessToken(h.simulator, app, USERS.referrer);
    stranger = await userAccessToken(h.simulator, app, USERS.providerClinician);
  });
  afterAll(() => h.close());
  const a030Calls = () => h.simulator.calls.filter((call) => call.path === A030).length;

  it('refuses the 21st failure of a minute with 429 before asking e-RS; a token that worked before still works', async () => {
    const before = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${known}` } });
    expect(before.data!.me.userId).toBe(USERS.referrer);
    h.simulator.resetCalls();

    // 20 different junk tokens (the refused-token cache cannot help): each costs one A030.
    for (let i = 0; i < 20; i++) {
      const result = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer junk-${i}` } });
      expect(result.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(a030Calls()).toBe(20);

    const refused = await h.query(ME, undefined, { user: null, headers: { Authorization: 'Bearer junk-20' } });
    expect(refused.status).toBe(429);
    expect(refused.errors).toHaveLength(1);
    expect(refused.errors![0].extensions).toEqual({
      code: 'RATE_LIMITED',
      reason: 'AUTHENTICATION_FAILURES',
      retryAfterSeconds: expect.any(Number),
    });
    const retryAfter = refused.errors![0].extensions!.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    expect(a030Calls()).toBe(20);

    // Without a token, or with a token never seen to work, the address waits too (decided: one
    // address's failures hold back its unknown tokens; tokens that worked lately go on).
    expect((await h.query(ME, undefined, { user: null })).status).toBe(429);
    expect((await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${stranger}` } })).status).toBe(429);
    const attachments = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/attachments'), {
      method: 'POST',
      headers: { Authorization: 'Bearer junk-21' },
      body: new FormData(),
    });
    expect(attachments.status).toBe(429);
    expect(a030Calls()).toBe(20);

    const colleague = await h.query(ME, undefined, { user: null, headers: { Authorization: `Bearer ${known}` } });
    expect(colleague.status).toBe(200);
    expect(colleague.errors).toBeUndefined();
    expect(colleague.data!.me.userId).toBe(USERS.referrer);

    // Probes answer whatever the address did.
    expect((await fetch(h.graphqlUrl.replace(/\/graphql$/, '/health'))).status).toBe(200);
  });
});

describe('the client address behind a proxy (TRUST_PROXY)', () => {
  const failAs = (h: Harness, forwardedFor: string) =>
    h.query(ME, undefined, { user: null, headers: { Authorization: 'Bearer not.a.jwt', 'X-Forwarded-For': forwardedFor } });

  it('with TRUST_PROXY naming the proxy, counts each forwarded client apart, download tickets included', async () => {
    const h = await startHarness({ env: { TRUST_PROXY: '127.0.0.1', AUTH_FAILURES_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await failAs(h, '203.0.113.10')).status).toBe(401);
      expect((await failAs(h, '203.0.113.10')).status).toBe(429);
      expect((await failAs(h, '203.0.113.11')).status).toBe(401);

      const download = (forwardedFor: string) =>
        fetch(h.graphqlUrl.replace(/\/graphql$/, '/attachments/att-1?ticket=forged'), { headers: { 'X-Forwarded-For': forwardedFor } });
      for (let i = 0; i < 3; i++) expect((await download('203.0.113.12')).status).toBe(401);
      const refused = await download('203.0.113.12');
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as RawResponse['body']).errors![0].extensions).toMatchObject({
        code: 'RATE_LIMITED',
        reason: 'AUTHENTICATION_FAILURES',
      });
    } finally {
      await h.close();
    }
  });

  it('by default, ignores X-Forwarded-For: a client cannot escape the limit by naming other addresses', async () => {
    const h = await startHarness({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
    try {
      for (let i = 0; i < 3; i++) expect((await failAs(h, `203.0.113.${20 + i}`)).status).toBe(401);
      expect((await failAs(h, '203.0.113.30')).status).toBe(429);
    } finally {
      await h.close();
    }
  });
});

describe('uploads are refused on CSRF and authentication before their body is read', () => {
  let h: Harness;
  let sockets: Map<number, Socket>;
  let attachmentsUrl: string;
  let big: { body: Buffer; contentType: string };
  beforeAll(async () => {
    // No limit on failed authentications here: these tests measure what a refusal costs.
    h = await startHarness({ env: { AUTH_FAILURES_PER_MINUTE: '0', UPLOAD_BUFFER_LIMIT_BYTES: String(32 * 1024 * 1024) } });
    sockets = socketsOf(h);
    attachmentsUrl = h.graphqlUrl.replace(/\/graphql$/, '/attachments');
    big = await graphqlUpload(5, MAX_UPLOAD_BYTES - 1024);
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());
  const a020Calls = () => h.ersCalls().filter((call) => call.path === '/STU3/Binary').length;
  const bytesReadBy = (port: number | undefined) => sockets.get(port!)?.bytesRead ?? 0;
  const preflight = { 'Apollo-Require-Preflight': 'true' };

  it.each([
    ['without a token', { ...preflight }, 401, { code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' }],
    [
      'with an invalid token',
      { ...preflight, Authorization: 'Bearer not.a.jwt' },
      401,
      { code: 'UNAUTHENTICATED', reason: 'INVALID_TOKEN' },
    ],
    ['without a CSRF preflight header', { Authorization: 'Bearer not.a.jwt' }, 400, { code: 'BAD_REQUEST' }],
  ])(
    'refuses 5 x 5 MB of GraphQL multipart %s, reading almost none of it',
    async (_name, headers: Record<string, string>, status, extensions) => {
      const upload = startPost(h.graphqlUrl, { 'Content-Type': big.contentType, ...headers }, big.body);
      const response = await upload.response;
      expect(response.status).toBe(status);
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors![0].extensions).toEqual(extensions);
      if (status === 400) expect(response.body.errors![0].message).toMatch(/CSRF/);
      expect(response.headers.connection).toBe('close');
      expect(bytesReadBy(upload.localPort())).toBeLessThan(1024 * 1024);
      expect(big.body.length).toBeGreaterThan(26_000_000);
      expect(a020Calls()).toBe(0);
    },
  );

  it('refuses POST /attachments without a token before reading the file', async () => {
    const form = await multipartBody([
      ['file', new Blob([Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES - PDF.length, 0x20)])]), 'letter.pdf'],
    ]);
    const upload = startPost(attachmentsUrl, { 'Content-Type': form.contentType }, form.body);
    const response = await upload.response;
    expect(response.status).toBe(401);
    expect(response.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' });
    expect(bytesReadBy(upload.localPort())).toBeLessThan(1024 * 1024);
  });

  it('holds little memory for 20 concurrent anonymous 5 x 5 MB uploads', async () => {
    const before = process.memoryUsage().rss;
    let peak = before;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const uploads = Array.from({ length: 20 }, () => startPost(h.graphqlUrl, { 'Content-Type': big.contentType, ...preflight }, big.body));
    const responses = await Promise.all(uploads.map((upload) => upload.response));
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);

    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(401));
    // Before: ~26 MB read and buffered per request (hundreds of MB in all). Now: the headers and a socket buffer.
    const read = uploads.reduce((sum, upload) => sum + bytesReadBy(upload.localPort()), 0);
    expect(read).toBeLessThan(20 * 1024 * 1024);
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses an upload with 503 UPLOADS_BUSY while others fill the budget, and takes uploads again once they end', async () => {
    const authorization = { Authorization: `Bearer ${await h.idToken(USERS.referrer)}` };
    // One 26 MB GraphQL upload and one 5 MB POST /attachments in flight: 31 of the 32 MB budget.
    const held = startPost(h.graphqlUrl, { 'Content-Type': big.contentType, ...preflight, ...authorization }, big.body, 2 * 1024 * 1024);
    await until(() => bytesReadBy(held.localPort()) >= 2 * 1024 * 1024, 'the held GraphQL upload is being read');
    const file = await multipartBody([
      ['file', new Blob([Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES - PDF.length - 1024, 0x20)])]), 'letter.pdf'],
    ]);
    const heldFile = startPost(attachmentsUrl, { 'Content-Type': file.contentType, ...authorization }, file.body, 1024 * 1024);
    await until(() => bytesReadBy(heldFile.localPort()) >= 1024 * 1024, 'the held file upload is being read');

    const medium = await graphqlUpload(1, 5 * 1024 * 1024);
    const busy = await post(h.graphqlUrl, { 'Content-Type': medium.contentType, ...preflight, ...authorization }, medium.body);
    expect(busy.status).toBe(503);
    expect(busy.body.errors![0].extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', reason: 'UPLOADS_BUSY', retryAfterSeconds: 2 });
    expect(busy.headers['retry-after']).toBe('2');
    const busyFile = await post(attachmentsUrl, { 'Content-Type': file.contentType, ...authorization }, file.body);
    expect(busyFile.status).toBe(503);
    expect(busyFile.body.errors![0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'UPLOADS_BUSY' });

    // A client that goes away gives its room back; one that finishes does too.
    held.abort();
    await held.response.catch(() => undefined);
    heldFile.finish();
    expect((await heldFile.response).status).toBe(201);

    const small = await graphqlUpload(1, PDF.length);
    const accepted = await retryWhileBusy(() =>
      post(h.graphqlUrl, { 'Content-Type': small.contentType, ...preflight, ...authorization }, small.body),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.errors).toBeUndefined();
    expect(accepted.body.data.f0.url).toMatch(/^Binary\//);
  });

  /** The budget is given back when the server sees the aborted connection close: a moment after the client. */
  async function retryWhileBusy(send: () => Promise<RawResponse>): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const response = await send();
      if (response.status !== 503 || attempt >= 50) return response;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
});
