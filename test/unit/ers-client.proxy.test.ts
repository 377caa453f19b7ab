import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErsClient, ersHttp, staticCredentials } from '../../datasources/ers/client';

/** A real HTTP server answering every request with a referral, remembering the request lines it got. */
async function server(name: string) {
  const seen: string[] = [];
  const http: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    res.setHeader('content-type', 'application/fhir+json');
    res.end(JSON.stringify({ resourceType: 'ReferralRequest', id: name }));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => http.close(resolve)) };
}

const options = { timeoutMs: 5000, maxConcurrency: 2, maxRateLimitRetries: 0, retryBaseDelayMs: 10 };
const read = (baseUrl: string, env: NodeJS.ProcessEnv) =>
  new ErsClient(ersHttp(baseUrl, env), { credentials: staticCredentials('t'), correlationId: 'c' }, options).read(
    'A005',
    '/STU3/ReferralRequest/000050000001',
  );

describe('the e-RS client and an HTTP proxy named in the environment', () => {
  const saved = process.env.HTTP_PROXY;
  afterEach(() => {
    if (saved === undefined) delete process.env.HTTP_PROXY;
    else process.env.HTTP_PROXY = saved;
  });

  it('goes through HTTP_PROXY when one is named at start, and straight to e-RS when none is', async () => {
    const ers = await server('from-ers');
    const proxy = await server('from-proxy');
    try {
      process.env.HTTP_PROXY = proxy.url;
      // Each base URL gets its own instance, which looks the proxy up once, when it is made.
      const proxied = await read(`${ers.url}/FHIR`, process.env);
      expect(proxied.body).toEqual({ resourceType: 'ReferralRequest', id: 'from-proxy' });
      expect(proxy.seen).toEqual([`${ers.url}/FHIR/STU3/ReferralRequest/000050000001`]);

      const direct = await read(`${ers.url}/FHIR/`, {});
      expect(direct.body).toEqual({ resourceType: 'ReferralRequest', id: 'from-ers' });
      expect(ers.seen).toEqual(['/FHIR/STU3/ReferralRequest/000050000001']);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await ers.close();
      await proxy.close();
    }
  });
});
