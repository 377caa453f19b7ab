import { Writable } from 'node:stream';
import { findReferralByState } from '../../simulator';
import { createLogger } from '../../src/logger';
import { Harness, startHarness } from '../helpers/harness';

describe('logs', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    h = await startHarness({ log: createLogger('trace', sink) });
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
    expect(entries.some((e) => e.msg === 'graphql request' && e.operationName === 'Missing' && e.errorCodes.includes('NOT_FOUND'))).toBe(true);

    expect(log).not.toContain(referral.patientNhsNumber);
    expect(log).not.toContain(idToken);
    expect(log).not.toContain(idToken.split('.')[2]);
    expect(log).not.toMatch(/Bearer /);
    expect(log).not.toContain(referral.ubrn);
    expect(log).not.toContain('999999999999');
  });
});
