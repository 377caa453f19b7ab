/**
 * The simulator against the e-RS specification itself, not against the gateway: every simulator
 * response checked here validates against the spec's JSON schema for that endpoint and status,
 * and every request example of the spec is accepted by the simulator. Runs when ERS_SPEC_DIR
 * names a copy of the spec (a skip otherwise; an error in CI, see test/helpers/spec.ts).
 */
import { startSimulator, type RunningSimulator } from '../../simulator';
import { describeWithSpec, SPEC_DIR } from '../helpers/spec';
import { CODE_SYSTEM_TYPES } from '../../simulator/data/codes';
import type { BusinessFunction } from '../../simulator/data/codes';
import { asUser } from './helpers/caller';
import { bearer, registerTestApplication, userAccessToken } from './helpers/identity';
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

    // Every read endpoint with a JSON answer, over the seed world's own ids (the spec's example ids do not exist in it).
    type Read = [string, string, BusinessFunction, () => string[], (() => Record<string, string>)?];
    const firstOf = <T>(items: T[], n = 5): T[] => items.slice(0, n);
    it.each<Read>([
      ['A004', 'a004-retrieve-reference-data', 'REFERRING_CLINICIAN', () => CODE_SYSTEM_TYPES.map((type) => `/STU3/CodeSystem/${type}`)],
      ['A005 versioned', 'a005-retrieve-referral-request-versioned', 'REFERRING_CLINICIAN', () => firstOf(sim.world.referrals, 20).map((r) => `/STU3/ReferralRequest/${r.ubrn}/_history/${r.versionId}`)],
      ['A024', 'a024-retrieve-advice-and-guidance', 'REFERRING_CLINICIAN', () => sim.world.adviceAndGuidance.map((a) => `/STU3/CommunicationRequest/${a.ubrn}`)],
      ['A024 versioned', 'a024-retrieve-advice-and-guidance-versioned', 'SERVICE_PROVIDER_CLINICIAN', () => sim.world.adviceAndGuidance.map((a) => `/STU3/CommunicationRequest/${a.ubrn}/_history/${a.versionId}`)],
      ['A025', 'a025-retrieve-advice-and-guidance-conversation', 'SERVICE_PROVIDER_CLINICIAN', () => sim.world.adviceAndGuidance.map((a) => `/STU3/Communication?based-on=CommunicationRequest/${a.ubrn}/_history/${a.versionId}`)],
      ['A029', 'a029-available-actions-for-user-list', 'SERVICE_PROVIDER_CLINICIAN', () => sim.world.referrals.map((r) => `/STU3/Task?focus=ReferralRequest/${r.ubrn}/_history/${r.versionId}&intent=proposal&status=ready`)],
      ['A015', 'a015-retrieve-appointment-slots', 'REFERRING_CLINICIAN', () =>
        firstOf(sim.world.services.filter((s) => sim.world.slotSchedule.slots.some((slot) => slot.serviceId === s.id))).map(
          (s) => `/STU3/Slot?schedule.actor:HealthcareService=${s.id}&appointmentType=ROUTINE&status=free&_count=5&page=1`,
        ),
        () => ({ 'NHSD-eRS-Comm-Rule-Org': sim.world.commissioner.odsCode })],
      ['A033', 'a033-retrieve-healthcare-service', 'REFERRING_CLINICIAN', () => sim.world.services.map((s) => `/R4/HealthcareService/${s.id}`)],
      ['A035', 'a035-search-for-healthcare-services', 'REFERRING_CLINICIAN', () => [`/R4/HealthcareService?_id=${firstOf(sim.world.services, 20).map((s) => s.id).join(',')}`]],
      ['A038', 'a038-retrieve-appointment', 'REFERRING_CLINICIAN', () => sim.world.referrals.flatMap((r) => (r.appointment ? [`/STU3/Appointment/${r.appointment.id}`] : []))],
      ['A038 versioned', 'a038-retrieve-appointment-versioned', 'SERVICE_PROVIDER_CLINICIAN', () =>
        sim.world.referrals.flatMap((r) => (r.appointment ? [`/STU3/Appointment/${r.appointment.id}/_history/${r.appointment.versionId}`] : []))],
      ['A040', 'a040-retrieve-practitioner-info', 'SERVICE_PROVIDER_CLINICIAN_ADMIN', () => ['/R4/Practitioner?_query=onBehalfOf']],
      ['A041', 'a041-search-service-request', 'REFERRING_CLINICIAN', () => firstOf(sim.world.referrals, 20).map((r) => `/R4/ServiceRequest?identifier=${r.ubrn}`)],
    ])('%s', async (_label, operationId, role, paths, extraHeaders = () => ({})) => {
      const headers = { ...(await asUser(sim, role)), ...extraHeaders() };
      const all = paths();
      expect(all.length).toBeGreaterThan(0);
      for (const path of all) {
        const response = await http.get(path, headers);
        expect({ path, ...conformance(operationId, response.status, response.data) }).toEqual({ path, status: 200, errors: [] });
      }
    });

    it('A030: the roles of every user', async () => {
      const app = await registerTestApplication(sim);
      for (const practitioner of sim.world.practitioners.filter((p) => p.idAssuranceLevel >= 3 && p.authenticationAssuranceLevel >= 3)) {
        const response = await http.get('/R4/PractitionerRole', bearer(await userAccessToken(sim, app, practitioner.userId)));
        expect({ user: practitioner.userId, ...conformance('a030-retrieve-business-functions', response.status, response.data) }).toEqual({ user: practitioner.userId, status: 200, errors: [] });
      }
    });

    it('and the schemas do refuse what they should (the check is not vacuous)', async () => {
      const response = await http.get(`/STU3/ReferralRequest/${sim.world.referrals[0].ubrn}`, await asUser(sim, 'REFERRING_CLINICIAN'));
      const { subject: _subject, ...withoutSubject } = response.data as Json;
      expect(conformance('a005-retrieve-referral-request', 200, withoutSubject).errors).toContain("/ must have required property 'subject'");
      expect(conformance('a005-retrieve-referral-request', 200, { ...response.data, status: 'nonsense' }).errors.length).toBeGreaterThan(0);
    });
  });
});
