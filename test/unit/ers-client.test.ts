import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ErsCallEvent, ErsClient, ErsClientOptions, ErsCredentials, ersHttp, staticCredentials } from '../../datasources/ers/client';
import { ErsError } from '../../datasources/ers/errors';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for e-RS, with a handler per test. */
async function upstream(handler: Handler): Promise<{ baseUrl: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/FHIR`, server };
}

const options = (overrides: Partial<ErsClientOptions> = {}): ErsClientOptions => ({
  timeoutMs: 2000,
  maxConcurrency: 8,
  maxRateLimitRetries: 3,
  retryBaseDelayMs: 10,
  ...overrides,
});

const roleHeaders = {
  'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN',
  'NHSD-End-User-Organisation-ODS': 'R69',
};
const caller = { credentials: staticCredentials('token-a', roleHeaders), correlationId: 'corr-1' };

describe('ErsClient', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('sends the FHIR Accept header, the token, the role headers and the correlation id', async () => {
    let seen: IncomingMessage['headers'] = {};
    const up = await upstream((req, res) => {
      seen = req.headers;
      res.writeHead(200, { 'Content-Type': 'application/fhir+json', ETag: 'W/"4"' });
      res.end('{"resourceType":"ReferralRequest"}');
    });
    server = up.server;
    const credentials = staticCredentials('token-a', { ...roleHeaders, 'NHSD-eRS-On-Behalf-Of-User-ID': '555000000001' });
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'corr-1' }, options());
    const response = await client.read('A005', '/STU3/ReferralRequest/000000070000');

    // The body parsed, and as e-RS sent it (what a version kept across requests is copied from).
    const { status, body, text, etag, location } = response;
    expect({ status, body, text, etag, location }).toEqual({
      status: 200,
      body: { resourceType: 'ReferralRequest' },
      text: '{"resourceType":"ReferralRequest"}',
      etag: 'W/"4"',
      location: undefined,
    });
    // Parsed once: every read of the body is the same object.
    expect(response.body).toBe(body);
    expect(seen).toMatchObject({
      accept: 'application/fhir+json',
      authorization: 'Bearer token-a',
      'nhsd-ers-business-function': 'SERVICE_PROVIDER_CLINICIAN',
      'nhsd-end-user-organisation-ods': 'R69',
      'nhsd-ers-on-behalf-of-user-id': '555000000001',
      'x-correlation-id': 'corr-1',
    });
  });

  it('omits role headers the caller does not have', async () => {
    let seen: IncomingMessage['headers'] = {};
    const up = await upstream((req, res) => {
      seen = req.headers;
      res.end('{}');
    });
    server = up.server;
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials: staticCredentials(undefined), correlationId: 'c' }, options());
    await client.read('A004', '/STU3/CodeSystem/SPECIALTY');
    expect(Object.keys(seen)).not.toEqual(expect.arrayContaining(['authorization']));
    expect(seen['nhsd-ers-business-function']).toBeUndefined();
    expect(seen['nhsd-ers-on-behalf-of-user-id']).toBeUndefined();
  });

  it('never has more calls in flight than maxConcurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const up = await upstream((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.end('{}');
      }, 20);
    });
    server = up.server;
    const client = new ErsClient(ersHttp(up.baseUrl), caller, options({ maxConcurrency: 3 }));
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.read('A033', `/R4/HealthcareService/${i}`)));
    expect(peak).toBe(3);
  });

  it('backs off and retries a read answered 429, honouring Retry-After', async () => {
    const times: number[] = [];
    const up = await upstream((_req, res) => {
      times.push(Date.now());
      if (times.length < 3) {
        res.writeHead(429, { 'Retry-After': times.length === 2 ? '1' : '0' });
        res.end('');
      } else res.end('{"ok":true}');
    });
    server = up.server;
    const events: ErsCallEvent[] = [];
    const client = new ErsClient(ersHttp(up.baseUrl), caller, options({ onCall: (e) => events.push(e) }));
    const response = await client.read('A005', '/STU3/ReferralRequest/000000070000');
    expect(response.body).toEqual({ ok: true });
    expect(times).toHaveLength(3);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(950); // Retry-After: 1 beats the 20 ms back-off
    expect(events.map((e) => [e.status, e.attempt])).toEqual([
      [429, 1],
      [429, 2],
      [200, 3],
    ]);
  });

  it('never retries a POST answered 429', async () => {
    let calls = 0;
    const up = await upstream((_req, res) => {
      calls++;
      res.writeHead(429);
      res.end('');
    });
    server = up.server;
    const client = new ErsClient(ersHttp(up.baseUrl), caller, options());
    await expect(
      client.send({ endpoint: 'A011', method: 'POST', path: '/STU3/ReferralRequest/$ers.createReferral', body: {} }),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(calls).toBe(1);
  });

  it('turns a timeout into UPSTREAM_UNAVAILABLE without the token in the error', async () => {
    const up = await upstream(() => undefined); // never answers
    server = up.server;
    const client = new ErsClient(ersHttp(up.baseUrl), caller, options({ timeoutMs: 150 }));
    const error = await client.read('A005', '/STU3/ReferralRequest/000000070000').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErsError);
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', transport: 'TIMEOUT' });
    expect(JSON.stringify(error, Object.getOwnPropertyNames(error))).not.toContain('token-a');
    up.server.closeAllConnections();
  });

  it('turns a dropped connection into UPSTREAM_UNAVAILABLE', async () => {
    const up = await upstream((req) => req.socket.destroy());
    server = up.server;
    const client = new ErsClient(ersHttp(up.baseUrl), caller, options());
    await expect(client.read('A005', '/STU3/ReferralRequest/000000070000')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      transport: 'CONNECTION',
    });
  });

  it('after a 401, asks for a fresh token once and retries with it', async () => {
    const seen: string[] = [];
    const up = await upstream((req, res) => {
      seen.push(String(req.headers.authorization));
      res.writeHead(req.headers.authorization === 'Bearer fresh' ? 200 : 401);
      res.end(req.headers.authorization === 'Bearer fresh' ? '{}' : '');
    });
    server = up.server;
    let token = 'stale';
    const credentials: ErsCredentials = {
      accessToken: async () => token,
      invalidate: async () => {
        token = 'fresh';
        return true;
      },
      roleHeaders: async () => ({}),
    };
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c' }, options());
    await expect(client.read('A005', '/STU3/ReferralRequest/000000070000')).resolves.toMatchObject({ status: 200 });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
  });

  it('gives UNAUTHENTICATED after a second 401, without looping', async () => {
    let calls = 0;
    const up = await upstream((_req, res) => {
      calls++;
      res.writeHead(401, { 'WWW-Authenticate': 'Bearer' });
      res.end('');
    });
    server = up.server;
    let invalidations = 0;
    const credentials: ErsCredentials = {
      accessToken: async () => 'token',
      invalidate: async () => {
        invalidations++;
        return true;
      },
      roleHeaders: async () => ({}),
    };
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c' }, options());
    await expect(client.read('A005', '/STU3/ReferralRequest/000000070000')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      httpStatus: 401,
    });
    expect(calls).toBe(2);
    expect(invalidations).toBe(1);
  });
});
