import axios, { type AxiosResponse } from 'axios';
import { parseFaultSpec, startSimulator, type RunningSimulator } from '../../simulator';
import { applicationAccessToken, bearer, registerTestApplication } from './helpers';

type Json = Record<string, any>;

describe('simulator faults', () => {
  let sim: RunningSimulator;
  // An application-restricted token: A005 and A033 both allow it without role headers.
  let headers: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    headers = bearer(await applicationAccessToken(sim, await registerTestApplication(sim)));
  });

  afterEach(() => {
    sim.setFaults([]);
    sim.resetCalls();
  });

  afterAll(async () => {
    await sim.close();
  });

  const get = (path: string): Promise<AxiosResponse<Json>> => axios.get(`${sim.baseUrl}${path}`, { headers, validateStatus: () => true });
  const referralPath = (): string => `/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`;

  it("answers a 'status' 503 with the ServiceUnavailable OperationOutcome, for the given number of times", async () => {
    sim.setFaults([{ kind: 'status', status: 503, path: '/STU3/ReferralRequest', times: 1 }]);
    const first = await get(referralPath());
    expect(first.status).toBe(503);
    expect(first.headers['content-type']).toBe('application/fhir+json');
    expect(first.data.issue[0]).toMatchObject({ code: 'transient', details: { coding: [{ code: 'SYSTEM_UNAVAILABLE' }] } });
    expect((await get(referralPath())).status).toBe(200);
  });

  it("answers a 'status' 500 on an R4 path with the R4 OperationOutcome", async () => {
    sim.setFaults([{ kind: 'status', status: 500, path: /^\/R4\// }]);
    const response = await get('/R4/HealthcareService/30001');
    expect(response.status).toBe(500);
    expect(response.data.issue[0].details.coding[0]).toEqual({
      system: 'https://fhir.nhs.uk/CodeSystem/http-error-codes',
      code: 'REC_SERVER_ERROR',
    });
    // Paths that do not match are untouched.
    expect((await get(referralPath())).status).toBe(200);
  });

  it("answers 'rate-limit' with 429, Retry-After and TOO_MANY_REQUESTS", async () => {
    sim.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 7, times: 2 }]);
    const response = await get(referralPath());
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.data.issue[0]).toMatchObject({ code: 'throttled', details: { coding: [{ code: 'TOO_MANY_REQUESTS' }] } });
    expect((await get(referralPath())).status).toBe(429);
    expect((await get(referralPath())).status).toBe(200);
  });

  it("destroys the connection for 'drop' and records the call with status 0", async () => {
    sim.setFaults([{ kind: 'drop', method: 'GET', times: 1 }]);
    await expect(axios.get(`${sim.baseUrl}${referralPath()}`, { headers })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|ERR_BAD_RESPONSE|ECONNABORTED/),
    });
    expect(sim.calls).toHaveLength(1);
    expect(sim.calls[0].status).toBe(0);
    expect((await get(referralPath())).status).toBe(200);
  });

  it("holds the response for 'delay'", async () => {
    sim.setFaults([{ kind: 'delay', delayMs: 300 }]);
    const started = Date.now();
    const response = await get(referralPath());
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('matches faults by method', async () => {
    sim.setFaults([{ kind: 'status', status: 500, method: 'POST' }]);
    expect((await get(referralPath())).status).toBe(200);
  });

  it('applies startup faults and latency', async () => {
    const slow = await startSimulator({ port: 0, latencyMs: 200, faults: [{ kind: 'status', status: 502, times: 1 }] });
    try {
      const headers = bearer(await applicationAccessToken(slow, await registerTestApplication(slow)));
      const started = Date.now();
      const first = await axios.get(`${slow.baseUrl}${referralPath()}`, { headers, validateStatus: () => true });
      expect(first.status).toBe(502);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      expect((await axios.get(`${slow.baseUrl}${referralPath()}`, { headers, validateStatus: () => true })).status).toBe(200);
    } finally {
      await slow.close();
    }
  });

  it('parses the CLI form of a fault and rejects nonsense', () => {
    expect(parseFaultSpec('kind=status,status=503,path=/STU3/ReferralRequest,times=2')).toEqual({
      kind: 'status',
      status: 503,
      path: '/STU3/ReferralRequest',
      times: 2,
    });
    expect(parseFaultSpec('kind=rate-limit,retryAfterSeconds=5,path=~^/R4/').path).toEqual(/^\/R4\//);
    expect(() => parseFaultSpec('kind=status')).toThrow(/status/);
    expect(() => parseFaultSpec('kind=explode')).toThrow(/kind/);
    expect(() => sim.setFaults([{ kind: 'delay' }])).toThrow(/delayMs/);
  });
});
