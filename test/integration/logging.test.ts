import { Writable } from 'node:stream';
import { findReferralByState } from '../../simulator';
import { createLogger } from '../../src/logger';
import { Harness, startHarness } from '../helpers/harness';

/** A pino logger at `level` whose lines are kept in `lines`. */
function capturedLog(level: 'trace' | 'info', lines: string[]) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return createLogger(level, sink);
}

describe('logs', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ log: capturedLog('trace', lines) });
  });
  afterAll(() => h.close());

  it('carry the request and its e-RS calls, but no token, NHS number, UBRN argument or diagnostics', async () => {
    const referral = findReferralByState(h.simulator.world, 'BOOKED');
    const ok = await h.query(
      'query Detail($ubrn: UBRN!) { referral(ubrn: $ubrn) { patientNhsNumber shortlist { name } } }',
      { ubrn: referral.ubrn },
      { headers: { 'X-Correlation-ID': 'log-test-1' } },
    );
    expect(ok.data!.referral.patientNhsNumber).toBe(referral.patientNhsNumber);
    // A mistyped argument holding an NHS number, and an e-RS 404 with diagnostics.
    await h.query('query Bad($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn } }', { ubrn: referral.patientNhsNumber });
    await h.query('query Missing { referral(ubrn: "999999999999") { ubrn } }');
    h.simulator.setFaults([{ path: '/STU3/ReferralRequest', kind: 'status', status: 500, times: 1 }]);
    await h.query(`query Broken { referral(ubrn: "${referral.ubrn}") { ubrn } }`);

    const log = lines.join('');
    const idToken = await h.idToken('555010000002');
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.some((e) => e.msg === 'graphql request' && e.operationName === 'Detail' && e.correlationId === 'log-test-1')).toBe(true);
    expect(entries.some((e) => e.msg === 'e-RS call' && e.ers.endpoint === 'A005' && e.ers.status === 200)).toBe(true);
    expect(entries.some((e) => e.msg === 'graphql request' && e.operationName === 'Missing' && e.errorCodes.includes('NOT_FOUND'))).toBe(
      true,
    );

    expect(log).not.toContain(referral.patientNhsNumber);
    expect(log).not.toContain(idToken);
    expect(log).not.toContain(idToken.split('.')[2]);
    expect(log).not.toMatch(/Bearer /);
    expect(log).not.toContain(referral.ubrn);
    expect(log).not.toContain('999999999999');
  });
});

describe('client-chosen strings in logs', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    h = await startHarness({ log: capturedLog('info', lines) });
  });
  afterAll(() => h.close());

  const nhsNumber = '9434765919';
  const requestLines = () => lines.map((line) => JSON.parse(line)).filter((e) => e.msg === 'graphql request');

  it.each([
    ['an NHS number', nhsNumber],
    ['a UBRN inside a token', 'ref-000050000001'],
    ['six digits in a row', 'call-123456'],
    ['a space', 'my id'],
    ['more than 128 characters', 'a'.repeat(129)],
  ])('replace a correlation id holding %s with a fresh UUID, in the response and the logs', async (_what, given) => {
    lines.length = 0;
    const result = await h.query('query Plain { __typename }', {}, { headers: { 'X-Correlation-ID': given } });
    const used = result.headers.get('x-correlation-id')!;
    expect(used).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestLines().map((e) => e.correlationId)).toEqual([used]);
    expect(lines.join('')).not.toContain(given);
  });

  it.each([
    ['a UUID', '11C46F5F-CDEF-4865-94B2-0EE0EDCC26DA'],
    ['a UUID with long runs of digits', '12345678-1234-4234-8234-123456789012'],
    ['a plain token', 'worklist-screen.v2:42'],
  ])('keep a correlation id that is %s', async (_what, given) => {
    lines.length = 0;
    const result = await h.query('query Plain { __typename }', {}, { headers: { 'X-Correlation-ID': given } });
    expect(result.headers.get('x-correlation-id')).toBe(given);
    expect(requestLines().map((e) => e.correlationId)).toEqual([given]);
  });

  it.each([
    ['an NHS number', `Patient${nhsNumber}`],
    ['a UBRN', 'Referral_000050000001'],
    ['more than 64 characters', `Q${'x'.repeat(64)}`],
  ])('withhold an operation name holding %s', async (_what, name) => {
    lines.length = 0;
    await h.query(`query ${name} { __typename }`);
    expect(requestLines().map((e) => e.operationName)).toEqual(['(withheld)']);
    expect(lines.join('')).not.toContain(name);
  });

  it('log a plain operation name as it is', async () => {
    lines.length = 0;
    await h.query('query ProviderWorklistScreen2 { __typename }');
    expect(requestLines().map((e) => e.operationName)).toEqual(['ProviderWorklistScreen2']);
  });
});
