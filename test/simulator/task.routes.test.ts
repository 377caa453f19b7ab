import { startSimulator, type RunningSimulator } from '../../simulator';
import { ACTION_RULES, availableActions } from '../../simulator/data/available-actions';
import type { ReferralState } from '../../simulator/data/world';
import { asApplication, asUser, OTHER_PRACTICE, OUTSIDERS } from './helpers/caller';
import { call, errorCode, type Json } from './helpers/fhir';

describe('A029 available actions for user', () => {
  let sim: RunningSimulator;
  let http: ReturnType<typeof call>;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, seed: 1, users: OUTSIDERS });
    http = call(sim.baseUrl);
  });
  afterAll(async () => {
    await sim.close();
  });

  const referralIn = (state: ReferralState) => sim.world.referrals.find((r) => r.state === state)!;
  const tasks = async (ubrn: string, version: number, headers: Record<string, string>, extra = '&intent=proposal&status=ready') =>
    http.get(`/STU3/Task?focus=ReferralRequest/${ubrn}/_history/${version}${extra}`, headers);
  const codes = (body: Json): string[] => body.entry.map((e: Json) => e.resource.code.coding[0].code);

  it.each<[ReferralState, 'REFERRING_CLINICIAN' | 'SERVICE_PROVIDER_CLINICIAN', string[]]>([
    [
      'NOT_BOOKED',
      'REFERRING_CLINICIAN',
      ['CREATE_APPOINTMENT', 'CHANGE_SHORTLIST', 'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE', 'CANCEL_REFERRAL'],
    ],
    ['AWAITING_TRIAGE', 'REFERRING_CLINICIAN', ['CANCEL_REFERRAL']],
    ['AWAITING_TRIAGE', 'SERVICE_PROVIDER_CLINICIAN', ['RECORD_REVIEW_OUTCOME', 'CANCEL_REFERRAL']],
    ['DEFERRED_TO_PROVIDER', 'SERVICE_PROVIDER_CLINICIAN', ['RECORD_REVIEW_OUTCOME', 'CANCEL_REFERRAL']],
    ['BOOKED', 'SERVICE_PROVIDER_CLINICIAN', ['CANCEL_REFERRAL']],
    ['CANCELLED_REFERRAL', 'REFERRING_CLINICIAN', []],
    ['CANCELLED_REFERRAL', 'SERVICE_PROVIDER_CLINICIAN', []],
  ])('a %s referral offers %s the right actions', async (state, role, expected) => {
    const referral = referralIn(state);
    const response = await tasks(referral.ubrn, referral.versionId, await asUser(sim, role));
    expect(response.status).toBe(200);
    expect(codes(response.data)).toEqual(expected);
    expect(response.data).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self' }] });
    for (const entry of response.data.entry) {
      expect(entry.search).toEqual({ mode: 'match' });
      expect(entry.resource).toMatchObject({
        resourceType: 'Task',
        status: 'ready',
        intent: 'proposal',
        focus: { reference: `ReferralRequest/${referral.ubrn}/_history/${referral.versionId}` },
        meta: { profile: ['https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Task-1'] },
      });
      expect(entry.resource.code.coding[0].system).toBe('https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-1');
    }
  });

  it('offers the referrer cancellation of a directly booked appointment only', async () => {
    const dbs = sim.world.referrals.find((r) => r.state === 'BOOKED' && r.appointment?.slotId)!;
    const ibs = sim.world.referrals.find((r) => r.state === 'BOOKED' && !r.appointment?.slotId)!;
    const headers = await asUser(sim, 'REFERRING_CLINICIAN');
    expect(codes((await tasks(dbs.ubrn, dbs.versionId, headers)).data)).toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');
    expect(codes((await tasks(ibs.ubrn, ibs.versionId, headers)).data)).not.toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');
  });

  it('gives applications the provider actions and outsiders none', async () => {
    const triage = referralIn('AWAITING_TRIAGE');
    expect(codes((await tasks(triage.ubrn, triage.versionId, await asApplication(sim))).data)).toEqual([
      'RECORD_REVIEW_OUTCOME',
      'CANCEL_REFERRAL',
    ]);
    const outsider = await tasks(triage.ubrn, triage.versionId, await asUser(sim, 'REFERRING_CLINICIAN', OTHER_PRACTICE));
    expect(outsider.status).toBe(200);
    expect(outsider.data.entry).toEqual([]);
  });

  it('answers 400 for an old version, an unknown UBRN, missing or wrong parameters', async () => {
    const headers = await asUser(sim, 'REFERRING_CLINICIAN');
    const dna = referralIn('DID_NOT_ATTEND');
    const old = await tasks(dna.ubrn, 1, headers);
    expect([old.status, errorCode(old.data)]).toEqual([400, 'HISTORY_NOT_SUPPORTED']);
    const unknown = await tasks('000099999999', 1, headers);
    expect([unknown.status, errorCode(unknown.data)]).toEqual([400, 'REFERENCE_NOT_FOUND']);
    const missing = await tasks(dna.ubrn, dna.versionId, headers, '&intent=proposal');
    expect([missing.status, errorCode(missing.data)]).toEqual([400, 'MISSING_PARAMETER']);
    const wrong = await tasks(dna.ubrn, dna.versionId, headers, '&intent=order&status=ready');
    expect([wrong.status, errorCode(wrong.data)]).toEqual([400, 'INVALID_VALUE']);
  });

  it('has one rule per (action, side) and never offers referrer actions to providers', () => {
    const keys = ACTION_RULES.map((r) => `${r.action}/${r.side}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const referral of sim.world.referrals) {
      expect(availableActions(sim.world, referral, 'PROVIDER')).not.toContain('CREATE_APPOINTMENT');
    }
  });
});
