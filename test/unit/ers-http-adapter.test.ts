import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import axios, { AxiosError, AxiosInstance } from 'axios';
import { ersAdapter, ersAgents, fullPath, queryString } from '../../datasources/ers/http-adapter';

/** What the server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A real HTTP server with a handler per test; records every request it read whole. */
async function upstream(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, baseURL: `http://127.0.0.1:${port}/FHIR` };
}

/** ersHttp's settings, with this adapter or axios's own. */
const instance = (baseURL: string, adapter: 'ers' | 'axios'): AxiosInstance =>
  axios.create({
    baseURL,
    validateStatus: () => true,
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true },
    paramsSerializer: { indexes: null },
    proxy: false,
    ...(adapter === 'ers' ? { adapter: ersAdapter, httpAgent: ersAgents.http } : {}),
  });

const json = { responseType: 'text' as const, transformResponse: (text: string) => text };

describe('the e-RS axios adapter (datasources/ers/http-adapter.ts)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server!.close(resolve));
    server = undefined;
  });

  it('sends what axios own adapter sends and answers what it answers: method, path, repeated query keys, body, headers, status, ETag', async () => {
    const up = await upstream((_req, res, body) => {
      res.writeHead(201, { 'Content-Type': 'application/fhir+json', ETag: 'W/"7"', Location: 'Binary/abc' });
      res.end(JSON.stringify({ echoed: body, text: 'é – ✓' }));
    });
    server = up.server;
    const call = (http: AxiosInstance) =>
      http.request({
        ...json,
        method: 'POST',
        url: '/STU3/ReferralRequest/$ers.fetchworklist',
        params: { status: ['booked', 'awaiting booking'], _count: '20', odd: 'a:b,c$d+e&f' },
        data: { resourceType: 'Parameters', note: 'ü' },
        headers: { Accept: 'application/fhir+json', 'X-Correlation-ID': 'corr-1', Authorization: 'Bearer t' },
      });
    const ours = await call(instance(up.baseURL, 'ers'));
    const theirs = await call(instance(up.baseURL, 'axios'));
    const [mine, axiosOwn] = up.seen;

    expect(ours.status).toBe(201);
    expect([ours.status, ours.data, ours.headers['etag'], ours.headers['location']]).toEqual([
      theirs.status,
      theirs.data,
      theirs.headers['etag'],
      theirs.headers['location'],
    ]);
    expect(JSON.parse(ours.data as string)).toEqual({ echoed: '{"resourceType":"Parameters","note":"ü"}', text: 'é – ✓' });
    expect(mine.method).toBe(axiosOwn.method);
    expect(mine.body).toBe(axiosOwn.body);
    // The same path and the same decoded query (the two encode some characters differently).
    const parse = (url: string) => {
      const parsed = new URL(url, 'http://x');
      return [parsed.pathname, [...parsed.searchParams.entries()]];
    };
    expect(parse(mine.url)).toEqual(parse(axiosOwn.url));
    expect(parse(mine.url)).toEqual([
      '/FHIR/STU3/ReferralRequest/$ers.fetchworklist',
      [
        ['status', 'booked'],
        ['status', 'awaiting booking'],
        ['_count', '20'],
        ['odd', 'a:b,c$d+e&f'],
      ],
    ]);
    for (const name of ['accept', 'x-correlation-id', 'authorization', 'content-type', 'content-length', 'user-agent']) {
      expect([name, mine.headers[name]]).toEqual([name, axiosOwn.headers[name]]);
    }
    expect(mine.headers['accept-encoding']).toBe('gzip, deflate, br');
  });

  it('decodes gzip, deflate and br answers, as axios own adapter does', async () => {
    const text = JSON.stringify({ resourceType: 'Bundle', entry: Array.from({ length: 200 }, (_, i) => ({ id: `e${i}` })) });
    const encoders: Record<string, (input: string) => Buffer> = {
      gzip: (input) => zlib.gzipSync(input),
      deflate: (input) => zlib.deflateSync(input),
      br: (input) => zlib.brotliCompressSync(input),
    };
    const up = await upstream((req, res) => {
      const encoding = String(req.url).split('/').pop()!;
      res.writeHead(200, { 'Content-Type': 'application/fhir+json', 'Content-Encoding': encoding });
      res.end(encoders[encoding](text));
    });
    server = up.server;
    const http = instance(up.baseURL, 'ers');
    for (const encoding of Object.keys(encoders)) {
      const answer = await http.request({ ...json, method: 'GET', url: `/STU3/x/${encoding}` });
      expect([encoding, answer.data]).toEqual([encoding, text]);
      expect(answer.headers['content-encoding']).toBeUndefined();
    }
  });

  it('times out the whole exchange with ETIMEDOUT, even while the answer is still trickling in', async () => {
    const up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
      res.write('{"a":');
      // A byte every 50 ms: a quiet-socket timeout would never fire.
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
    });
    server = up.server;
    const error = await instance(up.baseURL, 'ers')
      .request({ ...json, method: 'GET', url: '/slow', timeout: 300 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ETIMEDOUT');
  });

  it('ends the exchange when its signal aborts (ERR_CANCELED), and before sending when it is already aborted', async () => {
    const up = await upstream(() => undefined); // never answers
    server = up.server;
    const http = instance(up.baseURL, 'ers');
    const controller = new AbortController();
    const pending = http.request({ ...json, method: 'GET', url: '/never', signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await pending).toMatchObject({ code: 'ERR_CANCELED' });
    expect(up.seen).toHaveLength(1);

    const before = new AbortController();
    before.abort();
    expect(await http.request({ ...json, method: 'GET', url: '/never', signal: before.signal }).catch((e: unknown) => e)).toMatchObject({
      code: 'ERR_CANCELED',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(up.seen).toHaveLength(1);
  });

  it('stops reading past maxContentLength with the error axios gives (ERR_BAD_RESPONSE naming maxContentLength)', async () => {
    const up = await upstream((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
      res.end(Buffer.alloc(10_000, 0x20));
    });
    server = up.server;
    const http = instance(up.baseURL, 'ers');
    const error = await http.request({ ...json, method: 'GET', url: '/big', maxContentLength: 4096 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ERR_BAD_RESPONSE' });
    expect((error as Error).message).toMatch(/maxContentLength/);
    // At the limit exactly, the answer is whole.
    expect((await http.request({ ...json, method: 'GET', url: '/big', maxContentLength: 10_000 })).data).toHaveLength(10_000);
  });

  it('applies validateStatus as axios does, and reports a refused connection with its Node code', async () => {
    const up = await upstream((_req, res) => {
      res.writeHead(404, { 'Content-Type': 'application/fhir+json' });
      res.end('{"resourceType":"OperationOutcome"}');
    });
    server = up.server;
    const strict = axios.create({ baseURL: up.baseURL, adapter: ersAdapter, proxy: false });
    const refused = await strict.request({ ...json, method: 'GET', url: '/missing' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'ERR_BAD_REQUEST', response: { status: 404, data: '{"resourceType":"OperationOutcome"}' } });

    const closed = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const error = await instance(`http://127.0.0.1:${closed}/FHIR`, 'ers')
      .request({ ...json, method: 'GET', url: '/x' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('leaves streams to axios own adapter: a streamed answer and a streamed upload', async () => {
    const up = await upstream((_req, res, body) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(`got ${body.length}`);
    });
    server = up.server;
    const http = instance(up.baseURL, 'ers');
    const streamed = await http.request<Readable>({ method: 'GET', url: '/file', responseType: 'stream' });
    const chunks: Buffer[] = [];
    for await (const chunk of streamed.data) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('got 0');

    const upload = await http.request({ ...json, method: 'POST', url: '/upload', data: Readable.from([Buffer.alloc(1000, 1)]) });
    expect(upload.data).toBe('got 1000');
  });

  it('joins paths and queries as axios does', () => {
    expect(fullPath('http://e/FHIR/', '/STU3/x')).toBe('http://e/FHIR/STU3/x');
    expect(fullPath('http://e/FHIR', 'STU3/x')).toBe('http://e/FHIR/STU3/x');
    expect(fullPath('http://e/FHIR', 'https://other/y')).toBe('https://other/y');
    expect(fullPath(undefined, '/x')).toBe('/x');
    expect(queryString({ a: ['1', '2'], b: undefined, c: null, d: 3 })).toBe('a=1&a=2&d=3');
    expect(queryString(undefined)).toBe('');
  });
});
