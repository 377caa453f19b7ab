import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ErsCallEvent, ErsClient, ErsClientOptions, ersHttp, RequestAbort, staticCredentials } from '../../datasources/ers/client';
import { retrieveAttachment } from '../../datasources/ers/binary.api';
import { GcraRateLimiter, MemoryRateStore } from '../../datasources/ers/rate-limiter';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A real HTTP server standing in for e-RS; it remembers which requests arrived and which were cut off. */
async function upstream(handler: Handler) {
  const arrived: string[] = [];
  const cutOff: string[] = [];
  const server: Server = createServer((req, res) => {
    arrived.push(req.url ?? '');
    res.on('close', () => {
      if (!res.writableFinished) cutOff.push(req.url ?? '');
    });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/FHIR`,
    arrived,
    cutOff,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const options = (overrides: Partial<ErsClientOptions> = {}): ErsClientOptions => ({
  timeoutMs: 5000,
  maxConcurrency: 2,
  maxRateLimitRetries: 3,
  retryBaseDelayMs: 10,
  ...overrides,
});

const credentials = staticCredentials('token-a');
const never: Handler = () => undefined;
const settle = (promises: Array<Promise<unknown>>) => Promise.allSettled(promises);

describe('ErsClient deadlines and cancellation', () => {
  let up: Awaited<ReturnType<typeof upstream>> | undefined;
  afterEach(async () => {
    await up?.close();
    up = undefined;
  });

  it('a client that goes away aborts the calls in flight and the ones queued behind them; none is sent after', async () => {
    up = await upstream(never);
    const controller = new AbortController();
    const events: ErsCallEvent[] = [];
    const client = new ErsClient(
      ersHttp(up.baseUrl),
      { credentials, correlationId: 'c', signal: controller.signal },
      options({ onCall: (e) => events.push(e) }),
    );
    const calls = Array.from({ length: 6 }, (_, i) => client.read('A005', `/STU3/ReferralRequest/00000000000${i}`));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(up.arrived).toHaveLength(2); // maxConcurrency: the other 4 wait in the client
    controller.abort(new RequestAbort('CLIENT_CLOSED'));
    const results = await settle(calls);

    expect(results.map((r) => r.status)).toEqual(Array(6).fill('rejected'));
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'CANCELLED', transport: 'CLIENT_CLOSED', endpoint: 'A005' });
    expect((results[5] as PromiseRejectedResult).reason).toMatchObject({ code: 'CANCELLED' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(up.arrived).toHaveLength(2);
    expect(up.cutOff).toHaveLength(2); // the two in flight were aborted on the wire, not left to run
    expect(events.map((e) => e.status)).toEqual(['ABORTED', 'ABORTED']);
  });

  it('a call waiting for the rate limit when its client goes away leaves the queue as CANCELLED, a typed error', async () => {
    up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
      res.end('{}');
    });
    const controller = new AbortController();
    const rateLimiter = new GcraRateLimiter(new MemoryRateStore(), { perSecond: 1, burst: 1, maxWaitMs: 60_000 });
    const client = new ErsClient(
      ersHttp(up.baseUrl),
      { credentials, correlationId: 'c', signal: controller.signal },
      options({ rateLimiter }),
    );
    await client.read('A005', '/STU3/ReferralRequest/1'); // takes the one slot of this second
    const queued = client.read('A005', '/STU3/ReferralRequest/2');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rateLimiter.waiting).toBe(1);
    controller.abort(new RequestAbort('CLIENT_CLOSED'));
    await expect(queued).rejects.toMatchObject({ code: 'CANCELLED', endpoint: 'A005' });
    expect(rateLimiter.waiting).toBe(0);
    expect(up.arrived).toHaveLength(1);
  });

  it('a deadline that passes fails the waiting calls with DEADLINE_EXCEEDED', async () => {
    up = await upstream(never);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new RequestAbort('DEADLINE')), 150);
    const client = new ErsClient(
      ersHttp(up.baseUrl),
      { credentials, correlationId: 'c', signal: controller.signal, deadlineAt: Date.now() + 150 },
      options(),
    );
    const started = Date.now();
    const results = await settle([
      client.read('A005', '/STU3/ReferralRequest/1'),
      client.read('A005', '/STU3/ReferralRequest/2'),
      client.read('A005', '/STU3/ReferralRequest/3'),
    ]);
    expect(Date.now() - started).toBeLessThan(2000); // not the call's own 5 s timeout
    for (const result of results)
      expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'DEADLINE_EXCEEDED', transport: 'DEADLINE' });
  });

  it('a call never waits for e-RS past the deadline, even without an abort signal', async () => {
    up = await upstream(never);
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c', deadlineAt: Date.now() + 200 }, options());
    await expect(client.read('A005', '/STU3/ReferralRequest/1')).rejects.toMatchObject({ code: 'DEADLINE_EXCEEDED' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(up.cutOff).toHaveLength(1);
  });

  it('a Retry-After longer than the time left fails at once with RATE_LIMITED and retryAfterSeconds, without waiting it out', async () => {
    up = await upstream((_req, res) => {
      res.writeHead(429, { 'Retry-After': '40' });
      res.end();
    });
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c', deadlineAt: Date.now() + 30_000 }, options());
    const started = Date.now();
    await expect(client.read('A005', '/STU3/ReferralRequest/1')).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(up.arrived).toHaveLength(1);
  });

  it('a back-off that fits in the time left is still waited and retried', async () => {
    let n = 0;
    up = await upstream((_req, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'Retry-After': '1' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
        res.end('{"resourceType":"ReferralRequest"}');
      }
    });
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c', deadlineAt: Date.now() + 30_000 }, options());
    await expect(client.read('A005', '/STU3/ReferralRequest/1')).resolves.toMatchObject({ status: 200 });
    expect(up.arrived).toHaveLength(2);
  });

  it('cuts off a JSON answer above maxResponseBytes as it arrives: UPSTREAM_ERROR, RESPONSE_TOO_LARGE', async () => {
    let written = 0;
    up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
      // 64 MB in 64 KB chunks unless the client hangs up first.
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const write = () => {
        while (written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      res.write('{"entry":[');
      write();
    });
    const client = new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c' }, options({ maxResponseBytes: 1024 * 1024 }));
    await expect(client.read('A008', '/STU3/ReferralRequest')).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      transport: 'RESPONSE_TOO_LARGE',
      endpoint: 'A008',
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(written).toBeLessThan(16 * 1024 * 1024); // the rest was never sent: the connection was closed
  });

  it('streams go through the same loop as JSON calls: counted, budgeted, retried after a 429, errors mapped from the OperationOutcome', async () => {
    let n = 0;
    up = await upstream((req, res) => {
      n++;
      if (req.url?.includes('missing')) {
        res.writeHead(404, { 'Content-Type': 'application/fhir+json' });
        res.end(
          JSON.stringify({
            resourceType: 'OperationOutcome',
            issue: [{ severity: 'error', code: 'not-found', details: { coding: [{ code: 'REC_NOT_FOUND' }] } }],
          }),
        );
      } else if (n === 1) {
        res.writeHead(429, { 'Retry-After': '0' });
        res.end();
      } else {
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Disposition': 'attachment; filename="letter.pdf"' });
        res.end('%PDF-1.4 whole');
      }
    });
    const spent: string[] = [];
    const client = new ErsClient(
      ersHttp(up.baseUrl),
      { credentials, correlationId: 'c', budget: { spend: (endpoint) => spent.push(endpoint) } },
      options(),
    );
    const file = await retrieveAttachment(client, 'att-1');
    const chunks: Buffer[] = [];
    for await (const chunk of file.body) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.4 whole');
    expect(file.filename).toBe('letter.pdf');
    expect(client.callsMade).toBe(2);
    expect(spent).toEqual(['A042', 'A042']);
    await expect(retrieveAttachment(client, 'missing')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      ersCode: 'REC_NOT_FOUND',
      endpoint: 'A042',
      httpStatus: 404,
    });
  });

  it('a download whose upstream stalls is cut off after the idle timeout with UPSTREAM_UNAVAILABLE (TIMEOUT)', async () => {
    up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': '100000' });
      res.write('%PDF-1.4\n'); // then nothing, for ever
    });
    const file = await retrieveAttachment(
      new ErsClient(ersHttp(up.baseUrl), { credentials, correlationId: 'c' }, options({ timeoutMs: 300 })),
      'att-1',
    );
    const received: Buffer[] = [];
    const ended = new Promise<unknown>((resolve) => {
      file.body.on('data', (chunk: Buffer) => received.push(chunk));
      file.body.on('error', resolve);
      file.body.on('end', () => resolve('ended'));
    });
    expect(await ended).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', transport: 'TIMEOUT', endpoint: 'A042' });
    expect(Buffer.concat(received).toString()).toBe('%PDF-1.4\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(up.cutOff).toHaveLength(1);
  });
});
