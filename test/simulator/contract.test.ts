/**
 * The simulator against the e-RS specification itself, not against the gateway: every simulator
 * response checked here validates against the spec's JSON schema for that endpoint and status,
 * and every request example of the spec is accepted by the simulator. Runs when ERS_SPEC_DIR
 * names a copy of the spec (a skip otherwise; an error in CI, see test/helpers/spec.ts).
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { describeWithSpec, SPEC_DIR } from '../helpers/spec';
import { asUser } from './helpers/caller';
import { call, type Json } from './helpers/fhir';
import { loadContract, schemaErrors, type Operation } from './helpers/spec-contract';

const operations: Operation[] = SPEC_DIR ? loadContract(SPEC_DIR) : [];
const operation = (operationId: string): Operation => {
  const found = operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`the spec has no operation ${operationId}`);
  return found;
};

/** The validation result of a body against the operation's schema for `status`, as a comparable value. */
function conformance(operationId: string, status: number, body: unknown): { status: number; errors: string[] } {
  const validate = operation(operationId).responses.get(status);
  if (!validate) return { status, errors: [`the spec has no ${status} schema for ${operationId}`] };
  return { status, errors: validate(body) ? [] : schemaErrors(validate.errors) };
}

describeWithSpec('the simulator against the e-RS specification', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1 });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('finds the operations of the spec', () => {
    expect(operations.length).toBeGreaterThanOrEqual(40);
    expect(operations.filter((o) => o.responses.size > 0).length).toBeGreaterThanOrEqual(30);
  });

  describe('responses validate against the spec schemas', () => {
    it('A005: every referral of the seed world', async () => {
      const headers = await asUser(sim, 'REFERRING_CLINICIAN');
      for (const referral of sim.world.referrals) {
        const response = await http.get(`/STU3/ReferralRequest/${referral.ubrn}`, headers);
        expect({ ubrn: referral.ubrn, ...conformance('a005-retrieve-referral-request', response.status, response.data) }).toEqual({ ubrn: referral.ubrn, status: 200, errors: [] });
      }
      expect(sim.world.referrals.length).toBeGreaterThan(20);
    });

    it('and the schemas do refuse what they should (the check is not vacuous)', async () => {
      const response = await http.get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, await asUser(sim, 'REFERRING_CLINICIAN'));
      const { subject: _subject, ...withoutSubject } = response.data as Json;
      expect(conformance('a005-retrieve-referral-request', 200, withoutSubject).errors).toContain("/ must have required property 'subject'");
      expect(conformance('a005-retrieve-referral-request', 200, { ...response.data, status: 'nonsense' }).errors.length).toBeGreaterThan(0);
    });
  });
});
