import { startSimulator, type RunningSimulator } from '../../simulator';
import { asApplication, asUser, OTHER_TRUST, OUTSIDERS } from './helpers/caller';
import { call, errorCode, expectKeys, type Json } from './helpers/fhir';

describe('A038 retrieve appointment', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  it('returns the current appointment with its id, ETag and required elements', async () => {
    const referral = sim.world.referrals.find((r) => r.state === 'BOOKED' && r.appointment?.allocatedClinicianUserId)!;
    const appointment = referral.appointment!;
    const response = await http.get(`/STU3/Appointment/${appointment.id}`, await asUser(sim, 'REFERRING_CLINICIAN'));
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe(`W/"${appointment.versionId}"`);
    const body = response.data;
    expectKeys(body, ['id', 'meta', 'resourceType', 'status', 'description', 'incomingReferral', 'participant']);
    expect(body).toMatchObject({
      id: appointment.id,
      resourceType: 'Appointment',
      status: 'booked',
      description: 'e-Referral Appointment',
      start: appointment.start,
    });
    expect(body.meta.versionId).toBe(String(appointment.versionId));
    expect(body.incomingReferral[0].reference).toBe(`ReferralRequest/${referral.ubrn}/_history/${appointment.referralVersionId}`);
    expect(body.participant).toHaveLength(3);
    expect(body.participant.map((p: Json) => p.actor.identifier.system)).toEqual([
      'http://fhir.nhs.net/Id/ers-service',
      'http://fhir.nhs.net/Id/nhs-number',
      'http://fhir.nhs.net/Id/sds-user-id',
    ]);
  });

  it('returns earlier versions from _history with their own status', async () => {
    const referral = sim.world.referrals.find((r) => r.state === 'DID_NOT_ATTEND')!;
    const appointment = referral.appointment!;
    const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
    const first = await http.get(`/STU3/Appointment/${appointment.id}/_history/1`, headers);
    expect([first.status, first.data.status, first.headers.etag]).toEqual([200, 'booked', 'W/"1"']);
    const current = await http.get(`/STU3/Appointment/${appointment.id}`, headers);
    expect(current.data.status).toBe('noshow');
    const missing = await http.get(`/STU3/Appointment/${appointment.id}/_history/${appointment.versionId + 1}`, headers);
    expect(missing.status).toBe(404);
  });

  it('answers 404 unknown, 400 malformed, 422 NO_RELATIONSHIP for another trust and 403 for applications', async () => {
    const headers = await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN');
    const unknown = await http.get('/STU3/Appointment/1', headers);
    expect([unknown.status, errorCode(unknown.data)]).toEqual([404, 'REC_NOT_FOUND']);
    expect((await http.get('/STU3/Appointment/abc', headers)).status).toBe(400);
    const id = sim.world.referrals.find((r) => r.appointment)!.appointment!.id;
    const outsider = await http.get(`/STU3/Appointment/${id}`, await asUser(sim, 'SERVICE_PROVIDER_CLINICIAN', OTHER_TRUST));
    expect([outsider.status, errorCode(outsider.data)]).toEqual([422, 'NO_RELATIONSHIP']);
    expect((await http.get(`/STU3/Appointment/${id}`, await asApplication(sim))).status).toBe(403);
  });
});
