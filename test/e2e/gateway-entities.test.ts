/**
 * `_entities`, the way a gateway or router reaches ers-graph's entities, is just another way in:
 * the same role gates, errors and patient-data rules as the root fields, and no more e-RS calls
 * than the same objects read through the graph (the same per-request loaders).
 */
import { findReferralByState } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

const ENTITIES = `query Entities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Referral { ubrn state { state } priority }
    ... on HealthcareService { id name directlyBookable }
    ... on AdviceAndGuidanceRequest { ubrn requestStatus: status }
    ... on Appointment { appointmentId: id appointmentStatus: status }
  }
}`;

describe('_entities', () => {
  let h: Harness;
  beforeAll(async () => {
    // No reads shared across requests: each request's e-RS calls are its own, so two ways in can be compared.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const world = () => h.simulator.world;
  const referrerUbrns = (n: number) =>
    world()
      .referrals.filter((r) => r.referrerOdsCode === world().referrer.odsCode)
      .slice(0, n)
      .map((r) => r.ubrn);
  const serviceIds = (n: number) =>
    world()
      .services.slice(0, n)
      .map((s) => s.id);
  const callsOf = (path: RegExp) => h.ersCalls().filter((call) => path.test(call.path)).length;

  it('reads 30 referrals with no more e-RS calls than 30 `referral(ubrn:)` fields, and the same answers', async () => {
    const ubrns = referrerUbrns(30);
    expect(ubrns).toHaveLength(30);
    const viaEntities = await h.query(ENTITIES, { representations: ubrns.map((ubrn) => ({ __typename: 'Referral', ubrn })) });
    expect(viaEntities.errors).toBeUndefined();
    const entityCalls = h.ersCalls().length;
    expect(callsOf(/^\/STU3\/ReferralRequest\//)).toBe(30);

    h.simulator.resetCalls();
    const aliased = ubrns.map((ubrn, i) => `r${i}: referral(ubrn: "${ubrn}") { ubrn state { state } priority }`).join('\n');
    const viaGraph = await h.query(`{ ${aliased} }`);
    expect(viaGraph.errors).toBeUndefined();
    const graphCalls = h.ersCalls().length;

    expect(entityCalls).toBeLessThanOrEqual(graphCalls);
    expect(viaEntities.data!._entities).toEqual(ubrns.map((_, i) => ({ __typename: 'Referral', ...viaGraph.data![`r${i}`] })));
  });

  it('reads a referral asked for twice once', async () => {
    const [ubrn] = referrerUbrns(1);
    const result = await h.query(ENTITIES, {
      representations: [
        { __typename: 'Referral', ubrn },
        { __typename: 'Referral', ubrn },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((e: { ubrn: string }) => e.ubrn)).toEqual([ubrn, ubrn]);
    expect(h.ersCalls()).toHaveLength(1);
  });

  it('reads 20 services in one A035, as `healthcareServices(ids:)` does', async () => {
    const ids = serviceIds(20);
    expect(ids).toHaveLength(20);
    const viaEntities = await h.query(ENTITIES, { representations: ids.map((id) => ({ __typename: 'HealthcareService', id })) });
    expect(viaEntities.errors).toBeUndefined();
    const entityCalls = h.ersCalls().length;

    h.simulator.resetCalls();
    const viaGraph = await h.query('query($ids: [ServiceId!]!) { healthcareServices(ids: $ids) { id name directlyBookable } }', { ids });
    expect(viaGraph.errors).toBeUndefined();

    expect(entityCalls).toBe(1);
    expect(entityCalls).toBeLessThanOrEqual(h.ersCalls().length);
    expect(viaEntities.data!._entities).toEqual(
      viaGraph.data!.healthcareServices.map((s: object) => ({ __typename: 'HealthcareService', ...s })),
    );
  });

  it('reads an appointment by id and an A&G request by UBRN, as their root fields do', async () => {
    const booked = findReferralByState(world(), 'BOOKED');
    const appointmentId = booked.appointment!.id;
    const request = world().adviceAndGuidance.find((r) => r.referrerOdsCode === world().referrer.odsCode)!;
    const result = await h.query(ENTITIES, {
      representations: [
        { __typename: 'Appointment', id: appointmentId },
        { __typename: 'AdviceAndGuidanceRequest', ubrn: request.ubrn },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { __typename: 'Appointment', appointmentId, appointmentStatus: expect.any(String) },
      { __typename: 'AdviceAndGuidanceRequest', ubrn: request.ubrn, requestStatus: expect.any(String) },
    ]);
    expect(h.ersCalls().map((call) => call.path.split('/').slice(0, 3).join('/'))).toEqual(
      expect.arrayContaining(['/STU3/Appointment', '/STU3/CommunicationRequest']),
    );
    expect(h.ersCalls()).toHaveLength(2);
  });

  it('refuses a caller with no token with UNAUTHENTICATED and no e-RS call at all', async () => {
    const result = await h.query(ENTITIES, { representations: [{ __typename: 'Referral', ubrn: referrerUbrns(1)[0] }] }, { user: null });
    expect(result.data!._entities).toEqual([null]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'UNAUTHENTICATED' } });
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('refuses a role e-RS would refuse with FORBIDDEN before any e-RS call, entity by entity', async () => {
    // A035 is for referring roles only; A005 is open to a provider clinician.
    const [ubrn] = world()
      .referrals.filter((r) => r.providerOdsCode === world().provider.odsCode && r.state === 'BOOKED')
      .map((r) => r.ubrn);
    const result = await h.query(
      ENTITIES,
      {
        representations: [
          { __typename: 'HealthcareService', id: serviceIds(1)[0] },
          { __typename: 'Referral', ubrn },
        ],
      },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'FORBIDDEN', endpoint: 'A035' } });
    expect(result.data!._entities[0]).toBeNull();
    expect(result.data!._entities[1]).toMatchObject({ __typename: 'Referral', ubrn });
    expect(h.ersCalls().map((call) => call.path)).toEqual([`/STU3/ReferralRequest/${ubrn}`]);
  });

  it('refuses a commissioner any referral with FORBIDDEN and no e-RS call', async () => {
    const result = await h.query(
      ENTITIES,
      { representations: referrerUbrns(3).map((ubrn) => ({ __typename: 'Referral', ubrn })) },
      { user: USERS.commissioner, headers: { 'NHSD-eRS-Business-Function': 'COMMISSIONER', 'NHSD-End-User-Organisation-ODS': 'Q9Z' } },
    );
    expect(result.data!._entities).toEqual([null, null, null]);
    expect(result.errors!.map((e) => e.extensions!.code)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('refuses a key of the wrong shape with BAD_USER_INPUT that does not echo it, and no e-RS call', async () => {
    const nhsNumberLike = '9990001234';
    const result = await h.query(ENTITIES, { representations: [{ __typename: 'Referral', ubrn: nhsNumberLike }] });
    expect(result.errors![0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors![0].message).toBe('representations.ubrn must be exactly 12 digits');
    expect(JSON.stringify(result)).not.toContain(nhsNumberLike);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('refuses types another subgraph owns (Patient) with BAD_USER_INPUT that does not echo the representation', async () => {
    const nhsNumber = '9990000018';
    const result = await h.query(ENTITIES, { representations: [{ __typename: 'Patient', nhsNumber }] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result)).not.toContain(nhsNumber);
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('maps e-RS errors as the root field does: an unknown UBRN is NOT_FOUND at its position', async () => {
    const [known] = referrerUbrns(1);
    const result = await h.query(ENTITIES, {
      representations: [
        { __typename: 'Referral', ubrn: '000099999999' },
        { __typename: 'Referral', ubrn: known },
      ],
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({ path: ['_entities', 0], extensions: { code: 'NOT_FOUND', endpoint: 'A005' } });
    expect(result.data!._entities[1]).toMatchObject({ ubrn: known });
  });

  it('prices `_entities` before it runs: too many representations are refused with COST_LIMIT_EXCEEDED and no e-RS call', async () => {
    const limit = h.config.ersCostLimit;
    const representations = Array.from({ length: limit }, (_, i) => ({ __typename: 'Referral', ubrn: String(i).padStart(12, '0') }));
    const result = await h.query(ENTITIES, { representations });
    expect(result.status).toBe(400);
    expect(result.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', reason: 'ERS_CALLS', estimate: limit + 1, limit });
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('reports the estimate and the calls made in extensions.cost', async () => {
    const ubrns = referrerUbrns(5);
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: JSON.stringify({
        query: ENTITIES,
        variables: { representations: ubrns.map((ubrn) => ({ __typename: 'Referral', ubrn })) },
        extensions: { cost: true },
      }),
    });
    const body = (await response.json()) as { extensions: { cost: { estimatedCalls: number; actualCalls: number } } };
    // 5 A005 and the caller's roles (A030).
    expect(body.extensions.cost.estimatedCalls).toBe(6);
    expect(body.extensions.cost.actualCalls).toBeLessThanOrEqual(body.extensions.cost.estimatedCalls);
    expect(callsOf(/^\/STU3\/ReferralRequest\//)).toBe(5);
  });
});
